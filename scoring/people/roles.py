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
from scoring.people.lexicon import Title
from scoring.people.tokens import tokenize
from scoring.people.quotes import Quote
from scoring.people.vocabulary import Vocabulary

# Punctuation that ends an appositive title: "ông Hùng, Phó Chủ tịch UBND tỉnh, cho biết".
_APPOSITION_ENDS = frozenset(',;:()“”"«».!?')
_DASHES = frozenset("–-—")
_APPOSITION_OPENERS = frozenset(",(") | _DASHES
# Words that may open an appositive before its title: "nguyên Viện trưởng", "một bị hại".
_APPOSITION_LEADS = frozenset({"nguyên", "cựu", "một"})
_FUNCTION_OF_ROLE = {"official": "spokesperson", "expert": "expert", "subject": "subject"}


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
        """The role of ``person``; ``quotes`` are all quotes of the document."""
        occupation, info = self._appositive(person, resolver) or (None, None)
        before = next((mention for mention in person.mentions if mention.title), None)
        if before is not None and (info is None or info.role == "ordinary"):
            occupation, info = before.title, before.title_info
        group = self._group(occupation, info) if info is not None else None
        own = [quote for quote in quotes if quote.speaker is person]
        return Role(occupation, group, self._function(person, info, own, resolver))

    def _appositive(self, person: Person, resolver: Resolver) -> tuple[str, Title] | None:
        """ ", Phó Chủ tịch UBND tỉnh," after one of the person's mentions."""
        tokens = resolver.tokens
        for mention in person.mentions:
            end = resolver.token_index(mention.start) + len(mention.syllables)
            if end >= len(tokens) or tokens[end].text not in _APPOSITION_OPENERS:
                continue
            start = end + 1
            if start < len(tokens) and tokens[start].folded in _APPOSITION_LEADS:
                start += 1
            title = self.vocabulary.titles.at(tokens, start)
            if title is None:
                continue
            ends = _APPOSITION_ENDS | _DASHES if tokens[end].text in _DASHES else _APPOSITION_ENDS
            stop = end + 1
            while stop < len(tokens) and tokens[stop].text not in ends:
                stop += 1
            return " ".join(token.text for token in tokens[end + 1 : stop]), title.value
        return None

    def _group(self, occupation: str | None, info: Title) -> int:
        """The title's GMMP group, or for a generic title its organisation's."""
        if not info.generic or not occupation:
            return info.group
        for match in self.vocabulary.organisation_groups.all_in(tokenize(occupation)):
            return match.value
        return info.group

    def _function(
        self, person: Person, info: Title | None, quotes: list[Quote], resolver: Resolver
    ) -> str:
        if not quotes:
            return "subject"
        if info is not None and info.role != "ordinary":
            return _FUNCTION_OF_ROLE[info.role]
        if any(
            mention.title_info is not None and mention.title_info.role == "expert"
            for mention in person.mentions
        ):
            return "expert"
        return self._voice(person, quotes, resolver)

    def _voice(self, person: Person, quotes: list[Quote], resolver: Resolver) -> str:
        """An ordinary person's function from the words around their mentions and quotes."""
        sentences = {mention.sentence for mention in person.mentions}
        sentences.update(
            resolver.sentence_of(resolver.token_index(quote.start)) for quote in quotes
        )
        for table, function in (
            (self.vocabulary.eyewitness, "eyewitness"),
            (self.vocabulary.popular_opinion, "popular_opinion"),
        ):
            for sentence in sentences:
                first, last = resolver.sentence_tokens[sentence]
                if table.all_in(resolver.tokens, first, last):
                    return function
        return "personal_experience"
