"""Bylines as provincial outlets print them, and what they say about authors (research §4.2)."""

from __future__ import annotations

import pytest

from crawler.bylines import parse_byline


@pytest.mark.parametrize("text, authors, wire", [
    ("Tin, ảnh: P.Y", ["P.Y"], None),
    ("Bài và ảnh: Minh Hằng", ["Minh Hằng"], None),
    ("Bài, ảnh: Ngọc Lan, Thu Hà", ["Ngọc Lan", "Thu Hà"], None),
    ("Anh Dũng", ["Anh Dũng"], None),                                   # signature block
    ("Hoàng Quỳnh - Mạnh Trường", ["Hoàng Quỳnh", "Mạnh Trường"], None),
    ("Theo TTXVN", [], "TTXVN"),                                        # wire copy: no personal author
    ("Theo TTXVN/Vietnam+", [], "TTXVN"),
    ("(Theo VOV)", [], "VOV"),
    ("Truyền hình Cần Thơ - Hữu Tài - Minh Thư", ["Hữu Tài", "Minh Thư"], None),  # broadcaster credit
    ("Tường Vi (Báo và Phát thanh, Truyền hình Cần Thơ)", ["Tường Vi"], None),    # copy credit
    ("Nhóm phóng viên Thời sự", [], None),                               # a desk, not a person
    ("Thông tin doanh nghiệp", [], None),
])
def test_byline_forms(text: str, authors: list[str], wire: str | None) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.text, byline.authors, byline.wire_source) == (text, authors, wire)


@pytest.mark.parametrize("text", [
    "Hội nghị kết thúc vào chiều cùng ngày.",
    "Theo bác sĩ Hồng, bệnh thường gặp ở người lớn tuổi.",
    "UBND tỉnh Lào Cai",
    "",
])
def test_sentences_are_not_bylines(text: str) -> None:
    assert parse_byline(text) is None


def test_bare_signatures_can_be_refused() -> None:
    assert parse_byline("Anh Dũng", allow_bare_signature=False) is None
    assert parse_byline("Tin, ảnh: P.Y", allow_bare_signature=False) is not None
