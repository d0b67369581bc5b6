"""GMMP person flags: family role, age given, appearance described, victim, survivor.

* Family role (GMMP Q14: only when a kinship word is actually used for the person): a
  kinship word in apposition ("chị Sinh, vợ Cường"), introducing the person ("Mẹ bé, chị
  Liên", "vợ là bà Nga", "bị chồng là Lê Văn T. sát hại"), a family noun before the name
  ("cô dâu Nguyễn Thị Ánh"), a couple ("vợ chồng ông Pánh và bà Ính"), or the title
  "phụ huynh". A gendered kinship word is also gender evidence.
* Age given: "(35 tuổi", ", 102 tuổi", "(SN 1988", "sinh năm 1990" right after a mention,
  or "ngoài 60 tuổi" earlier in a sentence that names only this person.
* Appearance, victim, survivor: a cue from ``flags.yaml`` in a sentence goes to the person
  mentioned nearest to it in that sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scoring.people.anaphora import Resolver
from scoring.people.coreference import Person
from scoring.people.detection import Mention
from scoring.people.evidence import evidence_text
from scoring.people.gender import GenderCue
from scoring.people.phrases import PhraseTable
from scoring.people.tokens import Token
from scoring.people.vocabulary import Vocabulary

_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"(19|20)\d\d")
_AGE_REACH = 8
_CUE_REACH = 10
_PARENT_GROUP = 21
# "Con dâu bà, chị Mai": a kinship word and its possessor, at most this many tokens.
_KINSHIP_PHRASE = 3


@dataclass
class PersonFlags:
    family_role: bool = False
    age_given: bool = False
    appearance_described: bool = False
    victim: bool = False
    survivor: bool = False
    kinship: list[GenderCue] = field(default_factory=list)


class FlagFinder:
    """Sets the flags of every person of a document (see the module docstring)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def flags(self, persons: list[Person], resolver: Resolver) -> dict[int, PersonFlags]:
        self.tokens = resolver.tokens
        self.resolver = resolver
        self.token_of = {token.start: index for index, token in enumerate(self.tokens)}
        result = {id(person): PersonFlags() for person in persons}
        for person in persons:
            flags = result[id(person)]
            for mention in person.mentions:
                self._family(mention, flags)
                flags.age_given |= self._age(mention, person)
        for cue_table, name in (
            (self.vocabulary.appearance, "appearance_described"),
            (self.vocabulary.victim, "victim"),
            (self.vocabulary.survivor, "survivor"),
        ):
            for person in self._nearest_to_cues(cue_table):
                setattr(result[id(person)], name, True)
        return result

    def _bounds(self, mention: Mention) -> tuple[int, int, int, int]:
        start = self.token_of[mention.start]
        end = start + len(mention.syllables)
        first, last = self.resolver.sentence_tokens[mention.sentence]
        return start, end, first, last

    # -- family role ------------------------------------------------------------------------

    def _family(self, mention: Mention, flags: PersonFlags) -> None:
        tokens = self.tokens
        vocabulary = self.vocabulary
        start, end, first, last = self._bounds(mention)
        if mention.origin == "kinship" or any(
            word.kind == "kinship" for word in mention.gender_words
        ):
            flags.family_role = True
        if mention.title_info is not None and mention.title_info.group == _PARENT_GROUP:
            flags.family_role = True
        if end + 1 < last and tokens[end].text == ",":
            self._kinship_at(end + 1, last, flags)
        before = self._before_address(start, first)
        if before - 1 > first and tokens[before - 1].text == ",":
            clause = self._clause_start(before - 1, first)
            if before - 1 - clause <= _KINSHIP_PHRASE and all(
                token.folded != "là" for token in tokens[clause : before - 1]
            ):
                self._kinship_at(
                    clause, before - 1, flags
                )  # "Mẹ bé, chị Liên", not "bố là ngư dân, bà Nhàn"
        if before - 1 >= first and tokens[before - 1].folded == "là":
            for kin_start in range(max(first, before - 4), before - 1):
                if self._kinship_at(kin_start, before - 1, flags):
                    break
        couple = vocabulary.group_words.ending_at(tokens, before, first)
        if couple is not None and couple.phrase == "vợ chồng":
            flags.family_role = True
        if before - 1 > first and tokens[before - 1].folded == "và":
            earlier = vocabulary.group_words.all_in(tokens, max(first, before - 10), before - 1)
            flags.family_role |= any(match.phrase == "vợ chồng" for match in earlier)

    def _kinship_at(self, index: int, stop: int, flags: PersonFlags) -> bool:
        match = self.vocabulary.kinship.at(self.tokens, index, stop)
        if match is None:
            return False
        flags.family_role = True
        if match.value:
            surface = " ".join(token.text for token in self.tokens[match.start : match.end])
            flags.kinship.append(GenderCue(match.value, evidence_text("kinship", surface)))
        return True

    def _before_address(self, start: int, first: int) -> int:
        """Index of the first token of the form of address or title before a name, if any."""
        tokens = self.tokens
        vocabulary = self.vocabulary
        for table in (
            vocabulary.honorifics,
            vocabulary.gendered_nouns,
            vocabulary.titles,
            vocabulary.family_nouns,
        ):
            match = table.ending_at(tokens, start, first)
            if match is not None:
                return match.start
        return start

    def _clause_start(self, comma: int, first: int) -> int:
        for index in range(comma - 1, first - 1, -1):
            if not self.tokens[index].is_word:
                return index + 1
        return first

    # -- age ----------------------------------------------------------------------------------

    def _age(self, mention: Mention, person: Person) -> bool:
        tokens = self.tokens
        start, end, first, last = self._bounds(mention)
        stop = min(last, end + _AGE_REACH)
        others = [
            other
            for other, owner in self.resolver.mentions_between(
                tokens[end - 1].end, tokens[stop - 1].end
            )
            if owner is not person
        ]
        if others:
            stop = min(stop, self.token_of.get(others[0].start, stop))
        if _states_age(tokens, end, stop):
            return True
        in_sentence = self.resolver.mentions_between(tokens[first].start, tokens[last - 1].end)
        if all(owner is person for _, owner in in_sentence):
            return _states_age(tokens, first, start)
        return False

    # -- cue words ----------------------------------------------------------------------------

    def _nearest_to_cues(self, table: PhraseTable[None]) -> list[Person]:
        """The person named nearest to each cue of ``table`` in its sentence."""
        found: list[Person] = []
        tokens = self.tokens
        for first, last in self.resolver.sentence_tokens:
            if first >= last:
                continue
            cues = table.all_in(tokens, first, last)
            if not cues:
                continue
            named = [
                (
                    self.token_of[mention.start],
                    self.token_of[mention.start] + len(mention.syllables),
                    person,
                )
                for mention, person in self.resolver.mentions_between(
                    tokens[first].start, tokens[last - 1].end
                )
            ]
            for cue in cues:
                nearest = min(
                    named,
                    default=None,
                    key=lambda item: min(abs(item[0] - cue.end), abs(cue.start - item[1])),
                )
                if (
                    nearest is not None
                    and min(abs(nearest[0] - cue.end), abs(cue.start - nearest[1])) <= _CUE_REACH
                ):
                    found.append(nearest[2])
        return found


def _states_age(tokens: list[Token], start: int, stop: int) -> bool:
    """ "35 tuổi", "SN 1988", "sinh năm 1990" within ``tokens[start:stop]``."""
    for index in range(start, stop):
        token = tokens[index]
        if token.folded == "tuổi" and index > start and _NUMBER.fullmatch(tokens[index - 1].text):
            return True
        if token.text == "SN" and index + 1 < stop and _YEAR.fullmatch(tokens[index + 1].text):
            return True
        if (
            token.folded == "năm"
            and index > start
            and tokens[index - 1].folded == "sinh"
            and index + 1 < stop
            and _YEAR.fullmatch(tokens[index + 1].text)
        ):
            return True
    return False
