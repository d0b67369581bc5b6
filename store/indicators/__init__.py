"""The indicator engine: content indicators per outlet × period, computed as SQL aggregates.

Stable API for the dashboard, the CLI and the scorecards:

Definitions and periods
    load_definitions(config_dir) -> list[IndicatorDefinition]
    load_indicator_set(config_dir) -> IndicatorSet      # + population rule and file digest
    parse_period("2025-11" | "2025-Q4" | "2025" | "2025-AM" | "2025-10-01..2025-12-31") -> Period

Computation
    recompute(session_or_engine, *, outlet_ids=None, periods=None, force=False,
              config_dir=None) -> RecomputeReport
        Incremental by default: an outlet × period is recomputed only when the fingerprint of
        its inputs (current analyses, review decisions, excluded copies, byline counts,
        definitions, targets) changed. periods=None means every month, quarter, year and
        Action Month with data, plus any period already stored. With a Session the caller
        commits; with an Engine the call commits.
    mark_dirty_for_article(session, article_id) -> int
        Forces the next recompute of every stored period containing the article's dates;
        call it after changing an article in place (publication date, wire/syndication flags).

Reading (values are refreshed incrementally first unless refresh=False)
    outlet_compliance(session, outlet_id, period, *, refresh=True, config_dir=None) -> OutletCompliance
    province_rollup(session, province, period, *, refresh=True, config_dir=None) -> ProvinceRollup
    sample_sizes(connection, outlet_ids, period, population) -> SampleSizes
    flagged_articles(connection, outlet_ids, period, population, limit=10) -> list[FlaggedArticle]
    Compliance.of(results) -> Compliance(met, evaluable, percent)

Targets and the organisational self-assessment (A1–A5)
    set_province_target(session, definitions, province, indicator_id, target, target_high=None,
                        user_id=None) -> IndicatorTarget
    load_form(config_dir) -> SelfAssessmentForm
    validate_answers(form, answers) -> dict
    save_self_assessment(session, form, outlet_id, year, answers, *, submit, user_id=None)
    score_self_assessment(form, answers) -> SelfAssessmentScore
"""

from store.indicators.compliance import outlet_compliance, province_rollup
from store.indicators.definitions import (
    IndicatorDefinition,
    IndicatorSet,
    load_definitions,
    load_indicator_set,
)
from store.indicators.evidence import FlaggedArticle, flagged_articles, sample_sizes
from store.indicators.periods import Period, PeriodError, parse_period
from store.indicators.recompute import mark_dirty_for_article, recompute
from store.indicators.results import (
    Compliance,
    IndicatorResult,
    OutletCompliance,
    OutletStatus,
    ProvinceRollup,
    RecomputeReport,
    SampleSizes,
)
from store.indicators.self_assessment import (
    SelfAssessmentForm,
    SelfAssessmentScore,
    load_form,
    save_self_assessment,
    score_self_assessment,
    validate_answers,
)
from store.indicators.targets import set_province_target

__all__ = [
    "Compliance",
    "FlaggedArticle",
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
    "SelfAssessmentForm",
    "SelfAssessmentScore",
    "flagged_articles",
    "load_definitions",
    "load_form",
    "load_indicator_set",
    "mark_dirty_for_article",
    "outlet_compliance",
    "parse_period",
    "province_rollup",
    "recompute",
    "sample_sizes",
    "save_self_assessment",
    "score_self_assessment",
    "set_province_target",
    "validate_answers",
]
