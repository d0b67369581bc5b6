"""Which reporting period a page shows, from its query string, and the choices offered.

``?period=2025-11`` (or 2025-Q4, 2025, 2025-AM, 2025-10-01..2025-12-31) or ``?from=&to=`` for a
custom range. Without either, the newest month with stored values is shown, so a user lands on
real figures rather than an empty current month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException
from sqlmodel import Session

from dashboard.figure_cache import RequestMemo
from store.indicators.periods import Period, PeriodError, month_period, parse_period
from store.outlet_figures import stored_periods

HISTORY = {"month": 12, "quarter": 8, "year": 5, "action_month": 5}


@dataclass(frozen=True)
class PeriodChoice:
    period: Period
    options: tuple[Period, ...]  # periods with stored values, newest first
    custom_from: str
    custom_to: str

    def query(self) -> str:
        return f"period={self.period.label}"


def choose_period(session: Session, outlet_ids: Sequence[str], period: str | None,
                  first: str | None, last: str | None, memo: RequestMemo | None = None) -> PeriodChoice:
    """Resolve the request's period; a malformed one is a 400 with the parser's reason."""
    def options_now() -> tuple[Period, ...]:
        return tuple(stored_periods(session, outlet_ids)) if outlet_ids else ()

    options = memo.get(("periods", tuple(outlet_ids)), options_now) if memo else options_now()
    try:
        if first or last:
            chosen = parse_period(f"{(first or '').strip()}..{(last or '').strip()}")
        elif period:
            chosen = parse_period(period)
        else:
            months = [option for option in options if option.kind == "month"]
            chosen = months[0] if months else (options[0] if options else month_period(date.today().year, date.today().month))
    except PeriodError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    return PeriodChoice(chosen, options, first or "", last or "")


def history(period: Period) -> list[Period]:
    """The period and the comparable ones before it, oldest first (custom ranges stand alone)."""
    periods = [period]
    for _ in range(HISTORY.get(period.kind, 1) - 1):
        periods.append(periods[-1].previous())
    return periods[::-1]
