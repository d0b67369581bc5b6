"""Vietnamese publication dates become aware datetimes in Asia/Ho_Chi_Minh (research §4.1)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.dates import has_clock_time, parse_date

VN = timezone(timedelta(hours=7))


@pytest.mark.parametrize("text, expected", [
    ("2025-06-17T13:43:02+0700", datetime(2025, 6, 17, 13, 43, 2, tzinfo=VN)),       # meta.cms-date
    ("2025-10-22T12:25:52Z", datetime(2025, 10, 22, 19, 25, 52, tzinfo=VN)),         # UTC, shown in Vietnam time
    ("1750142582", datetime(2025, 6, 17, 13, 43, 2, tzinfo=VN)),                     # data-time epoch
    ("17/06/2025 13:43", datetime(2025, 6, 17, 13, 43, tzinfo=VN)),
    ("08/01/2026 - 18:21", datetime(2026, 1, 8, 18, 21, tzinfo=VN)),                 # span.pubdate
    ("Thứ Năm, 8/5/2025 21:19", datetime(2025, 5, 8, 21, 19, tzinfo=VN)),            # unpadded, weekday
    ("Thứ 4, 19/03/2025 | 20:17", datetime(2025, 3, 19, 20, 17, tzinfo=VN)),         # weekday as a digit
    ("Cập nhật lúc 10:24 01/04/2025 (GMT+7)", datetime(2025, 4, 1, 10, 24, tzinfo=VN)),  # time first
    ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", datetime(2025, 10, 22, 19, 25, tzinfo=VN)),
    ("Chủ nhật, 28/09/2025 - 10:00", datetime(2025, 9, 28, 10, 0, tzinfo=VN)),
    ("20h30 ngày 3/11/2025", datetime(2025, 11, 3, 20, 30, tzinfo=VN)),
    ("ngày 22 tháng 10 năm 2025", datetime(2025, 10, 22, tzinfo=VN)),
])
def test_printed_and_structured_dates(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


def test_site_formats_are_tried_first() -> None:
    assert parse_date("15-01-2024 13:04", ["%d-%m-%Y %H:%M"]) == datetime(2024, 1, 15, 13, 4, tzinfo=VN)


@pytest.mark.parametrize("text", ["Ngày 8-1, hội nghị đã diễn ra", "", None, "không có ngày", "32/13/2025 10:00"])
def test_no_year_or_no_date_is_no_publication_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_date_only_values_are_told_apart_from_times() -> None:
    assert not has_clock_time("2026-01-08")
    assert has_clock_time("08/01/2026 - 18:21")
    assert has_clock_time("1750142582")
