"""What the indicator engine hands to the dashboard, the CLI and the scorecards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from store.indicators.periods import Period


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator for one outlet (or a pooled province) and period.

    ``numerator``/``denominator`` are the counts behind ``value`` (for a rate ratio: the focus
    group, with the reference group in ``ref_numerator``/``ref_denominator``). ``sufficient``
    is False below the minimum sample: the value is still shown but ``met`` is None and the
    indicator is not evaluable for compliance.
    """

    indicator_id: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    numerator: float
    denominator: float
    ref_numerator: float | None
    ref_denominator: float | None
    target: float
    target_high: float | None
    direction: str
    sufficient: bool
    met: bool | None

    @property
    def evaluable(self) -> bool:
        return self.met is not None


@dataclass(frozen=True)
class Compliance:
    """Indicators met out of indicators evaluable (sample large enough and a value defined)."""

    met: int
    evaluable: int

    @property
    def percent(self) -> float | None:
        """met / evaluable × 100; None when nothing is evaluable."""
        return 100.0 * self.met / self.evaluable if self.evaluable else None

    @classmethod
    def of(cls, results: Iterable[IndicatorResult]) -> Compliance:
        judged = [result.met for result in results if result.evaluable]
        return cls(sum(1 for met in judged if met), len(judged))


@dataclass(frozen=True)
class RecomputeReport:
    """What one call to :func:`store.indicators.recompute` did."""

    considered: int  # outlet × period pairs looked at
    recomputed: int  # pairs whose inputs changed (or all, with force)
    unchanged: int  # pairs skipped because their input fingerprint was the same
    removed: int  # pairs whose data disappeared; their stored values were deleted
    values_written: int
    seconds: float


@dataclass(frozen=True)
class OutletCompliance:
    """An outlet's indicators for a period and its compliance percentage."""

    outlet_id: str
    outlet_name: str
    province: str
    period: Period
    results: tuple[IndicatorResult, ...]

    @property
    def compliance(self) -> Compliance:
        return Compliance.of(self.results)

    @property
    def met(self) -> int:
        return self.compliance.met

    @property
    def evaluable(self) -> int:
        return self.compliance.evaluable

    @property
    def percent(self) -> float | None:
        """Indicators met / indicators evaluable × 100; None when nothing is evaluable."""
        return self.compliance.percent


@dataclass(frozen=True)
class OutletStatus:
    """One outlet's line in a province roll-up."""

    outlet_id: str
    outlet_name: str
    monitored: bool  # has analysed articles in the period
    self_assessment_submitted: bool  # submitted the A1–A5 self-assessment for the period's year
    compliance_percent: float | None
    evaluable: int
    met: int


@dataclass(frozen=True)
class ProvinceRollup:
    """A province for one period: monitoring coverage, 1790 adoption and compliance spread."""

    province: str
    period: Period
    outlets: tuple[OutletStatus, ...]
    pooled: tuple[IndicatorResult, ...]  # counts summed over the province's outlets
    adoption_targets: dict[int, float] = field(default_factory=lambda: {2025: 0.70, 2030: 0.90})

    @property
    def outlets_total(self) -> int:
        return len(self.outlets)

    @property
    def outlets_monitored(self) -> int:
        return sum(1 for outlet in self.outlets if outlet.monitored)

    @property
    def outlets_self_assessed(self) -> int:
        return sum(1 for outlet in self.outlets if outlet.self_assessment_submitted)

    @property
    def adoption_share(self) -> float | None:
        """Share of the province's outlets that submitted the self-assessment (1790 measure)."""
        return self.outlets_self_assessed / self.outlets_total if self.outlets_total else None

    @property
    def compliance_distribution(self) -> dict[str, int]:
        """Outlets per compliance band (0–25, 25–50, 50–75, 75–100 %; 'n/a' if not evaluable)."""
        bands = {"0–25%": 0, "25–50%": 0, "50–75%": 0, "75–100%": 0, "n/a": 0}
        for outlet in self.outlets:
            percent = outlet.compliance_percent
            if percent is None:
                bands["n/a"] += 1
            elif percent < 25:
                bands["0–25%"] += 1
            elif percent < 50:
                bands["25–50%"] += 1
            elif percent < 75:
                bands["50–75%"] += 1
            else:
                bands["75–100%"] += 1
        return bands


@dataclass(frozen=True)
class SampleSizes:
    """How much material stands behind an outlet's (or province's) figures for a period."""

    articles: int
    articles_excluded: int  # wire copy and syndicated copies left out (population rule)
    people_female: int
    people_male: int
    people_unknown: int
    quotes: int
    findings_outlet_voice: int  # after review decisions
    first_day: date | None
    last_day: date | None
