"""Reporting periods: parsing, canonical labels, previous periods and bad input."""

from __future__ import annotations

from datetime import date

import pytest

from store.indicators.periods import Period, PeriodError, parse_period, standard_periods


@pytest.mark.parametrize("text, kind, start, end, label_vi", [
    ("2025-11", "month", date(2025, 11, 1), date(2025, 11, 30), "Tháng 11/2025"),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "Tháng 2/2024"),
    ("2025-Q4", "quarter", date(2025, 10, 1), date(2025, 12, 31), "Quý IV/2025"),
    ("2025", "year", date(2025, 1, 1), date(2025, 12, 31), "Năm 2025"),
    ("2025-AM", "action_month", date(2025, 11, 15), date(2025, 12, 15),
     "Tháng hành động 2025 (15/11–15/12/2025)"),
    ("2025-10-05..2025-10-20", "custom", date(2025, 10, 5), date(2025, 10, 20),
     "Từ 05/10/2025 đến 20/10/2025"),
])
def test_every_period_form_parses(text: str, kind: str, start: date, end: date, label_vi: str) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label_vi) == (kind, start, end, label_vi)
    assert parse_period(period.label) == period


def test_a_custom_range_equal_to_a_named_period_becomes_that_period() -> None:
    assert parse_period("2025-10-01..2025-12-31") == parse_period("2025-Q4")
    assert parse_period("2025-11-15..2025-12-15").kind == "action_month"


@pytest.mark.parametrize("text, previous", [
    ("2025-01", "2024-12"), ("2025-Q1", "2024-Q4"), ("2025", "2024"), ("2025-AM", "2024-AM"),
    ("2025-01-05..2025-01-10", "2024-12-30..2025-01-04"),
])
def test_previous_period_has_the_same_kind_and_length(text: str, previous: str) -> None:
    assert parse_period(text).previous() == parse_period(previous)


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "25-11", "2025/11", "2025-12-01..2025-11-01",
                                  "2025-02-30..2025-03-01", "1899", "tháng 11", ""])
def test_malformed_periods_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError, match="invalid period"):
        parse_period(text)


def test_standard_periods_cover_months_quarters_years_and_the_action_month() -> None:
    periods = list(standard_periods(date(2025, 11, 20), date(2025, 12, 3)))
    assert {period.label for period in periods} == {"2025", "2025-AM", "2025-Q4", "2025-11", "2025-12"}
    assert all(isinstance(period, Period) for period in periods)
