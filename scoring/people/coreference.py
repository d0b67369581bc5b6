"""Within-article coreference: one person per individual, however often they are named.

News names a person in full once ("Nguyễn Thị Lan", "Donald Trump", "Y Khoa Byă") and then
by a shorter form ("bà Lan", "ông Trump", "Y Khoa"), sometimes the other way round in a
headline ("Quang Hải ghi bàn" before "Nguyễn Quang Hải"). A Vietnamese name shortens from
the front, keeping the given name, so a short form must be a suffix of the full name;
foreign and ethnic-minority names may keep any part ("Paetongtarn" of "Paetongtarn
Shinawatra", "Y Khoa" of "Y Khoa Byă"), so there any contiguous part counts. Two forms
whose attached gender words disagree ("ông Minh", "bà Minh") are never merged.

When a short form fits several people, the one named most recently before it wins, then
the next one named after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.people.detection import Mention
from scoring.people.names import NameBook


@dataclass
class Person:
    """One individual and every mention of them, in text order."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def head(self) -> Mention:
        """The fullest naming (most syllables; the first of those)."""
        return max(self.mentions, key=lambda mention: (len(mention.syllables), -mention.start))

    @property
    def name(self) -> str:
        return self.head.name

    @property
    def key(self) -> tuple[str, ...]:
        return self.head.key

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def genders(self) -> set[str]:
        return {word.gender for mention in self.mentions for word in mention.gender_words}

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.mentions.sort(key=lambda item: item.start)


class Coreference:
    """Groups mentions into people (see the module docstring)."""

    def __init__(self, names: NameBook) -> None:
        self.names = names

    def people(self, mentions: list[Mention], candidates: list[Mention]) -> list[Person]:
        mentions = _without_overlaps(sorted(mentions, key=lambda mention: mention.start))
        keys = [mention.key for mention in mentions]
        people: dict[tuple[str, ...], Person] = {}
        shorter: list[Mention] = []
        for mention in mentions:
            if any(self.is_part(mention.key, other) for other in keys if other != mention.key):
                shorter.append(mention)
            else:
                people.setdefault(mention.key, Person()).add(mention)
        persons = list(people.values())
        for mention in shorter:
            target = self._closest(mention, persons)
            if target is None:
                persons.append(Person([mention]))
            else:
                target.add(mention)
        taken = [(mention.start, mention.end) for person in persons for mention in person.mentions]
        for candidate in candidates:
            if any(start < candidate.end and candidate.start < end for start, end in taken):
                continue
            target = self._closest(candidate, persons, exact_allowed=True)
            if target is not None:
                candidate.origin = "linked"
                target.add(candidate)
        return sorted(persons, key=lambda person: person.first.start)

    def is_part(self, short: tuple[str, ...], full: tuple[str, ...]) -> bool:
        """``short`` can name the person called ``full`` (and is shorter)."""
        if len(short) >= len(full):
            return False
        if self.names.surname_length(list(full)):
            return full[len(full) - len(short) :] == short
        return any(
            full[index : index + len(short)] == short for index in range(len(full) - len(short) + 1)
        )

    def _closest(
        self, mention: Mention, persons: list[Person], exact_allowed: bool = False
    ) -> Person | None:
        genders = {word.gender for word in mention.gender_words}
        fitting = [
            person
            for person in persons
            if (
                self.is_part(mention.key, person.key)
                or (exact_allowed and mention.key == person.key)
            )
            and not (genders and person.genders() and genders != person.genders())
        ]
        if not fitting:
            return None
        before = [
            (max(m.start for m in person.mentions if m.start < mention.start), person)
            for person in fitting
            if any(m.start < mention.start for m in person.mentions)
        ]
        if before:
            return max(before, key=lambda item: item[0])[1]
        return min(fitting, key=lambda person: person.first.start)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep one mention per span (the first found wins)."""
    kept: list[Mention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
