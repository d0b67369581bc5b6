"""Occupation, GMMP occupation group and GMMP function of a person.

The occupation is the title before a name ("Giám đốc Sở Y tế Trần Thị Mai") or in
apposition after it ("ông Hùng, Phó Chủ tịch UBND tỉnh,"). Its group is the title's GMMP
code, or, for a generic title (Chủ tịch, Giám đốc, Trưởng phòng ...), the code of the
organisation named in it ("Giám đốc Sở ..." 3, "Giám đốc Công an tỉnh" 4, "Giám đốc công
ty" 11).

The function follows GMMP Q13 from what the text shows:

* quoted with an official title or speaking for an organisation: ``spokesperson``;
* quoted with an expert title (academic, medical, legal ...): ``expert``; an official title
  in apposition outranks an academic one before the name ("PGS.TS X, Hiệu trưởng ...");
* quoted without either: ``eyewitness`` when the sentences of their quotes speak of seeing
  or being there, ``popular_opinion`` for the voice of a citizen, customer, parent or
  voter, otherwise ``personal_experience``;
* public figures and the accused, and everyone not quoted: ``subject``.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.people.anaphora import Resolver
from scoring.people.coreference import Person
from scoring.people.detection import Mention
from scoring.people.lexicon import Title
from scoring.people.phrases import PhraseMatch
from scoring.people.quotes import Quote
from scoring.people.vocabulary import Vocabulary

# Punctuation that ends an appositive title: "ông Hùng, Phó Chủ tịch UBND tỉnh, cho biết".
_APPOSITION_ENDS = frozenset(",;:()“”\"«».!?")


@dataclass(frozen=True)
class Role:
    occupation: str | None
    group: int | None
    function: str


class RoleFinder:
    """Occupation, group and function for each person (see the module docstring)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def role(self, person: Person, quotes: list[Quote], resolver: Resolver) -> Role:
        tokens = resolver.tokens
        before = next((mention for mention in person.mentions if mention.title), None)
        appositive = self._appositive(person, resolver)
        occupation, info = None, None
        if appositive is not None:
            occupation, info = appositive
        if before is not None and (info is None or info.role == "ordinary"):
            occupation, info = before.title, before.title_info
        group = self._group(occupation, info) if info is not None else None
        own = [quote for quote in quotes if quote.speaker is person]
        function = self._function(person, info, appositive is not None, own, resolver)
        return Role(occupation, group, function)

    def _appositive(self, person: Person, resolver: Resolver) -> tuple[str, Title] | None:
        tokens = resolver.tokens
        token_of = {token.start: index for index, token in enumerate(tokens)}
        for mention in person.mentions:
            end = token_of[mention.start] + len(mention.syllables)
            if end >= len(tokens) or tokens[end].text not in ",(":
                continue
            title = self._title_at(tokens, end + 1)
            if title is None:
                continue
            stop = end + 1
            while stop < len(tokens) and tokens[stop].text not in _APPOSITION_ENDS:
                stop += 1
            text = self_text(resolver, end + 1, stop)
            return text, title.value
        return None

    def _title_at(self, tokens: list, index: int) -> PhraseMatch[Title] | None:
        if index < len(tokens) and tokens[index].folded in ("nguyên", "cựu", "một"):
            index += 1
        return self.vocabulary.titles.at(tokens, index)

    def _group(self, occupation: str | None, info: Title) -> int:
        if not info.generic or not occupation:
            return info.group
        from scoring.people.tokens import tokenize

        words = tokenize(occupation)
        for match in self.vocabulary.organisation_groups.all_in(words):
            return match.value
        return info.group

    def _function(self, person: Person, info: Title | None, in_apposition: bool,
                  quotes: list[Quote], resolver: Resolver) -> str:
        if not quotes:
            return "subject"
        if info is not None:
            if info.role == "official":
                return "spokesperson"
            if info.role == "expert":
                return "expert"
            if info.role == "subject":
                return "subject"
        if any(mention.title_info is not None and mention.title_info.role == "expert" for mention in person.mentions):
            return "expert"
        return self._voice(person, quotes, resolver)

    def _voice(self, person: Person, quotes: list[Quote], resolver: Resolver) -> str:
        tokens = resolver.tokens
        sentences = {mention.sentence for mention in person.mentions}
        sentences.update(resolver.sentence_of(resolver.token_index(quote.start)) for quote in quotes)
        for table, function in ((self.vocabulary.eyewitness, "eyewitness"),
                                (self.vocabulary.popular_opinion, "popular_opinion")):
            for sentence in sentences:
                first, last = resolver.sentence_tokens[sentence]
                if table.all_in(tokens, first, last):
                    return function
        return "personal_experience"


def self_text(resolver: Resolver, start: int, stop: int) -> str:
    return " ".join(token.text for token in resolver.tokens[start:stop])
