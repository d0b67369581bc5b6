"""Evidence highlighting without trusting the text: the article is cut into plain segments.

The template prints each segment with autoescaping and wraps evidence segments in ``<mark>``;
no markup is ever built by string concatenation, so crawled text cannot inject anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str
    number: int  # the finding's number on the page, linking the mark to its explanation


@dataclass(frozen=True)
class Segment:
    text: str
    span: Span | None  # None for text outside every evidence span


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``text`` at span boundaries; overlapping spans are trimmed so each character shows once."""
    pieces: list[Segment] = []
    cursor = 0
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        start, end = max(span.start, cursor, 0), min(span.end, len(text))
        if end <= start:
            continue
        if start > cursor:
            pieces.append(Segment(text[cursor:start], None))
        pieces.append(Segment(text[start:end], span))
        cursor = end
    if cursor < len(text):
        pieces.append(Segment(text[cursor:], None))
    return pieces
