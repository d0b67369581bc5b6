"""A text prepared once for every analysis stage: normalised, split, quotation marks found.

Stages work on :attr:`Document.text` (NFC, 'Ð' folded to 'Đ'), but the contract promises
offsets into the *input*. Windows-1258 pages and some editors produce decomposed tone marks,
so normalisation can change the length; :meth:`Document.to_input_span` maps every span back.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from underthesea import sent_tokenize

from scoring.folding import fold

# U+00D0 (Icelandic Eth) is a common stand-in for U+0110 'Đ' in Vietnamese data.
_CHARACTER_FIXES = str.maketrans({"\u00d0": "\u0110"})
_QUOTE_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"'}
_OPENING_MARK = re.compile("[\u201c\u00ab\"]")
_LEADING_CLOSERS = "\u201d\u00bb\"'\u2019)"
# A "sentence" cannot start with these: the split before them was inside a sentence.
_CONTINUATIONS = ",;:)"


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of :attr:`Document.text`."""

    start: int
    end: int
    text: str


def _normalise_with_map(raw: str) -> tuple[str, list[tuple[int, int]] | None]:
    """NFC-normalise ``raw`` one combining sequence at a time, recording for each output
    character the span of ``raw`` it came from; ``None`` when nothing changes (most input is
    NFC already), so offsets map to themselves."""
    if unicodedata.is_normalized("NFC", raw) and "\u00d0" not in raw:
        return raw, None
    pieces: list[str] = []
    origins: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(raw) + 1):
        if index < len(raw) and unicodedata.combining(raw[index]):
            continue
        chunk = unicodedata.normalize("NFC", raw[start:index]).translate(_CHARACTER_FIXES)
        pieces.append(chunk)
        origins.extend([(start, index)] * len(chunk))
        start = index
    return "".join(pieces), origins


@dataclass
class Document:
    """The analysed text with its sentences and quotation-mark spans."""

    raw: str
    text: str = field(init=False)
    _origins: list[tuple[int, int]] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text, self._origins = _normalise_with_map(self.raw)

    def to_input_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`text` to the same characters of the input."""
        if self._origins is None:
            return start, end
        if start >= end:
            position = self._origins[start][0] if start < len(self._origins) else len(self.raw)
            return position, position
        return self._origins[start][0], self._origins[end - 1][1]

    @cached_property
    def folded(self) -> str:
        """:attr:`text` folded for lexicon matching (same length), computed once for all stages."""
        return fold(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences that never cross a line break and never cut a quotation in two."""
        sentences: list[Sentence] = []
        for line in re.finditer(r"[^\n]+", self.text):
            sentences.extend(self._split_line(line.start(), line.group()))
        return sentences

    def _split_line(self, offset: int, line: str) -> list[Sentence]:
        boundaries: list[int] = []
        cursor = 0
        for piece in sent_tokenize(line):
            found = line.find(piece.strip(), cursor)
            if found < 0:
                continue
            cursor = found + len(piece.strip())
            boundaries.append(found)
        if not boundaries:
            boundaries = [0]
        boundaries[0] = 0
        boundaries = self._repair_boundaries(line, boundaries)
        sentences = []
        for index, start in enumerate(boundaries):
            end = boundaries[index + 1] if index + 1 < len(boundaries) else len(line)
            text = line[start:end].rstrip()
            stripped = len(text) - len(text.lstrip())
            if text.strip():
                sentences.append(Sentence(offset + start + stripped, offset + start + len(text),
                                          text.strip()))
        return sentences

    @staticmethod
    def _repair_boundaries(line: str, boundaries: list[int]) -> list[int]:
        """Move stray closing quotes back to their sentence, drop boundaries inside quotes,
        and drop those before a comma or a lower-case word: in "“… không?”, bà Nhung nói."
        the question mark ends the quotation, not the sentence."""
        repaired: list[int] = []
        for start in boundaries:
            while start < len(line) and line[start] in _LEADING_CLOSERS and start > 0:
                start += 1
                while start < len(line) and line[start] == " ":
                    start += 1
            repaired.append(start)
        inside = _quotation_spans(line)
        return [start for start in repaired
                if start == 0 or (not any(open_ < start < close for open_, close in inside)
                                  and start < len(line) and line[start] not in _CONTINUATIONS
                                  and not line[start].islower())]

    @cached_property
    def quotation_spans(self) -> list[tuple[int, int]]:
        """Spans of text between paired quotation marks (marks excluded), line by line."""
        spans: list[tuple[int, int]] = []
        for line in re.finditer(r"[^\n]+", self.text):
            spans.extend((line.start() + start, line.start() + end)
                         for start, end in _quotation_spans(line.group()))
        return spans

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence containing ``position`` of :attr:`text`, if any."""
        starts = [sentence.start for sentence in self.sentences]
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < self.sentences[index].end:
            return self.sentences[index]
        return None


def _quotation_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = 0
    while True:
        opening = _OPENING_MARK.search(line, index)
        if opening is None:
            return spans
        index = opening.start()
        close = line.find(_QUOTE_PAIRS[opening.group()], index + 1)
        if close < 0:
            index += 1
            continue
        spans.append((index + 1, close))
        index = close + 1
