"""Intervals and the target rule, checked against scipy and against hand arithmetic."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binomtest

from store.indicators.stats import (
    per_thousand_with_poisson,
    proportion_with_wilson,
    rate_ratio_with_katz,
    target_met,
)


@pytest.mark.parametrize("successes, trials", [(0, 10), (3, 10), (30, 80), (80, 80), (1, 1000)])
def test_wilson_interval_matches_scipy(successes: int, trials: int) -> None:
    value, low, high = proportion_with_wilson(np.array([successes]), np.array([trials]))
    expected = binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
    assert value[0] == pytest.approx(successes / trials)
    assert (low[0], high[0]) == pytest.approx((expected.low, expected.high), abs=1e-9)


def test_wilson_without_trials_is_undefined() -> None:
    value, low, high = proportion_with_wilson(np.array([0.0]), np.array([0.0]))
    assert math.isnan(value[0]) and math.isnan(low[0]) and math.isnan(high[0])


def test_katz_interval_by_hand() -> None:
    # a=12 of n1=30 women, c=5 of n2=50 men: RR = 0.4 / 0.1 = 4;
    # se = sqrt(1/12 - 1/30 + 1/5 - 1/50) = sqrt(0.23) = 0.479583;
    # bounds = exp(ln 4 ± 1.959964 × 0.479583) = 1.5626 and 10.2396.
    value, low, high = rate_ratio_with_katz(np.array([12]), np.array([30]), np.array([5]), np.array([50]))
    assert value[0] == pytest.approx(4.0)
    assert (low[0], high[0]) == pytest.approx((1.5626, 10.2396), abs=1e-4)


def test_rate_ratio_with_a_zero_reference_count_is_undefined() -> None:
    value, low, high = rate_ratio_with_katz(np.array([3]), np.array([30]), np.array([0]), np.array([50]))
    assert math.isnan(value[0]) and math.isnan(low[0]) and math.isnan(high[0])


def test_rate_ratio_with_a_zero_focus_count_uses_the_haldane_correction() -> None:
    # a=0: RR = 0; interval from a=0.5, n1=31, c=5.5, n2=51 (0.5 added to every cell).
    value, low, high = rate_ratio_with_katz(np.array([0]), np.array([30]), np.array([5]), np.array([50]))
    centre = math.log((0.5 / 31) / (5.5 / 51))
    se = math.sqrt(1 / 0.5 - 1 / 31 + 1 / 5.5 - 1 / 51)
    assert value[0] == 0
    assert (low[0], high[0]) == pytest.approx((math.exp(centre - 1.959964 * se), math.exp(centre + 1.959964 * se)),
                                              rel=1e-5)


def test_poisson_interval_is_exact() -> None:
    # 7 findings in 50 articles: 140 per 1,000; exact 95% bounds on 7 events are 2.8143 and 14.4227.
    value, low, high = per_thousand_with_poisson(np.array([7]), np.array([50]))
    assert value[0] == pytest.approx(140.0)
    assert (low[0], high[0]) == pytest.approx((2.8143 * 20, 14.4227 * 20), rel=1e-4)


@pytest.mark.parametrize("value, direction, target, high, met", [
    (0.40, "band", 0.40, 0.60, True), (0.39, "band", 0.40, 0.60, False), (0.61, "band", 0.40, 0.60, False),
    (0.13, "higher_is_better", 0.13, None, True), (0.12, "higher_is_better", 0.13, None, False),
    (0.0, "lower_is_better", 0.0, None, True), (0.05, "lower_is_better", 0.0, None, False),
    (None, "band", 0.4, 0.6, None), (float("nan"), "lower_is_better", 0.1, None, None),
])
def test_target_rule(value: float | None, direction: str, target: float, high: float | None,
                     met: bool | None) -> None:
    assert target_met(value, direction, target, high) is met
