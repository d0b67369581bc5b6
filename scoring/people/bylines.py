"""The gender of an article's byline authors (indicators C21, C22a/b), from their names alone.

Bylines give names only, mostly pen names without the family name ("Thu Hằng", "Minh Khôi",
"Bài, ảnh: Lô Thị Hiền"), so the people stage's name book decides with the strictest of its
cues (:meth:`~scoring.people.names.NameBook.pen_name_cue`): a gendered middle name (Thị,
Văn …), else a given name found in only one of the MIT name lists. Everything else counts for
no one:

* initials ("P.Y", "T.H."): an initial is not a name; a given name after initials ("N.Hùng")
  still decides by the lists;
* desks, groups and agencies ("Nhóm PV", "Ban Thời sự", "TTXVN"): the ``byline_groups`` of
  ``config/lexicons/people/names.yaml``, or a single all-capital word;
* wire copy (the article's ``wire_source``): the newsroom did not write it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.folding import fold
from scoring.people.names import NameBook

_PARTS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class BylineCounts:
    """How many of an article's authors are women and men (the rest are unknown)."""

    women: int = 0
    men: int = 0


def author_gender(name: str, names: NameBook) -> str:
    """``female``, ``male`` or ``unknown`` for one author as the byline prints it."""
    parts = _PARTS.findall(name)
    folded = " ".join(fold(part) for part in parts)
    if not parts or _is_group(folded, names) or (len(parts) == 1 and parts[0].isupper()):
        return "unknown"
    # With dots, single letters are initials ("P.Y", "N.Hùng") and name no one; without, a
    # single letter is a syllable ("A Thuần": the H'Mông "A" of men).
    syllables = [part for part in parts if len(part) > 1 or "." not in name]
    cue = names.pen_name_cue([syllable.capitalize() for syllable in syllables])
    return cue.gender if cue is not None else "unknown"


def byline_counts(authors: Sequence[str], wire_source: str | None,
                  names: NameBook | None = None) -> BylineCounts:
    """Women and men among ``authors``; wire copy counts no one."""
    if wire_source:
        return BylineCounts()
    if names is None:
        from scoring.people.vocabulary import default_vocabulary

        names = default_vocabulary().names
    genders = [author_gender(author, names) for author in authors]
    return BylineCounts(women=genders.count("female"), men=genders.count("male"))


def _is_group(folded: str, names: NameBook) -> bool:
    return any(folded == word or folded.startswith(word + " ") for word in names.byline_groups)
