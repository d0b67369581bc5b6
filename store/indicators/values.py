"""From summed counts to indicator values, intervals and the target check (vectorised)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from store.indicators.aggregates import CountSlots
from store.indicators.definitions import IndicatorDefinition
from store.indicators.results import IndicatorResult
from store.indicators.stats import (
    per_thousand_with_poisson,
    proportion_with_wilson,
    rate_ratio_with_katz,
    target_met,
)
from store.indicators.targets import Target


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _sum(totals: np.ndarray, columns: tuple[int, ...]) -> np.ndarray:
    return totals[:, list(columns)].sum(axis=1)


def evaluate(definitions: Sequence[IndicatorDefinition], totals: np.ndarray,
             slots: Mapping[str, CountSlots],
             targets: Sequence[Mapping[str, Target]]) -> list[list[IndicatorResult]]:
    """Results for each row of ``totals`` (one row per outlet × period), in definition order.

    ``targets[i]`` holds the targets in force for row ``i`` (its province's).
    """
    totals = np.atleast_2d(totals)
    rows: list[list[IndicatorResult]] = [[] for _ in range(totals.shape[0])]
    for definition in definitions:
        slot = slots[definition.id]
        numerator, denominator = _sum(totals, slot.numerator), _sum(totals, slot.denominator)
        ref_numerator = _sum(totals, slot.ref_numerator) if slot.ref_numerator else None
        ref_denominator = _sum(totals, slot.ref_denominator) if slot.ref_denominator else None
        if definition.measure == "rate_ratio":
            assert ref_numerator is not None and ref_denominator is not None
            value, low, high = rate_ratio_with_katz(numerator, denominator, ref_numerator, ref_denominator)
            sufficient = (denominator >= definition.min_sample) & (ref_denominator >= definition.min_sample)
        elif definition.measure == "per_1000":
            value, low, high = per_thousand_with_poisson(numerator, denominator)
            sufficient = denominator >= definition.min_sample
        else:
            value, low, high = proportion_with_wilson(numerator, denominator)
            sufficient = denominator >= definition.min_sample
        for index, row in enumerate(rows):
            target, target_high = targets[index][definition.id]
            point = _optional(value[index])
            enough = bool(sufficient[index])
            row.append(IndicatorResult(
                indicator_id=definition.id, value=point,
                ci_low=_optional(low[index]), ci_high=_optional(high[index]),
                numerator=float(numerator[index]), denominator=float(denominator[index]),
                ref_numerator=None if ref_numerator is None else float(ref_numerator[index]),
                ref_denominator=None if ref_denominator is None else float(ref_denominator[index]),
                target=target, target_high=target_high, direction=definition.direction,
                sufficient=enough,
                met=target_met(point, definition.direction, target, target_high) if enough else None,
            ))
    return rows
