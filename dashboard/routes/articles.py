"""Article lists and the article page with highlighted evidence."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from dashboard.access import article_or_403, outlet_or_403
from dashboard.highlight import Span, segments
from dashboard.period_choice import choose_period
from dashboard.web import db, render, signed_in
from store.article_views import article_detail, list_articles
from store.models import CATEGORIES, User

router = APIRouter(include_in_schema=False)


@router.get("/outlets/{outlet_id}/articles")
def outlet_articles(request: Request, outlet_id: str, period: str | None = None,
                    first: str | None = Query(None, alias="from"), last: str | None = Query(None, alias="to"),
                    flagged: bool = False, q: str = Query("", max_length=200), page: int = Query(1, ge=1, le=10_000),
                    user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    outlet = outlet_or_403(session, user, outlet_id)
    choice = choose_period(session, [outlet.id], period, first, last)
    listing = list_articles(session, [outlet.id], first_day=choice.period.start, last_day=choice.period.end,
                            flagged_only=flagged, search=q or None, page=page)
    return render(request, "articles.html", user, outlet=outlet, choice=choice, listing=listing,
                  flagged=flagged, q=q)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: int, user: User = Depends(signed_in),
                 session: Session = Depends(db)) -> Response:
    article_or_403(session, user, article_id)
    detail = article_detail(session, article_id)
    if detail is None:
        raise HTTPException(status_code=404, detail="not_found")
    spans = [Span(item.finding.start_offset, item.finding.end_offset, item.category, number)
             for number, item in enumerate(detail.findings, start=1) if item.verdict != "reject"]
    return render(request, "article.html", user, detail=detail, segments=segments(detail.text, spans),
                  categories=CATEGORIES, used_categories=sorted({span.category for span in spans}))
