"""The indicator engine: content indicators per outlet × period, computed as SQL aggregates.

Stable API for the dashboard, the CLI and the scorecards (issue 6):

Definitions and periods
    load_definitions(config_dir) -> list[IndicatorDefinition]
    load_indicator_set(config_dir) -> IndicatorSet      # + population rule and file digest
    parse_period("2025-11" | "2025-Q4" | "2025" | "2025-AM" | "2025-10-01..2025-12-31") -> Period

Computation (store/indicators/recompute.py)
    recompute(session_or_engine, *, outlet_ids=None, periods=None, force=False,
              config_dir=None) -> RecomputeReport
        Incremental by default: an outlet × period is recomputed only when the fingerprint of
        its inputs (current analyses, review decisions, excluded copies, definitions, targets)
        changed. periods=None means every month, quarter, year and Action Month with data.
    mark_dirty_for_article(session, article_id) -> int
        Forces the next recompute of every stored period containing the article's dates;
        call it after changing an article in place (publication date, wire/syndication flags).

Reading (store/indicators/compliance.py)
    outlet_compliance(session, outlet_id, period, *, refresh=True) -> OutletCompliance
    province_rollup(session, province, period, *, refresh=True) -> ProvinceRollup
    sample_sizes(session, outlet_ids, period) -> SampleSizes
    flagged_articles(session, outlet_ids, period, limit=10) -> list[FlaggedArticle]

Targets and the organisational self-assessment (A1–A5)
    set_province_target(session, province, indicator_id, target, target_high=None, user_id=None)
    load_form(config_dir) -> SelfAssessmentForm
    save_self_assessment(session, form, outlet_id, year, answers, *, submit, user_id=None)
    score_self_assessment(form, answers) -> SelfAssessmentScore
"""

from store.indicators.definitions import (
    IndicatorDefinition,
    IndicatorSet,
    load_definitions,
    load_indicator_set,
)
from store.indicators.periods import Period, PeriodError, parse_period
from store.indicators.results import (
    IndicatorResult,
    OutletCompliance,
    OutletStatus,
    ProvinceRollup,
    RecomputeReport,
    SampleSizes,
)

__all__ = [
    "IndicatorDefinition",
    "IndicatorResult",
    "IndicatorSet",
    "OutletCompliance",
    "OutletStatus",
    "Period",
    "PeriodError",
    "ProvinceRollup",
    "RecomputeReport",
    "SampleSizes",
    "load_definitions",
    "load_indicator_set",
    "parse_period",
]
