"""Bytes from the web to NFC text, whatever the page claims about its charset.

Provincial pages come as UTF-8 (most), as windows-1258 (older CMSs; Vietnamese tone marks as
separate combining characters), with a wrong declaration (UTF-8 bytes labelled windows-1258 or
ISO-8859-1) or with none at all. The rules, in order:

1. Bytes that decode as UTF-8 and contain multi-byte sequences *are* UTF-8, whatever the
   label says: valid multi-byte UTF-8 practically never arises by accident.
2. Otherwise the declared charset (HTTP header, BOM or ``<meta>``, read by w3lib), if Python
   knows it and it decodes the bytes.
3. Otherwise the outlet's fallback encoding, else windows-1258 (the legacy Vietnamese code page).

The result is normalised to NFC so that decomposed windows-1258 text compares equal to the
precomposed text every other page uses. Binary content served as HTML is refused.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from typing import Optional

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

LEGACY_VIETNAMESE = "cp1258"
_SNIFF_BYTES = 4096
_MAX_CONTROL_SHARE = 0.05


class NotText(ValueError):
    """The bytes are not a text document (an image or archive served as text/html)."""


@dataclass(frozen=True)
class Decoded:
    """Text of a page and the charset it was read with, plus how that was decided."""

    text: str
    encoding: str
    note: Optional[str] = None


def check_text(raw: bytes) -> None:
    """Raise :class:`NotText` if ``raw`` looks binary (NUL bytes or many control bytes)."""
    head = raw[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise NotText("binary content served as text (NUL bytes)")
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        raise NotText(f"binary content served as text ({controls} control bytes in {len(head)})")


def _known(encoding: Optional[str]) -> Optional[str]:
    if not encoding:
        return None
    resolved = resolve_encoding(encoding)
    if resolved is None:
        return None
    try:
        return codecs.lookup(resolved).name
    except LookupError:
        return None


def _declared(raw: bytes, content_type: Optional[str]) -> Optional[str]:
    """The charset the page claims: BOM, then HTTP header, then ``<meta>`` (HTML order)."""
    bom, _ = read_bom(raw)
    header = http_content_type_encoding(content_type) if content_type else None
    return _known(bom or header or html_body_declared_encoding(raw[: _SNIFF_BYTES * 4]))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(raw: bytes, content_type: Optional[str] = None, fallback: Optional[str] = None) -> Decoded:
    """Decode a page following the module's rules; NFC text and the charset used."""
    check_text(raw)
    declared = _declared(raw, content_type)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if raw.isascii():
        return Decoded(raw.decode("ascii"), declared or "utf-8")
    if _is_utf8(raw):
        note = None if declared in (None, "utf-8") else f"declared {declared} but the bytes are UTF-8"
        return Decoded(unicodedata.normalize("NFC", raw.decode("utf-8")), "utf-8", note)
    candidates = [declared] if declared else []
    candidates += [_known(fallback) or LEGACY_VIETNAMESE, "utf-8"]
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        note = None if declared else f"no charset declared; read as {encoding}"
        if declared and encoding != declared:
            note = f"declared {declared} does not decode the bytes; read as {encoding}"
        return Decoded(unicodedata.normalize("NFC", text), encoding, note)
    text = raw.decode(candidates[0] if candidates else "utf-8", errors="replace")
    return Decoded(unicodedata.normalize("NFC", text), "utf-8", "undecodable bytes replaced")
