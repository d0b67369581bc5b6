"""A person's gender from evidence in the text, never a guess, with the evidence recorded.

In order of strength:

1. a word attached to one of the person's mentions: an honorific ("bà Lan"), an explicitly
   gendered title or noun ("nữ ca sĩ", "Hoa hậu", "cô dâu"), the first mention's word first,
   then the other mentions'; failing those, a kinship word describing the person ("chị
   Sinh, vợ Cường" gives "vợ");
2. a gendered middle name: "Thị", "Văn" (models_data.md §3.2: 100 % on 36 % of names);
3. a pronoun or gendered noun that refers back to the person ("Theo ông, ...", "Bảo cho
   biết anh đã ...", "Nữ sinh cho biết ..."). This is placed after the middle name, against
   the issue's order, because it depends on resolving the reference, which can fail;
4. the given name, when it is in only one of the name lists.

Conflicting words for one person (a coreference error merging "ông Minh" and "bà Minh")
leave the gender unknown rather than picking one.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.people.coreference import Person
from scoring.people.evidence import evidence_text
from scoring.people.names import NameBook


@dataclass(frozen=True)
class GenderCue:
    """One piece of evidence: the gender it shows and how to say where it came from."""

    gender: str
    evidence: str


def resolve_gender(
    person: Person, names: NameBook, kinship: list[GenderCue], references: list[GenderCue]
) -> tuple[str, str | None]:
    """(gender, evidence) for ``person``; ("unknown", None) when the text does not tell."""
    for cues in (_attached(person), kinship):
        if cues:
            if len({cue.gender for cue in cues}) > 1:
                return "unknown", None
            return cues[0].gender, cues[0].evidence
    syllables = list(person.head.syllables)
    middle = names.middle_name_cue(syllables)
    if middle is not None:
        return middle.gender, middle.evidence
    if references and len({cue.gender for cue in references}) == 1:
        return references[0].gender, references[0].evidence
    given = names.given_name_cue(syllables)
    if given is not None:
        return given.gender, given.evidence
    return "unknown", None


def certain_gender(person: Person, names: NameBook) -> str | None:
    """The gender shown by attached words or the middle name alone (steps 1 and 2), which
    reference resolution may rely on without going in circles."""
    genders = {cue.gender for cue in _attached(person)}
    if len(genders) == 1:
        return genders.pop()
    middle = names.middle_name_cue(list(person.head.syllables))
    return middle.gender if middle is not None and not genders else None


def _attached(person: Person) -> list[GenderCue]:
    cues = []
    for position, mention in enumerate(person.mentions):
        for word in mention.gender_words:
            if position == 0:
                cues.append(GenderCue(word.gender, evidence_text(word.kind, word.surface)))
            else:
                cues.append(
                    GenderCue(word.gender, evidence_text("other mention", f"{word.surface} {mention.name}"))
                )
    return cues
