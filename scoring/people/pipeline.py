"""The people stage, step by step, over one prepared document.

tokens → name mentions (titles, forms of address, NER) → people (coreference) → quotes and
the references they resolve → family roles and other flags → gender with its evidence →
occupation and function → the contract's :class:`~scoring.contract.PeopleReport`.
"""

from __future__ import annotations

from functools import lru_cache

from scoring.contract import PeopleReport, PersonResult, QuoteResult
from scoring.document import Document
from scoring.people.anaphora import Resolver
from scoring.people.coreference import Coreference, Person
from scoring.people.detection import Detector
from scoring.people.evidence import evidence_text
from scoring.people.flags import FlagFinder
from scoring.people.gender import GenderCue, certain_gender, resolve_gender
from scoring.people.ner import CRFRecogniser, default_recogniser
from scoring.people.quotes import PronounEvidence, QuoteFinder
from scoring.people.roles import RoleFinder
from scoring.people.tokens import tokenize
from scoring.people.vocabulary import Vocabulary, default_vocabulary

_STRENGTH = {"none": 0, "indirect": 1, "direct": 2}


class PeoplePipeline:
    """Everything the people stage needs, loaded once; :meth:`run` per document."""

    def __init__(self, vocabulary: Vocabulary, recogniser: CRFRecogniser) -> None:
        self.vocabulary = vocabulary
        self.detector = Detector(vocabulary, recogniser)
        self.coreference = Coreference(vocabulary.names)
        self.quotes = QuoteFinder(vocabulary)
        self.flags = FlagFinder(vocabulary)
        self.roles = RoleFinder(vocabulary)

    def run(self, document: Document) -> PeopleReport:
        tokens = tokenize(document.text)
        detection = self.detector.detect(document, tokens)
        persons = self.coreference.people(detection.mentions, detection.candidates)
        resolver = Resolver(self.vocabulary, detection, persons)
        for person in persons:
            certain = certain_gender(person, self.vocabulary.names)
            if certain is not None:
                resolver.known_gender[id(person)] = certain
        quotes, pronouns = self.quotes.find(document, resolver)
        pronouns += [
            PronounEvidence(person, reference.surface, reference.gender)
            for reference, person in resolver.sentence_subjects()
            if reference.gender
        ]
        flags = self.flags.flags(persons, resolver)
        results = []
        for person in persons:
            person_flags = flags[id(person)]
            gender, evidence = resolve_gender(
                person, self.vocabulary.names, person_flags.kinship, _references(person, pronouns)
            )
            role = self.roles.role(person, quotes, resolver)
            kinds = [quote.kind for quote in quotes if quote.speaker is person]
            results.append(
                PersonResult(
                    name=person.name,
                    gender=gender,
                    gender_evidence=evidence,  # type: ignore[arg-type]
                    quoted=max(kinds, key=_STRENGTH.__getitem__, default="none"),  # type: ignore[arg-type]
                    function=role.function,
                    occupation=role.occupation,  # type: ignore[arg-type]
                    occupation_group=role.group,
                    family_role=person_flags.family_role,
                    age_given=person_flags.age_given,
                    appearance_described=person_flags.appearance_described,
                    victim=person_flags.victim,
                    survivor=person_flags.survivor,
                    mentions=[(mention.start, mention.end) for mention in person.mentions],
                )
            )
        quote_results = [
            QuoteResult(
                speaker=quote.speaker.name if quote.speaker else None,
                kind=quote.kind,  # type: ignore[arg-type]
                text=document.text[quote.start : quote.end],
                start=quote.start,
                end=quote.end,
            )
            for quote in quotes
        ]
        return PeopleReport(people=results, quotes=quote_results)


def _references(person: Person, pronouns: list[PronounEvidence]) -> list[GenderCue]:
    return [
        GenderCue(item.gender, evidence_text("reference", item.surface))
        for item in pronouns
        if item.person is person
    ]


@lru_cache(maxsize=1)
def default_pipeline() -> PeoplePipeline:
    """The process-wide pipeline on the configured lexicon (loads once)."""
    return PeoplePipeline(default_vocabulary(), default_recogniser())
