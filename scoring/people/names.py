"""What a Vietnamese name itself says: where it starts, and the gender it reveals.

Two cues from the name alone, in the order the research measured them (models_data.md
§3.2: together 96.4 % accurate on 77 % of names):

1. a gendered middle name: "Thị" (female), "Văn" (male), "Nữ" (female, as in "Tôn Nữ");
2. the given name (last syllable) in the MIT-licensed one-syllable lists of
   ``scoring/resources/names``, when it is in only one of them; the two-syllable lists may
   veto it but never decide alone. A last syllable used for both ("Hà", "Thanh", "Tâm")
   decides nothing even when "Hồng Hà" or "Xuân Thanh" sits in one two-syllable list:
   in news those names belong to men as often as to women, and a wrong guess moves the
   women's share (Trần Hồng Hà, Lại Xuân Thanh and Trần Thanh Mẫn are men).

Only names that start with a Vietnamese family name go through the lists: a foreign or a
Sino-Vietnamese transliterated name ("Mao Ninh") would otherwise be guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scoring.folding import fold
from scoring.people.evidence import evidence_text
from scoring.people.lexicon import Names

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "names"

# One Vietnamese syllable: an initial consonant (or none), a vowel nucleus, a final from the
# short list Vietnamese allows. "Grafite", "Alan", "Okuhara", "Sung-ho" are not syllables.
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like one Vietnamese syllable (case-insensitive)."""
    return _VIETNAMESE_SYLLABLE.fullmatch(word.lower()) is not None


@dataclass(frozen=True)
class NameCue:
    """A gender read from the name, and the evidence sentence recorded with it."""

    gender: str
    evidence: str


def _read_list(path: Path) -> frozenset[str]:
    return frozenset(
        fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )


def _exclusive(boys: frozenset[str], girls: frozenset[str]) -> dict[str, str]:
    only = {name: "male" for name in boys - girls}
    only.update({name: "female" for name in girls - boys})
    return only


class NameBook:
    """Family names, gendered middle names and the exclusive given-name lists."""

    def __init__(self, names: Names, resource_dir: Path = RESOURCE_DIR) -> None:
        self._surnames = frozenset(fold(name) for name in names.surnames)
        self._longest_surname = max(len(name.split()) for name in self._surnames)
        self._middle = {fold(word): gender for word, gender in names.gendered_middle_names.items()}
        self.particles = frozenset(fold(word) for word in names.name_particles)
        self.byline_groups = tuple(fold(word) for word in names.byline_groups)
        self._two = _exclusive(
            _read_list(resource_dir / "boy.txt"), _read_list(resource_dir / "girl.txt")
        )
        self._one = _exclusive(
            _read_list(resource_dir / "boy_one_word.txt"),
            _read_list(resource_dir / "girl_one_word.txt"),
        )
        self._given_syllables = frozenset(
            syllable for name in (*self._two, *self._one) for syllable in name.split()
        )

    def surname_length(self, folded_syllables: list[str]) -> int:
        """How many leading syllables form a family name (0 when none does)."""
        for length in range(min(self._longest_surname, len(folded_syllables) - 1), 0, -1):
            if " ".join(folded_syllables[:length]) in self._surnames:
                return length
        return 0

    def is_surname(self, folded_syllable: str) -> bool:
        return folded_syllable in self._surnames

    def is_given_syllable(self, folded_syllable: str) -> bool:
        """Seen in a given-name list (in either gender): a plausible name syllable."""
        return folded_syllable in self._given_syllables

    def middle_name_cue(self, syllables: list[str]) -> NameCue | None:
        """Gender from a middle name: any syllable after the family name and before the last."""
        folded = [fold(syllable) for syllable in syllables]
        for index in range(1, len(folded) - 1):
            gender = self._middle.get(folded[index])
            if gender is not None:
                return NameCue(gender, evidence_text("middle name", syllables[index]))
        return None

    def given_name_cue(self, syllables: list[str]) -> NameCue | None:
        """Gender from a given name in only one list, unless a two-syllable list disagrees."""
        folded = [fold(syllable.rstrip(".")) for syllable in syllables]
        if len(folded) < 2 or not self.surname_length(folded):
            return None
        return self._list_cue(syllables, folded, two_syllable_given=len(folded) >= 3)

    def pen_name_cue(self, syllables: list[str]) -> NameCue | None:
        """Gender of a name that may lack its family name, as bylines print them ("Thu
        Hằng", "Văn Tú", "Lô Thị Hiền"): a gendered middle name anywhere before the last
        syllable, else the last syllable when it is in only one list and the two-syllable
        lists do not disagree. Only Vietnamese-shaped syllables: a foreign name is not
        guessed."""
        if not syllables or not all(is_vietnamese_syllable(syllable) for syllable in syllables):
            return None
        folded = [fold(syllable) for syllable in syllables]
        for index in range(len(folded) - 1):
            gender = self._middle.get(folded[index])
            if gender is not None:
                return NameCue(gender, evidence_text("middle name", syllables[index]))
        return self._list_cue(syllables, folded, two_syllable_given=len(folded) >= 2)

    def _list_cue(self, syllables: list[str], folded: list[str],
                  two_syllable_given: bool) -> NameCue | None:
        gender = self._one.get(folded[-1])
        if gender is None:
            return None
        if two_syllable_given and self._two.get(" ".join(folded[-2:]), gender) != gender:
            return None
        return NameCue(gender, evidence_text("given name", syllables[-1], only_list=gender))
