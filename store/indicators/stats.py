"""Interval estimates and the target check, vectorised over many outlet-period values.

- Proportions (shares and article rates): Wilson score interval, which stays inside [0, 1]
  and behaves at small samples, as provincial outlets often have.
- Ratio of two rates (e.g. family role mentioned for women vs men): Katz log interval; when a
  count is zero, 0.5 is added to every cell of the 2×2 table (Haldane–Anscombe) so the
  interval stays finite.
- Counts per 1,000 articles: exact (Garwood) Poisson interval from chi-square quantiles.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Z95 = 1.959963984540054
Array = NDArray[np.float64]


def _safe_divide(numerator: Array, denominator: Array) -> Array:
    out = np.full(np.shape(numerator), np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def proportion_with_wilson(successes: Array, trials: Array) -> tuple[Array, Array, Array]:
    """Point estimate and Wilson 95% bounds; NaN where there are no trials."""
    successes = np.asarray(successes, dtype=float)
    trials = np.asarray(trials, dtype=float)
    p = _safe_divide(successes, trials)
    z2 = Z95 * Z95
    safe_n = np.where(trials > 0, trials, 1.0)
    centre = (p + z2 / (2 * safe_n)) / (1 + z2 / safe_n)
    half = Z95 * np.sqrt(np.clip(p * (1 - p), 0, None) / safe_n + z2 / (4 * safe_n**2)) / (1 + z2 / safe_n)
    low = np.where(trials > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(trials > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return p, low, high


def rate_ratio_with_katz(
    focus_hits: Array, focus_n: Array, reference_hits: Array, reference_n: Array
) -> tuple[Array, Array, Array]:
    """(a/n1)/(c/n2) with a Katz 95% interval; NaN where the reference rate is zero or empty."""
    a, n1, c, n2 = (np.asarray(x, dtype=float) for x in (focus_hits, focus_n, reference_hits, reference_n))
    ratio = _safe_divide(_safe_divide(a, n1), _safe_divide(c, n2))
    ratio = np.where((n1 > 0) & (n2 > 0) & (c > 0), ratio, np.nan)
    zero_cell = (a == 0) | (c == 0)
    a_c, c_c = np.where(zero_cell, a + 0.5, a), np.where(zero_cell, c + 0.5, c)
    n1_c, n2_c = np.where(zero_cell, n1 + 1.0, n1), np.where(zero_cell, n2 + 1.0, n2)
    valid = ~np.isnan(ratio)  # no interval around an undefined ratio
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = np.log((a_c / n1_c) / (c_c / n2_c))
        se = np.sqrt(1 / a_c - 1 / n1_c + 1 / c_c - 1 / n2_c)
    low = np.where(valid, np.exp(centre - Z95 * se), np.nan)
    high = np.where(valid, np.exp(centre + Z95 * se), np.nan)
    return ratio, low, high


def per_thousand_with_poisson(events: Array, articles: Array) -> tuple[Array, Array, Array]:
    """Events per 1,000 articles with the exact Poisson 95% interval on the event count."""
    events = np.asarray(events, dtype=float)
    articles = np.asarray(articles, dtype=float)
    rate = _safe_divide(events * 1000.0, articles)
    from scipy.stats import chi2  # imported here: scipy.stats costs ~0.8 s at CLI start-up

    lower_count = np.where(events > 0, chi2.ppf(0.025, 2 * events) / 2, 0.0)
    upper_count = chi2.ppf(0.975, 2 * (events + 1)) / 2
    low = _safe_divide(lower_count * 1000.0, articles)
    high = _safe_divide(upper_count * 1000.0, articles)
    return rate, low, high


def target_met(value: float | None, direction: str, target: float, target_high: float | None) -> bool | None:
    """Whether ``value`` meets the target; None when there is no value to judge."""
    if value is None or np.isnan(value):
        return None
    if direction == "higher_is_better":
        return bool(value >= target)
    if direction == "lower_is_better":
        return bool(value <= target)
    assert target_high is not None, "a band needs an upper bound"
    return bool(target <= value <= target_high)
