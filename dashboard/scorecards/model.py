"""A scorecard's content, assembled once and handed to every renderer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from store.indicators.definitions import IndicatorDefinition, Population
from store.indicators.evidence import FlaggedArticle
from store.indicators.periods import Period
from store.indicators.results import Compliance, IndicatorResult, OutletStatus, SampleSizes
from store.indicators.self_assessment import SelfAssessmentForm, SelfAssessmentScore


@dataclass(frozen=True)
class ScorecardRow:
    """One indicator line: this period's result and the previous period's."""

    definition: IndicatorDefinition
    result: IndicatorResult
    previous: IndicatorResult | None

    @property
    def change(self) -> float | None:
        """Value minus the previous period's value, when both exist."""
        if self.previous is None or self.previous.value is None or self.result.value is None:
            return None
        return self.result.value - self.previous.value


@dataclass(frozen=True)
class Adoption:
    """The Decision 1790/QĐ-TTg adoption measure for a province."""

    outlets_total: int
    outlets_monitored: int
    outlets_self_assessed: int

    @property
    def share(self) -> float | None:
        return self.outlets_self_assessed / self.outlets_total if self.outlets_total else None


@dataclass(frozen=True)
class Scorecard:
    """Everything a scorecard shows, for one outlet or one province and one period."""

    scope: str  # "outlet" | "province"
    subject: str  # outlet name or province name
    outlet_id: str | None
    province: str
    period: Period
    previous_period: Period
    generated_at: datetime
    rows: tuple[ScorecardRow, ...]
    samples: SampleSizes
    flagged: tuple[FlaggedArticle, ...]
    population: Population
    self_assessment: SelfAssessmentScore | None  # outlet scorecards, when the form was filled in
    self_assessment_status: str | None  # "draft" | "submitted" | None
    form: SelfAssessmentForm
    outlets: tuple[OutletStatus, ...]  # province scorecards: one line per outlet
    adoption: Adoption | None

    @property
    def compliance(self) -> Compliance:
        return Compliance.of(row.result for row in self.rows)

    @property
    def met(self) -> int:
        return self.compliance.met

    @property
    def evaluable(self) -> int:
        return self.compliance.evaluable

    @property
    def compliance_percent(self) -> float | None:
        return self.compliance.percent

    @property
    def file_stem(self) -> str:
        """A safe default file name, e.g. ``phieu-danh-gia_baolaocai_2025-Q4``."""
        subject = self.outlet_id or "tinh-" + _slug(self.province)
        return f"phieu-danh-gia_{subject}_{self.period.label.replace('..', '_')}"


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = plain.encode("ascii", "ignore").decode().lower()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())
