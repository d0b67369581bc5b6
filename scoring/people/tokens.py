"""Syllable tokens with offsets: the unit every people rule looks at.

Vietnamese writes one syllable per space-separated token, so names, titles and reporting
verbs are sequences of tokens. Dotted abbreviations stay whole ("PGS.TS", "TP.HCM",
"BS.CK2"), initials keep their dots ("T.V.H.", "H.") because anonymised names end in them,
and every punctuation mark is its own token so rules can see clause boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from scoring.stereotypes.folding import fold

_TOKEN = re.compile(
    r"(?P<initials>(?:[A-ZĐ]\.){2,}|[A-ZĐ]\.(?=[\s,;:)\]]|$))"
    r"|(?P<word>[^\W_]+(?:[.'’\-][^\W_]+)*)"
    r"|(?P<punct>[^\w\s])"
)


@dataclass(frozen=True)
class Token:
    """One syllable, abbreviation, initial or punctuation mark of ``Document.text``."""

    text: str
    start: int
    end: int
    kind: str  # "word", "initials" or "punct"

    @cached_property
    def folded(self) -> str:
        """Lower case with new-style tone marks (what lexicon matching compares)."""
        return fold(self.text)

    @property
    def is_word(self) -> bool:
        return self.kind != "punct"

    @cached_property
    def is_capitalised(self) -> bool:
        """Starts with a capital letter: a name syllable, an initial or a title word."""
        return self.kind != "punct" and self.text[0].isupper()

    @cached_property
    def is_acronym(self) -> bool:
        """All capitals and longer than one letter ("UBND", "THPT", "HLV")."""
        letters = [char for char in self.text if char.isalpha()]
        return len(letters) > 1 and all(char.isupper() for char in letters) and "'" not in self.text

    @cached_property
    def is_name_syllable(self) -> bool:
        """Could be part of a person's name: capitalised, not an acronym, no digits."""
        if self.kind == "initials":
            return True
        return (
            self.is_capitalised
            and not self.is_acronym
            and not any(char.isdigit() for char in self.text)
            and "." not in self.text
        )


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` in order."""
    return [
        Token(match.group(), match.start(), match.end(), match.lastgroup or "word")
        for match in _TOKEN.finditer(text)
    ]
