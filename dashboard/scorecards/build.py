"""Assemble a scorecard from the indicator engine's stored values and the evidence."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from dashboard.scorecards.model import Adoption, Scorecard, ScorecardRow
from genderwatch.errors import GenderwatchError
from store.indicators.compliance import (
    outlet_compliance,
    province_outlets,
    province_rollup,
)
from store.indicators.definitions import load_indicator_set
from store.indicators.evidence import flagged_articles, sample_sizes
from store.indicators.periods import Period
from store.indicators.recompute import default_config_dir
from store.indicators.results import IndicatorResult
from store.indicators.self_assessment import load_form, score_self_assessment, stored_self_assessment
from store.models import Outlet
from store.types import utcnow


def _rows(definitions, current: tuple[IndicatorResult, ...],
          previous: tuple[IndicatorResult, ...]) -> tuple[ScorecardRow, ...]:
    now = {result.indicator_id: result for result in current}
    before = {result.indicator_id: result for result in previous}
    return tuple(ScorecardRow(definition, now[definition.id], before.get(definition.id))
                 for definition in definitions if definition.id in now)


def build_scorecard(session: Session, *, outlet_id: str | None = None, province: str | None = None,
                    period: Period, config_dir: Path | None = None,
                    flagged_limit: int = 10) -> Scorecard:
    """The scorecard of one outlet or one province for ``period``.

    Values are refreshed incrementally first. Raises GenderwatchError for an unknown outlet or
    province, or when the period has no analysed article to report on.
    """
    if (outlet_id is None) == (province is None):
        raise GenderwatchError("chọn một cơ quan báo chí hoặc một tỉnh / give exactly one of outlet or province")
    config_dir = config_dir or default_config_dir()
    indicator_set = load_indicator_set(config_dir)
    form = load_form(config_dir)
    previous_period = period.previous()
    if outlet_id is not None:
        outlet = session.get(Outlet, outlet_id)
        if outlet is None:
            raise GenderwatchError(f"không có cơ quan báo chí / unknown outlet '{outlet_id}'")
        outlet_ids = [outlet_id]
        current = outlet_compliance(session, outlet_id, period, config_dir=config_dir).results
        previous = outlet_compliance(session, outlet_id, previous_period, config_dir=config_dir).results
        subject, province_name = outlet.name, outlet.province
        assessment = stored_self_assessment(session, outlet_id, period.end.year)
        statuses, adoption = (), None
    else:
        assert province is not None
        outlet_ids = [outlet.id for outlet in province_outlets(session, province)]
        rollup = province_rollup(session, province, period, config_dir=config_dir)
        current = rollup.pooled
        previous = province_rollup(session, province, previous_period, config_dir=config_dir).pooled
        subject, province_name, assessment = province, province, None
        statuses = rollup.outlets
        adoption = Adoption(rollup.outlets_total, rollup.outlets_monitored, rollup.outlets_self_assessed)
    connection = session.connection()
    samples = sample_sizes(connection, outlet_ids, period, indicator_set.population)
    if samples.articles == 0:
        raise GenderwatchError(
            f"không có tin bài đã phân tích / no analysed articles for {subject} in {period.label} "
            f"({period.start:%d/%m/%Y}–{period.end:%d/%m/%Y})"
        )
    return Scorecard(
        scope="outlet" if outlet_id else "province", subject=subject, outlet_id=outlet_id,
        province=province_name, period=period, previous_period=previous_period,
        generated_at=utcnow(), rows=_rows(indicator_set.definitions, current, previous),
        samples=samples,
        flagged=tuple(flagged_articles(connection, outlet_ids, period, indicator_set.population,
                                       flagged_limit)),
        population=indicator_set.population,
        self_assessment=score_self_assessment(form, assessment.answers) if assessment else None,
        self_assessment_status=assessment.status if assessment else None,
        form=form, outlets=statuses, adoption=adoption,
    )
