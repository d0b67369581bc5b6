"""Compliance: indicators met out of indicators evaluable, per outlet and per province.

An indicator is evaluable when its sample reached the minimum; an outlet's compliance
percentage is indicators met / indicators evaluable. A province roll-up lists its outlets
(monitored or not, self-assessment submitted or not — the adoption measure of Decision
1790/QĐ-TTg: 70% of agencies by 2025, 90% by 2030), the spread of their compliance, and the
province's pooled values (counts summed over its outlets, then evaluated the same way).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Row, func, select
from sqlmodel import Session

from genderwatch.errors import GenderwatchError
from store.indicators.aggregates import CountSlots
from store.indicators.definitions import IndicatorSet, load_indicator_set
from store.indicators.periods import Period
from store.indicators.recompute import default_config_dir, recompute
from store.indicators.results import IndicatorResult, OutletCompliance, OutletStatus, ProvinceRollup
from store.indicators.targets import province_targets
from store.indicators.values import evaluate
from store.models import IndicatorValue, Outlet, SelfAssessment


def _stored_rows(session: Session, outlet_ids: Sequence[str], period: Period) -> list[Row[Any]]:
    table = IndicatorValue.__table__
    return list(session.execute(
        select(table).where(table.c.outlet_id.in_(outlet_ids), table.c.period_start == period.start,
                            table.c.period_end == period.end)
    ).all())


def _result(row: Row[Any], direction: str) -> IndicatorResult:
    return IndicatorResult(
        indicator_id=row.indicator_id, value=row.value, ci_low=row.ci_low, ci_high=row.ci_high,
        numerator=row.numerator, denominator=row.denominator, ref_numerator=row.ref_numerator,
        ref_denominator=row.ref_denominator, target=row.target if row.target is not None else 0.0,
        target_high=row.target_high, direction=direction, sufficient=row.sufficient, met=row.met,
    )


def stored_results(session: Session, indicator_set: IndicatorSet, outlet_id: str,
                   period: Period) -> tuple[IndicatorResult, ...]:
    """The stored values of one outlet and period, in definition order."""
    rows = {row.indicator_id: row for row in _stored_rows(session, [outlet_id], period)}
    return tuple(_result(rows[definition.id], definition.direction)
                 for definition in indicator_set.definitions if definition.id in rows)


def _outlet(session: Session, outlet_id: str) -> Outlet:
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise GenderwatchError(f"không có cơ quan báo chí / unknown outlet '{outlet_id}'")
    return outlet


def outlet_compliance(session: Session, outlet_id: str, period: Period, *, refresh: bool = True,
                      config_dir: Path | None = None) -> OutletCompliance:
    """An outlet's indicator values for ``period`` and its compliance percentage.

    With ``refresh`` the stored values are first brought up to date (cheap when nothing
    changed). The results are empty when the outlet has no analysed article in the period.
    """
    config_dir = config_dir or default_config_dir()
    outlet = _outlet(session, outlet_id)
    if refresh:
        recompute(session, outlet_ids=[outlet_id], periods=[period], config_dir=config_dir)
    indicator_set = load_indicator_set(config_dir)
    return OutletCompliance(outlet.id, outlet.name, outlet.province, period,
                            stored_results(session, indicator_set, outlet_id, period))


def province_outlets(session: Session, province: str) -> list[Outlet]:
    """Active outlets of ``province``; an unknown province is an error."""
    outlets = list(session.execute(
        select(Outlet).where(Outlet.province == province, Outlet.active.is_(True))  # type: ignore[attr-defined]
        .order_by(Outlet.id)
    ).scalars())
    if not outlets:
        raise GenderwatchError(f"không có tỉnh / unknown province '{province}' (no active outlet)")
    return outlets


def pooled_results(session: Session, indicator_set: IndicatorSet, outlet_ids: Sequence[str],
                   period: Period, province: str) -> tuple[IndicatorResult, ...]:
    """Values of the outlets taken together: their stored counts summed, then evaluated."""
    table = IndicatorValue.__table__
    sums = {
        indicator_id: (numerator, denominator, ref_numerator, ref_denominator)
        for indicator_id, numerator, denominator, ref_numerator, ref_denominator in session.execute(
            select(table.c.indicator_id, func.sum(table.c.numerator), func.sum(table.c.denominator),
                   func.sum(table.c.ref_numerator), func.sum(table.c.ref_denominator))
            .where(table.c.outlet_id.in_(outlet_ids), table.c.period_start == period.start,
                   table.c.period_end == period.end)
            .group_by(table.c.indicator_id)
        )
    }
    definitions = [definition for definition in indicator_set.definitions if definition.id in sums]
    if not definitions:
        return ()
    totals = np.array([float(value or 0) for definition in definitions for value in sums[definition.id]])
    slots = {definition.id: CountSlots((4 * index,), (4 * index + 1,), (4 * index + 2,), (4 * index + 3,))
             if definition.measure == "rate_ratio" else CountSlots((4 * index,), (4 * index + 1,))
             for index, definition in enumerate(definitions)}
    targets = province_targets(session, province, definitions)
    return tuple(evaluate(definitions, totals, slots, [targets])[0])


def province_rollup(session: Session, province: str, period: Period, *, refresh: bool = True,
                    config_dir: Path | None = None) -> ProvinceRollup:
    """Monitoring coverage, 1790 adoption and compliance of a province's outlets."""
    config_dir = config_dir or default_config_dir()
    outlets = province_outlets(session, province)
    outlet_ids = [outlet.id for outlet in outlets]
    if refresh:
        recompute(session, outlet_ids=outlet_ids, periods=[period], config_dir=config_dir)
    indicator_set = load_indicator_set(config_dir)
    years = range(period.start.year, period.end.year + 1)
    submitted = set(session.execute(
        select(SelfAssessment.outlet_id).where(
            SelfAssessment.outlet_id.in_(outlet_ids), SelfAssessment.year.in_(years),  # type: ignore[attr-defined]
            SelfAssessment.status == "submitted",
        )
    ).scalars())
    statuses = []
    for outlet in outlets:
        compliance = OutletCompliance(outlet.id, outlet.name, province, period,
                                      stored_results(session, indicator_set, outlet.id, period))
        statuses.append(OutletStatus(
            outlet_id=outlet.id, outlet_name=outlet.name, monitored=bool(compliance.results),
            self_assessment_submitted=outlet.id in submitted,
            compliance_percent=compliance.percent, evaluable=compliance.evaluable, met=compliance.met,
        ))
    pooled = pooled_results(session, indicator_set, outlet_ids, period, province)
    return ProvinceRollup(province, period, tuple(statuses), pooled)
