"""The JSON API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``).

Same session and access rules as the pages: an editor's calls only ever reach their outlet.
State-changing calls need the session's CSRF token in the ``X-CSRF-Token`` header
(``GET /api/v1/session`` returns it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from dashboard.access import article_or_403, outlet_or_403, visible_outlets
from dashboard.csrf import csrf_token
from dashboard.period_choice import choose_period
from dashboard.routes.sheets import scorecard_response
from dashboard.scorecards import build_scorecard, scorecard_dict
from dashboard.selfcheck import MAX_CHARS
from dashboard.web import db, signed_in
from genderwatch.errors import GenderwatchError
from scoring.input_checks import InputError
from store.article_views import ArticleDetail, article_detail, list_articles
from store.indicators.compliance import outlet_compliance
from store.models import Analysis, User

router = APIRouter(tags=["genderwatch"])


class SessionOut(BaseModel):
    username: str
    role: str
    outlet_id: str | None
    province: str | None
    csrf_token: str


class OutletOut(BaseModel):
    id: str
    name: str
    province: str
    host: str
    active: bool


class ArticleOut(BaseModel):
    id: int
    outlet_id: str
    title: str
    url: str
    published_date: date | None
    analysed: bool
    stereotyped: bool


class ArticlePageOut(BaseModel):
    items: list[ArticleOut]
    page: int
    has_next: bool


class AnalyzeIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_CHARS, description="Plain UTF-8 text of a draft or article.")


@router.get("/session", response_model=SessionOut)
def who_am_i(request: Request, user: User = Depends(signed_in)) -> SessionOut:
    return SessionOut(username=user.username, role=user.role, outlet_id=user.outlet_id, province=user.province,
                      csrf_token=csrf_token(request))


@router.get("/outlets", response_model=list[OutletOut])
def outlets(user: User = Depends(signed_in), session: Session = Depends(db)) -> list[Any]:
    return visible_outlets(session, user)


@router.get("/outlets/{outlet_id}", response_model=OutletOut)
def outlet(outlet_id: str, user: User = Depends(signed_in), session: Session = Depends(db)) -> Any:
    return outlet_or_403(session, user, outlet_id)


@router.get("/articles", response_model=ArticlePageOut)
def articles(outlet: str, period: str | None = None, flagged: bool = False, q: str = Query("", max_length=200),
             page: int = Query(1, ge=1, le=10_000), user: User = Depends(signed_in),
             session: Session = Depends(db)) -> ArticlePageOut:
    outlet_or_403(session, user, outlet)
    choice = choose_period(session, [outlet], period, None, None)
    listing = list_articles(session, [outlet], first_day=choice.period.start, last_day=choice.period.end,
                            flagged_only=flagged, search=q or None, page=page)
    return ArticlePageOut(items=[ArticleOut(**row.__dict__) for row in listing.rows], page=listing.page,
                          has_next=listing.has_next)


def _analysis_dict(detail: ArticleDetail) -> dict[str, Any] | None:
    if detail.analysis is None:
        return None
    return {
        "id": detail.analysis.id, "analyser_version": detail.analysis.analyser_version,
        "stereotyped": detail.analysis.stereotyped, "stereotype_score": detail.analysis.stereotype_score,
        "topics": detail.analysis.topics, "women_central": detail.analysis.women_central,
        "error": detail.analysis.error,
        "people": [person.model_dump(exclude={"analysis_id"}) for person in detail.people],
        "quotes": [quote.model_dump(exclude={"analysis_id"}) for quote in detail.quotes],
        "findings": [
            {**item.finding.model_dump(exclude={"analysis_id"}), "counted_category": item.category,
             "verdict": item.verdict, "contested": item.contested}
            for item in detail.findings
        ],
    }


@router.get("/articles/{article_id}")
def article(article_id: int, user: User = Depends(signed_in), session: Session = Depends(db)) -> dict[str, Any]:
    """The article with its current analysis; finding offsets index into ``text``."""
    article_or_403(session, user, article_id)
    detail = article_detail(session, article_id)
    assert detail is not None
    fields = detail.article.model_dump(include={"id", "outlet_id", "url", "title", "lead", "body", "byline",
                                                "published_date", "section", "wire_source"})
    return {**fields, "text": detail.text, "analysis": _analysis_dict(detail)}


@router.get("/analyses/{analysis_id}")
def analysis(analysis_id: int, user: User = Depends(signed_in), session: Session = Depends(db)) -> dict[str, Any]:
    """One stored analysis (current or superseded) with people, quotes and reviewed findings."""
    row = session.get(Analysis, analysis_id)
    if row is None:
        raise HTTPException(status_code=404, detail="not_found")
    article_or_403(session, user, row.article_id)
    detail = article_detail(session, row.article_id)
    assert detail is not None
    if detail.analysis is None or detail.analysis.id != analysis_id:
        raise HTTPException(status_code=404, detail="only the current analysis of an article is served")
    return _analysis_dict(detail)  # type: ignore[return-value]


@router.get("/indicators")
def indicators(request: Request, outlet: str, period: str | None = None, user: User = Depends(signed_in),
               session: Session = Depends(db)) -> dict[str, Any]:
    """An outlet's stored indicator values for a period, with definitions and compliance."""
    outlet_or_403(session, user, outlet)
    choice = choose_period(session, [outlet], period, None, None)
    compliance = outlet_compliance(session, outlet, choice.period, refresh=choice.period.kind == "custom",
                                   config_dir=request.app.state.config_dir)
    session.commit()
    definitions = request.app.state.indicator_set.by_id()
    return {
        "outlet_id": outlet, "period": {"label": choice.period.label, "start": choice.period.start,
                                        "end": choice.period.end, "kind": choice.period.kind},
        "compliance_percent": compliance.percent, "met": compliance.met, "evaluable": compliance.evaluable,
        "indicators": [
            {**result.__dict__, "name_vi": definitions[result.indicator_id].name_vi,
             "name_en": definitions[result.indicator_id].name_en, "section": definitions[result.indicator_id].section}
            for result in compliance.results
        ],
    }


@router.get("/scorecards/{outlet_id}")
def scorecard(request: Request, outlet_id: str, period: str | None = None,
              format: str = Query("json", pattern="^(json|csv|xlsx|pdf)$"), user: User = Depends(signed_in),
              session: Session = Depends(db)) -> Any:
    """An outlet's scorecard: JSON inline, or the CSV/XLSX/PDF file."""
    outlet_or_403(session, user, outlet_id)
    choice = choose_period(session, [outlet_id], period, None, None)
    if format != "json":
        return scorecard_response(session, request.app.state.config_dir, format, choice.period, outlet_id=outlet_id)
    card = build_scorecard(session, outlet_id=outlet_id, period=choice.period, config_dir=request.app.state.config_dir)
    session.commit()
    return scorecard_dict(card)


@router.post("/analyze")
async def analyze(request: Request, body: AnalyzeIn, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Run the analyser on a text (nothing stored); the answer follows ``analyze.schema.json``."""
    try:
        return await request.app.state.analyser.analyse(body.text)
    except InputError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    except GenderwatchError as error:  # the analyser's models are not installed here
        raise HTTPException(status_code=503, detail=f"analyser not ready / bộ phân tích chưa sẵn sàng: {error}") from None


@router.get("/health", include_in_schema=False)
def health() -> Response:
    return Response("ok", media_type="text/plain")
