"""Bylines as provincial outlets print them (research §4.2).

The author is rarely in a meta tag (``meta[name=author]`` usually names the publisher). It is
the last line of the body ("Tin, ảnh: P.Y", "Bài và ảnh: Minh Hằng"), a signature block after
the body ("Anh Dũng"), or a wire credit ("Theo TTXVN"), which is recorded as the wire source
with no personal author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_ROLE = r"(?:tin|bài|ảnh|clip|video|đồ\s*họa|thực\s*hiện|ghi|ghi\s*chép|phóng\s*sự|nhóm\s*pv)"
_LABEL = re.compile(
    rf"^\s*(?P<label>{_ROLE}(?:\s*(?:,|và|-|–|&|/)\s*{_ROLE})*)\s*:\s*(?P<names>\S.*)$", re.I
)
_WIRE = re.compile(r"^\s*\(?\s*theo\s+(?P<source>[^(),]+?)\s*\)?\s*\.?\s*$", re.I)
# A desk or section signs instead of a person ("Nhóm phóng viên Thời sự", "Thông tin doanh nghiệp").
_DESK = re.compile(
    r"^\s*(?:nhóm\s+(?:phóng\s+viên|pv)|thông\s+tin\s+doanh\s+nghiệp|phóng\s+viên|pv|ctv|btv)\b[^:]{0,40}$", re.I
)
_ORGANISATION = r"(?:báo|đài|truyền\s+hình|phát\s+thanh|trung\s+tâm\s+truyền\s+thông)\b"
# A broadcaster's credit before the reporters: "Truyền hình Cần Thơ - Hữu Tài - Minh Thư".
_ORGANISATION_FIRST = re.compile(rf"^\s*{_ORGANISATION}[^-–]*?\s+[-–]\s+(?P<names>\S.*)$", re.I)
# The reporter's own outlet after the name, on a copy: "Tường Vi (Báo và Phát thanh, Truyền hình Cần Thơ)".
_ORGANISATION_AFTER = re.compile(rf"^\s*(?P<names>[^()]+?)\s*\(\s*{_ORGANISATION}[^()]*\)\s*$", re.I)
_NAME_SPLIT = re.compile(r"\s+(?:-|–|và|&)\s+|\s*[,;]\s*", re.I)
_MAX_SIGNATURE_CHARS = 60
_MAX_SIGNATURE_WORDS = 8


@dataclass(frozen=True)
class Byline:
    """A byline as printed, with the people it names and any wire source."""

    text: str
    authors: list[str] = field(default_factory=list)
    wire_source: Optional[str] = None


def _names(text: str) -> list[str]:
    """'Minh Hằng - Thu Trang' -> ['Minh Hằng', 'Thu Trang']; initials such as 'P.Y' kept."""
    return [name.strip() for name in _NAME_SPLIT.split(text.strip().rstrip(".")) if name.strip()]


def _is_name_word(word: str) -> bool:
    letters = word.strip("().")
    return bool(letters) and letters[0].isupper() and not any(char.isdigit() for char in letters)


def _wire_source(source: str) -> str:
    """'TTXVN/Vietnam+' credits TTXVN; the agency is the part before any slash."""
    return source.split("/")[0].strip()


def looks_like_signature(text: str) -> bool:
    """A short line of capitalised name words, e.g. 'Anh Dũng' or 'Minh Hằng - Thu Trang'."""
    text = text.strip()
    if not text or len(text) > _MAX_SIGNATURE_CHARS or text[-1] in "!?:;\"”":
        return False
    words = [word for word in re.split(r"\s+|\s*[-–,]\s*", text) if word]
    if not words or len(words) > _MAX_SIGNATURE_WORDS:
        return False
    return all(_is_name_word(word) or word.lower() == "và" for word in words)


def parse_byline(text: Optional[str], *, allow_bare_signature: bool = True) -> Optional[Byline]:
    """Read one byline line; ``None`` if the line is not a byline.

    ``allow_bare_signature`` accepts a lone name ('Anh Dũng'); it is off where a short
    capitalised line could be a sentence of the article rather than its signature.
    """
    if not text:
        return None
    line = " ".join(text.split())
    labelled = _LABEL.match(line)
    if labelled:
        return Byline(text=line, authors=_names(labelled.group("names")))
    if _DESK.match(line):
        return Byline(text=line)
    credited = _ORGANISATION_FIRST.match(line) or _ORGANISATION_AFTER.match(line)
    if credited and looks_like_signature(credited.group("names")):
        return Byline(text=line, authors=_names(credited.group("names")))
    wire = _WIRE.match(line)
    if wire and len(line) <= _MAX_SIGNATURE_CHARS and _is_name_word(wire.group("source")):
        return Byline(text=line, wire_source=_wire_source(wire.group("source")))
    if allow_bare_signature and looks_like_signature(line):
        return Byline(text=line, authors=_names(line))
    return None
