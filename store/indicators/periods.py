"""Reporting periods: month, quarter, year, the Action Month and custom date ranges.

Every period is an inclusive range of ``published_date`` values (the publication day in
Asia/Ho_Chi_Minh), so aggregates filter on a plain date range on SQLite and PostgreSQL alike.
The Action Month (Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên
cơ sở giới) runs from 15 November to 15 December every year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from genderwatch.errors import GenderwatchError

PERIOD_KINDS = ("month", "quarter", "year", "action_month", "custom")
STANDARD_KINDS = ("month", "quarter", "year", "action_month")
ACTION_MONTH_START = (11, 15)
ACTION_MONTH_END = (12, 15)
_ROMAN = ("I", "II", "III", "IV")
_FORMS = (
    "YYYY-MM (tháng), YYYY-Qn (quý), YYYY (năm), YYYY-AM (Tháng hành động 15/11–15/12) "
    "hoặc YYYY-MM-DD..YYYY-MM-DD"
)


class PeriodError(GenderwatchError):
    """A period label that cannot be parsed, or a range that makes no sense."""


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive range of publication days with its kind and canonical label."""

    start: date
    end: date
    kind: str

    @property
    def label(self) -> str:
        """Canonical label, accepted back by :func:`parse_period`."""
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "action_month":
            return f"{self.start.year}-AM"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label_vi(self) -> str:
        """How the period is written in a Vietnamese report."""
        if self.kind == "month":
            return f"Tháng {self.start.month}/{self.start.year}"
        if self.kind == "quarter":
            return f"Quý {_ROMAN[(self.start.month - 1) // 3]}/{self.start.year}"
        if self.kind == "year":
            return f"Năm {self.start.year}"
        if self.kind == "action_month":
            return f"Tháng hành động {self.start.year} (15/11–15/12/{self.start.year})"
        return f"Từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The comparable period just before this one (same length, same kind)."""
        if self.kind == "month":
            return month_period(*_shift_month(self.start.year, self.start.month, -1))
        if self.kind == "quarter":
            year, month = _shift_month(self.start.year, self.start.month, -3)
            return quarter_period(year, (month - 1) // 3 + 1)
        if self.kind == "year":
            return year_period(self.start.year - 1)
        if self.kind == "action_month":
            return action_month_period(self.start.year - 1)
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, "custom")


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_period(year: int, month: int) -> Period:
    next_year, next_month = _shift_month(year, month, 1)
    return Period(date(year, month, 1), date(next_year, next_month, 1) - timedelta(days=1), "month")


def quarter_period(year: int, quarter: int) -> Period:
    first = month_period(year, 3 * quarter - 2)
    return Period(first.start, month_period(year, 3 * quarter).end, "quarter")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def action_month_period(year: int) -> Period:
    return Period(date(year, *ACTION_MONTH_START), date(year, *ACTION_MONTH_END), "action_month")


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")
_YEAR = re.compile(r"(\d{4})")
_ACTION = re.compile(r"(\d{4})-(?:AM|am|TH|th)")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


def parse_period(text: str) -> Period:
    """Parse ``2025-11``, ``2025-Q4``, ``2025``, ``2025-AM`` or ``2025-10-01..2025-12-31``.

    A custom range that coincides with a month, quarter, year or Action Month is returned as
    that period, so the same figures are never stored twice under two names.
    """
    raw = text.strip()
    if match := _RANGE.fullmatch(raw):
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError as error:
            raise PeriodError(f"kỳ báo cáo không hợp lệ / invalid period {text!r}: {error}") from None
        if start > end:
            raise PeriodError(
                f"kỳ báo cáo không hợp lệ / invalid period {text!r}: start is after end"
            )
        return _canonical(Period(start, end, "custom"))
    period: Period | None = None
    if match := _QUARTER.fullmatch(raw):
        period = quarter_period(int(match[1]), int(match[2]))
    elif match := _ACTION.fullmatch(raw):
        period = action_month_period(int(match[1]))
    elif match := _MONTH.fullmatch(raw):
        if 1 <= int(match[2]) <= 12:
            period = month_period(int(match[1]), int(match[2]))
    elif match := _YEAR.fullmatch(raw):
        period = year_period(int(match[1]))
    if period is None or not 2000 <= period.start.year <= 2100:
        raise PeriodError(f"kỳ báo cáo không hợp lệ / invalid period {text!r}; dùng / use {_FORMS}")
    return period


def _canonical(custom: Period) -> Period:
    for candidate in standard_periods(custom.start, custom.start):
        if (candidate.start, candidate.end) == (custom.start, custom.end):
            return candidate
    return custom


def standard_periods(first: date, last: date) -> Iterator[Period]:
    """Every month, quarter, year and Action Month overlapping ``first``..``last``."""
    for year in range(first.year, last.year + 1):
        candidates = [year_period(year), action_month_period(year)]
        candidates += [quarter_period(year, quarter) for quarter in range(1, 5)]
        candidates += [month_period(year, month) for month in range(1, 13)]
        for period in candidates:
            if period.start <= last and period.end >= first:
                yield period
