"""Figures the dashboard shows beside the indicator values, read from stored tables.

Indicator values themselves come from the indicator engine (``store.indicators``); these
queries read its stored rows across several periods (trends, series) and count the people
behind them, always with the engine's own population rule so the numbers agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select, tuple_
from sqlmodel import Session

from store.indicators.scope import Scope, analysis_conditions
from store.indicators.definitions import Population
from store.indicators.periods import Period
from store.models import Analysis, IndicatorValue, Person


@dataclass(frozen=True)
class ComplianceCount:
    """Indicators met and evaluable for one outlet and period (percent = met / evaluable)."""

    met: int
    evaluable: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.met / self.evaluable if self.evaluable else None


def _in_periods(periods: Sequence[Period]):
    table = IndicatorValue.__table__
    return tuple_(table.c.period_start, table.c.period_end).in_(
        [(period.start, period.end) for period in periods])


def compliance_history(session: Session, outlet_ids: Sequence[str],
                       periods: Sequence[Period]) -> dict[str, dict[Period, ComplianceCount]]:
    """outlet → period → indicators met / evaluable, from stored values, in one query."""
    if not outlet_ids or not periods:
        return {}
    table = IndicatorValue.__table__
    by_range = {(period.start, period.end): period for period in periods}
    rows = session.execute(
        select(table.c.outlet_id, table.c.period_start, table.c.period_end,
               func.sum(case((table.c.met.is_(True), 1), else_=0)), func.count(table.c.met))
        .where(table.c.outlet_id.in_(list(outlet_ids)), _in_periods(periods))
        .group_by(table.c.outlet_id, table.c.period_start, table.c.period_end)
    ).all()
    history: dict[str, dict[Period, ComplianceCount]] = {}
    for outlet_id, start, end, met, evaluable in rows:
        history.setdefault(outlet_id, {})[by_range[(start, end)]] = ComplianceCount(int(met or 0), int(evaluable))
    return history


def indicator_series(session: Session, outlet_id: str,
                     periods: Sequence[Period]) -> dict[str, dict[Period, IndicatorValue]]:
    """indicator → period → stored value of one outlet, for charts over time."""
    by_range = {(period.start, period.end): period for period in periods}
    rows = session.execute(
        select(IndicatorValue).where(IndicatorValue.outlet_id == outlet_id, _in_periods(periods))
    ).scalars()
    series: dict[str, dict[Period, IndicatorValue]] = {}
    for row in rows:
        series.setdefault(row.indicator_id, {})[by_range[(row.period_start, row.period_end)]] = row
    return series


def stored_periods(session: Session, outlet_ids: Sequence[str], limit: int = 60) -> list[Period]:
    """Periods with stored indicator values for these outlets, newest first."""
    table = IndicatorValue.__table__
    rows = session.execute(
        select(table.c.period_kind, table.c.period_start, table.c.period_end)
        .where(table.c.outlet_id.in_(list(outlet_ids)))
        .group_by(table.c.period_kind, table.c.period_start, table.c.period_end)
        .order_by(table.c.period_start.desc(), table.c.period_end)
        .limit(limit)
    ).all()
    return [Period(start, end, kind) for kind, start, end in rows]


def analysed_articles(session: Session, outlet_ids: Sequence[str], period: Period,
                      population: Population) -> dict[str, int]:
    """outlet → articles counted by the indicators in ``period`` (the sample size)."""
    if not outlet_ids:
        return {}
    analysis = Analysis.__table__
    scope = Scope(period.start, period.end, population, tuple(outlet_ids))
    rows = session.execute(
        select(analysis.c.outlet_id, func.count()).where(*analysis_conditions(scope))
        .group_by(analysis.c.outlet_id)
    ).all()
    return {outlet_id: int(count) for outlet_id, count in rows}


def people_by_gender_and_function(session: Session, outlet_ids: Sequence[str], period: Period,
                                  population: Population) -> dict[tuple[str, str], int]:
    """(function, gender) → people in the counted articles of ``period``."""
    analysis, person = Analysis.__table__, Person.__table__
    scope = Scope(period.start, period.end, population, tuple(outlet_ids))
    rows = session.execute(
        select(person.c.function, person.c.gender, func.count())
        .select_from(person.join(analysis, analysis.c.id == person.c.analysis_id))
        .where(*analysis_conditions(scope))
        .group_by(person.c.function, person.c.gender)
    ).all()
    return {(function, gender): int(count) for function, gender, count in rows}
