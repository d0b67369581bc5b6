"""Syllable tokens with offsets: the unit every people rule looks at.

Vietnamese writes one syllable per space-separated token, so names, titles and reporting
verbs are sequences of tokens. Dotted abbreviations stay whole ("PGS.TS", "TP.HCM",
"BS.CK2"), initials keep their dots ("T.V.H.", "H.") because anonymised names end in them,
and every punctuation mark is its own token so rules can see clause boundaries.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring.folding import fold

_TOKEN = re.compile(
    r"(?P<initials>(?:[A-ZĐ]\.){2,}|[A-ZĐ]\.(?=[\s,;:)\]]|$))"
    r"|(?P<word>[^\W_]+(?:[.'’\-][^\W_]+)*)"
    r"|(?P<punct>[^\w\s])"
)


class Token:
    """One syllable, abbreviation, initial or punctuation mark of ``Document.text``.

    Everything the rules ask of a token is computed once here: rules look at each token
    many times (every lexicon table is matched at every position).
    """

    __slots__ = (
        "text",
        "start",
        "end",
        "kind",
        "folded",
        "is_word",
        "is_capitalised",
        "is_acronym",
        "is_name_syllable",
    )

    def __init__(self, text: str, start: int, end: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind  # "word", "initials" or "punct"
        # Lower case with new-style tone marks: what lexicon matching compares.
        self.folded = _fold_token(text)
        self.is_word = kind != "punct"
        # Starts with a capital letter: a name syllable, an initial or a title word.
        self.is_capitalised = self.is_word and text[0].isupper()
        # All capitals and longer than one letter ("UBND", "THPT", "HLV").
        letters = [char for char in text if char.isalpha()]
        self.is_acronym = (
            len(letters) > 1 and all(char.isupper() for char in letters) and "'" not in text
        )
        # Could be part of a person's name: capitalised, not an acronym, no digits, no dots.
        self.is_name_syllable = kind == "initials" or (
            self.is_capitalised
            and not self.is_acronym
            and not any(char.isdigit() for char in text)
            and "." not in text
        )

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.kind!r})"


@lru_cache(maxsize=65536)
def _fold_token(text: str) -> str:
    return fold(text)


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` in order."""
    return [
        Token(match.group(), match.start(), match.end(), match.lastgroup or "word")
        for match in _TOKEN.finditer(text)
    ]
