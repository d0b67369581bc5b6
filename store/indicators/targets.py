"""Targets: the YAML default of each indicator, replaced per province by a monitor's choice."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from genderwatch.errors import GenderwatchError
from store.indicators.definitions import IndicatorDefinition
from store.models import IndicatorTarget, Outlet
from store.types import utcnow

Target = tuple[float, float | None]


def province_targets(session: Session, province: str,
                     definitions: Iterable[IndicatorDefinition]) -> dict[str, Target]:
    """indicator id → (target, upper bound for a band) in force for ``province``."""
    overrides = {
        row.indicator_id: (row.target, row.target_high)
        for row in session.exec(select(IndicatorTarget).where(IndicatorTarget.province == province))
    }
    return {
        definition.id: overrides.get(definition.id, (definition.target, definition.target_high))
        for definition in definitions
    }


def set_province_target(session: Session, definitions: Iterable[IndicatorDefinition], province: str,
                        indicator_id: str, target: float, target_high: float | None = None,
                        user_id: int | None = None) -> IndicatorTarget:
    """Record a province's own target for one indicator (validated against its definition)."""
    by_id = {definition.id: definition for definition in definitions}
    definition = by_id.get(indicator_id)
    if definition is None:
        raise GenderwatchError(f"không có chỉ số / unknown indicator '{indicator_id}'")
    if session.exec(select(Outlet.id).where(Outlet.province == province)).first() is None:
        raise GenderwatchError(f"không có tỉnh / unknown province '{province}'")
    if (definition.direction == "band") != (target_high is not None):
        raise GenderwatchError(
            f"{indicator_id} is judged as '{definition.direction}': "
            + ("give a lower and an upper bound" if definition.direction == "band" else "give one target")
        )
    if target < 0 or (target_high is not None and target_high < target):
        raise GenderwatchError(f"invalid target for {indicator_id}: {target}..{target_high}")
    if definition.measure in ("share", "rate") and max(target, target_high or 0) > 1:
        raise GenderwatchError(f"{indicator_id} is a proportion: give targets between 0 and 1")
    row = session.exec(select(IndicatorTarget).where(
        IndicatorTarget.province == province, IndicatorTarget.indicator_id == indicator_id
    )).first() or IndicatorTarget(province=province, indicator_id=indicator_id, target=target)
    row.target, row.target_high, row.updated_by, row.updated_at = target, target_high, user_id, utcnow()
    session.add(row)
    session.flush()
    return row
