"""Longest-match lookup of lexicon phrases over a token sequence.

Every lexicon list (titles, forms of address, heads, reporting verbs ...) is a set of
multi-word phrases; rules ask "which phrase starts here?" or "which phrase ends just before
this name?". Phrases are compared on folded tokens, so case and tone-mark placement never
matter, and the longest phrase wins ("Phó Chủ tịch UBND" over "Phó Chủ tịch" over "Chủ tịch").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar
from collections.abc import Iterable, Mapping, Sequence

from scoring.people.tokens import Token, tokenize

Value = TypeVar("Value")


@dataclass(frozen=True)
class PhraseMatch(Generic[Value]):
    """A phrase found at tokens ``start`` (inclusive) to ``end`` (exclusive)."""

    start: int
    end: int
    phrase: str
    value: Value


@lru_cache(maxsize=8192)
def phrase_key(phrase: str) -> tuple[str, ...]:
    """The folded word tokens of a lexicon phrase (punctuation ignored)."""
    return tuple(token.folded for token in tokenize(phrase) if token.is_word)


class PhraseTable(Generic[Value]):
    """Phrases with a value each, matched on folded word tokens."""

    def __init__(self, phrases: Mapping[str, Value] | Iterable[str]) -> None:
        items = phrases.items() if isinstance(phrases, Mapping) else ((p, None) for p in phrases)
        self._table: dict[tuple[str, ...], tuple[str, Value]] = {}
        for phrase, value in items:
            key = phrase_key(phrase)
            if key:
                self._table[key] = (phrase, value)  # type: ignore[assignment]
        self._longest = max((len(key) for key in self._table), default=0)
        self._firsts = frozenset(key[0] for key in self._table)
        self._lasts = frozenset(key[-1] for key in self._table)

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._table

    def get(self, phrase: str) -> Value | None:
        found = self._table.get(phrase_key(phrase))
        return found[1] if found else None

    def at(
        self, tokens: Sequence[Token], start: int, stop: int | None = None
    ) -> PhraseMatch[Value] | None:
        """The longest phrase starting at ``tokens[start]`` and ending before ``stop``."""
        stop = len(tokens) if stop is None else stop
        if start >= stop or tokens[start].folded not in self._firsts:
            return None
        words: list[str] = []
        best = None
        for index in range(start, min(stop, start + self._longest)):
            if not tokens[index].is_word:
                break
            words.append(tokens[index].folded)
            found = self._table.get(tuple(words))
            if found is not None:
                best = PhraseMatch(start, index + 1, found[0], found[1])
        return best

    def ending_at(
        self, tokens: Sequence[Token], end: int, floor: int = 0
    ) -> PhraseMatch[Value] | None:
        """The longest phrase whose last token is ``tokens[end - 1]``, starting at ``floor``
        or later."""
        if end <= floor or tokens[end - 1].folded not in self._lasts:
            return None
        words: list[str] = []
        best = None
        for index in range(end - 1, max(floor, end - self._longest) - 1, -1):
            if not tokens[index].is_word:
                break
            words.insert(0, tokens[index].folded)
            found = self._table.get(tuple(words))
            if found is not None:
                best = PhraseMatch(index, end, found[0], found[1])
        return best

    def all_in(
        self, tokens: Sequence[Token], start: int = 0, stop: int | None = None
    ) -> list[PhraseMatch[Value]]:
        """Non-overlapping longest matches from left to right."""
        stop = len(tokens) if stop is None else stop
        matches = []
        index = start
        while index < stop:
            found = self.at(tokens, index, stop)
            if found is None:
                index += 1
            else:
                matches.append(found)
                index = found.end
        return matches
