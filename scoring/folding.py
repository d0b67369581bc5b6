"""Length-preserving folding of Vietnamese text for lexicon matching, shared by every stage.

Vietnamese has two accepted tone-mark placements ("hoà"/"hòa", "thuỷ"/"thủy") and
newsrooms use both, so every lexicon (people, stereotypes, topics) matches on a folded copy
of the text: lower case and the new-style placement from underthesea's own normalisation
table. Folding never changes the length of the text, so a match in the folded copy is a
match at the same offsets in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

from underthesea.pipeline.text_normalize import token_normalize

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    lowered = word.lower()
    if len(lowered) != len(word):
        lowered = word
    normalised = token_normalize(lowered)
    return normalised if len(normalised) == len(lowered) else lowered


def fold(text: str) -> str:
    """``text`` in lower case with new-style tone marks, character for character."""
    return _WORD.sub(lambda match: _fold_word(match.group()), text)
