"""Charsets: windows-1258 (declared or not), mis-declared UTF-8, BOMs, and binary refused."""

from __future__ import annotations

import codecs

import pytest

from crawler.decode import NotText, decode_html
from crawler.demo_web.faults import windows_1258

TEXT = "<html><head>{meta}</head><body>Người phụ nữ Việt Nam được khen thưởng ở Cù Lao Dung</body></html>"


def test_declared_windows_1258_is_read_and_normalised_to_nfc() -> None:
    html = TEXT.format(meta='<meta charset="windows-1258">')
    raw = windows_1258(html)
    assert raw != html.encode("utf-8")
    decoded = decode_html(raw)
    assert decoded.text == html  # precomposed (NFC), not the decomposed tone marks of the bytes
    assert (decoded.encoding, decoded.note) == ("cp1258", None)


def test_undeclared_legacy_bytes_fall_back_to_windows_1258() -> None:
    html = TEXT.format(meta="")
    decoded = decode_html(windows_1258(html), "text/html")
    assert decoded.text == html
    assert decoded.note == "no charset declared; read as cp1258"


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    html = TEXT.format(meta="")
    decoded = decode_html(html.encode("utf-8"), "text/html; charset=windows-1258")
    assert decoded.text == html
    assert decoded.note == "declared cp1258 but the bytes are UTF-8"


def test_legacy_bytes_declared_utf8_are_read_as_windows_1258() -> None:
    html = TEXT.format(meta='<meta charset="utf-8">')
    decoded = decode_html(windows_1258(html))
    assert decoded.text == html
    assert decoded.note == "declared utf-8 does not decode the bytes; read as cp1258"


def test_bom_and_plain_ascii() -> None:
    assert decode_html(codecs.BOM_UTF8 + "Đà Nẵng".encode()).text == "Đà Nẵng"
    assert decode_html(b"<p>plain</p>").note is None


@pytest.mark.parametrize("raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20])
def test_binary_content_is_refused(raw: bytes) -> None:
    with pytest.raises(NotText, match="binary content"):
        decode_html(raw, "text/html")
