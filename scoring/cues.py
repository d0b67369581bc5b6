"""Matching lexicon cues on folded text (:mod:`scoring.folding`), shared by the stages.

Two ways to find cue phrases, for two sizes of cue list:

* :func:`compile_cues` turns a short list (tens of phrases, or raw regexes written
  ``re:...``) into one regex, searchable inside a sentence's bounds;
* :class:`PhraseIndex` looks hundreds of phrases up by their word n-grams, linear in the
  text's length, where a regex of that many alternatives is tried at every character.

Both match whole words only, so "nam" never matches inside "Việt Nam" or "namespace".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Generic, TypeVar

from scoring.folding import fold

Value = TypeVar("Value")

_TOKEN = re.compile(r"[^\W_]+")
# Words of a regex matched literally: not an escape (\\w), a macro ({w}) or a group name (?P.
_PATTERN_WORD = re.compile(r"(?<![\\{?\w])[^\W\d_]+")


def phrase_regex(phrase: str) -> str:
    """A folded phrase as a regex bounded by non-letters, tolerant of repeated spaces."""
    words = fold(phrase).split()
    return r"(?<![^\W\d_])" + r"\s+".join(re.escape(word) for word in words) + r"(?![^\W\d_])"


def unfolded_words(pattern: str) -> list[str]:
    """Literal words of a regex that folding would change: a regex runs on folded text, so
    it must be written folded (lower case, new-style tone marks) or it never matches."""
    return [word for word in _PATTERN_WORD.findall(pattern) if fold(word) != word]


@lru_cache(maxsize=256)
def compile_cues(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Cue strings as one regex: plain phrases, or raw regexes written as ``re:...``."""
    parts = [cue[3:] if cue.startswith("re:") else phrase_regex(cue) for cue in cues]
    return re.compile("|".join(f"(?:{part})" for part in parts))


class PhraseIndex(Generic[Value]):
    """Phrases with a value each, in one dictionary keyed by their folded words.

    A phrase listed with several values yields each of them.
    """

    def __init__(self, phrases: Iterable[tuple[str, Value]]) -> None:
        self._values: dict[tuple[str, ...], list[Value]] = {}
        for phrase, value in phrases:
            self._values.setdefault(tuple(fold(phrase).split()), []).append(value)
        self._longest = max((len(key) for key in self._values), default=0)

    def find(self, folded: str, start: int = 0, end: int | None = None
             ) -> Iterator[tuple[Value, int, int]]:
        """(value, start, end) for each phrase occurring as whole words in
        ``folded[start:end]``; words of a phrase are separated by whitespace only."""
        words = [(match.group(), match.start(), match.end())
                 for match in _TOKEN.finditer(folded, start, len(folded) if end is None else end)]
        for first in range(len(words)):
            key: tuple[str, ...] = ()
            for last in range(first, min(first + self._longest, len(words))):
                if last > first and not folded[words[last - 1][2]:words[last][1]].isspace():
                    break
                key += (words[last][0],)
                for value in self._values.get(key, ()):
                    yield value, words[first][1], words[last][2]
