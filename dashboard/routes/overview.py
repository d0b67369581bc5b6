"""The province overview and the outlet page: compliance, trends, samples, crawl health."""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlmodel import Session

from dashboard.access import outlet_or_403, visible_outlets
from dashboard.figure_cache import RequestMemo
from dashboard.period_choice import PeriodChoice, choose_period, history
from dashboard.i18n import Translator
from dashboard.sparkline import Sparkline, sparkline
from dashboard.web import db, fragment, render, signed_in, translator
from store.health import CrawlHealth, crawl_health
from store.indicators.compliance import outlet_compliance
from store.indicators.evidence import FlaggedArticle, flagged_articles
from store.indicators.periods import Period
from store.indicators.recompute import recompute
from store.indicators.results import OutletCompliance
from store.models import FUNCTIONS, GENDERS, Outlet, User
from store.outlet_figures import (
    ComplianceCount,
    analysed_articles,
    compliance_history,
    indicator_series,
    people_by_gender_and_function,
)

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class OverviewRow:
    outlet: Outlet
    current: ComplianceCount | None
    spark: Sparkline
    trend_text: str  # the trend read out for screen readers: "2025-10 33%, 2025-11 40%"
    sample: int
    health: CrawlHealth | None


def _trend_text(t: Translator, periods: list[Period], values: list[float | None]) -> str:
    return ", ".join(f"{period.label} {'—' if value is None else t.number(value) + '%'}"
                     for period, value in zip(periods, values))


def _fresh_custom(request: Request, session: Session, outlet_ids: list[str], choice: PeriodChoice) -> None:
    """Standard periods are kept up to date by reviews and the scheduler; custom ranges on demand."""
    if choice.period.kind == "custom" and outlet_ids:
        recompute(session, outlet_ids=outlet_ids, periods=[choice.period], config_dir=request.app.state.config_dir)
        session.commit()


@router.get("/")
def overview(request: Request, province: str | None = None, period: str | None = None,
             first: str | None = Query(None, alias="from"), last: str | None = Query(None, alias="to"),
             user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    if user.role == "editor":
        return RedirectResponse(f"/outlets/{user.outlet_id}", status_code=303)
    all_outlets = visible_outlets(session, user)
    provinces = sorted({outlet.province for outlet in all_outlets})
    outlets = [outlet for outlet in all_outlets if not province or outlet.province == province]
    ids = [outlet.id for outlet in outlets]
    memo = RequestMemo(request.app.state.figures, session)
    choice = choose_period(session, ids, period, first, last, memo)
    _fresh_custom(request, session, ids, choice)
    periods = history(choice.period)
    population = request.app.state.indicator_set.population
    compliance, samples = memo.get(
        ("overview", tuple(ids), choice.period),
        lambda: (compliance_history(session, ids, periods), analysed_articles(session, ids, choice.period, population)))
    health = memo.get(("health", tuple(ids), _minute()), lambda: crawl_health(session, ids))
    t = translator(request)

    def table() -> Markup:
        rows = []
        for outlet in outlets:
            by_period = compliance.get(outlet.id, {})
            trend = [by_period[p].percent if p in by_period else None for p in periods]
            rows.append(OverviewRow(outlet, by_period.get(choice.period), sparkline(trend),
                                    _trend_text(t, periods, trend), samples.get(outlet.id, 0), health.get(outlet.id)))
        return fragment(request, "_overview_table.html", rows=rows, choice=choice)

    return render(request, "overview.html", user, choice=choice, provinces=provinces, province=province or "",
                  table=memo.get(("overview-html", tuple(ids), choice.period, t.lang, _minute()), table))


@router.get("/outlets/{outlet_id}")
def outlet_page(request: Request, outlet_id: str, period: str | None = None,
                first: str | None = Query(None, alias="from"), last: str | None = Query(None, alias="to"),
                user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    outlet = outlet_or_403(session, user, outlet_id)
    memo = RequestMemo(request.app.state.figures, session)
    choice = choose_period(session, [outlet.id], period, first, last, memo)
    _fresh_custom(request, session, [outlet.id], choice)
    figures = memo.get(
        ("outlet", outlet.id, choice.period),
        lambda: _outlet_figures(request, session, outlet.id, choice.period))
    body = memo.get(("outlet-html", outlet.id, choice.period, translator(request).lang), lambda: fragment(
        request, "_outlet_body.html", outlet=outlet, choice=choice, figures=figures, compliance=figures.compliance,
        definitions=request.app.state.indicator_set.by_id(), functions=FUNCTIONS, genders=GENDERS))
    return render(request, "outlet.html", user, outlet=outlet, choice=choice, figures=figures, body=body)


@dataclass(frozen=True)
class OutletFigures:
    compliance: OutletCompliance
    people: dict[tuple[str, str], int]
    flagged: list[FlaggedArticle]
    sample: int
    chart_data: dict


def _outlet_figures(request: Request, session: Session, outlet_id: str, period: Period) -> OutletFigures:
    indicator_set = request.app.state.indicator_set
    periods = history(period)
    return OutletFigures(
        compliance=outlet_compliance(session, outlet_id, period, refresh=False, config_dir=request.app.state.config_dir),
        people=people_by_gender_and_function(session, [outlet_id], period, indicator_set.population),
        flagged=flagged_articles(session.connection(), [outlet_id], period, indicator_set.population, 15),
        sample=analysed_articles(session, [outlet_id], period, indicator_set.population).get(outlet_id, 0),
        chart_data=_chart_data(indicator_set, periods, indicator_series(session, outlet_id, periods)),
    )


def _minute() -> int:
    """Crawl health counts the last days' arrivals: cached figures expire every minute."""
    return int(time.time() // 60)


def _chart_data(indicator_set, periods: list[Period], series: dict) -> dict:
    """Per indicator: labels, values, interval and target per period, for the charts script."""
    charts = {}
    for definition in indicator_set.definitions:
        values = series.get(definition.id, {})
        if not values:
            continue
        scale = 100.0 if definition.value_format == "percent" else 1.0

        def pick(attribute: str) -> list[float | None]:
            return [None if (row := values.get(p)) is None or getattr(row, attribute) is None
                    else round(getattr(row, attribute) * scale, 2) for p in periods]

        charts[definition.id] = {
            "labels": [p.label for p in periods], "value": pick("value"), "low": pick("ci_low"),
            "high": pick("ci_high"), "target": pick("target"), "target_high": pick("target_high"),
            "unit": "%" if scale == 100.0 else "",
        }
    return charts
