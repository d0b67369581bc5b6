"""The review queue and review actions: monitors decide, editors contest."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from dashboard.access import outlet_or_403, visible_outlets
from dashboard.auth import flash
from dashboard.routes.session import local_target
from dashboard.web import db, render, require_roles
from store.models import CATEGORIES, User
from store.reviews import ReviewError, contest, decide, finding_outlet, review_queue

router = APIRouter(include_in_schema=False)
PAGE = 30


@router.get("/reviews")
def queue(request: Request, outlet: str | None = None, page: int = Query(1, ge=1, le=10_000),
          user: User = Depends(require_roles("admin", "monitor")), session: Session = Depends(db)) -> Response:
    outlets = visible_outlets(session, user)
    ids = [item.id for item in outlets if not outlet or item.id == outlet]
    items = review_queue(session, ids, limit=PAGE + 1, offset=(page - 1) * PAGE)
    return render(request, "reviews.html", user, items=items[:PAGE], has_next=len(items) > PAGE, page=page,
                  outlets=outlets, outlet=outlet or "", categories=CATEGORIES)


def _finding_in_scope(session: Session, user: User, finding_id: int) -> str:
    try:
        outlet_id = finding_outlet(session, finding_id)
    except ReviewError:
        raise HTTPException(status_code=404, detail="not_found") from None
    outlet_or_403(session, user, outlet_id)
    return outlet_id


@router.post("/findings/{finding_id}/decision")
def record_decision(request: Request, finding_id: int, verdict: str = Form(...), note: str = Form(""),
                    new_category: str = Form(""), next: str = Form("/reviews"),
                    user: User = Depends(require_roles("admin", "monitor")),
                    session: Session = Depends(db)) -> Response:
    _finding_in_scope(session, user, finding_id)
    decide(session, finding_id, user, verdict, note=note, new_category=new_category or None,
           config_dir=request.app.state.config_dir)
    session.commit()
    flash(request, "review.done")
    return RedirectResponse(local_target(next, "/reviews"), status_code=303)


@router.post("/findings/{finding_id}/contest")
def record_contest(request: Request, finding_id: int, note: str = Form(""), next: str = Form("/"),
                   user: User = Depends(require_roles("editor")), session: Session = Depends(db)) -> Response:
    _finding_in_scope(session, user, finding_id)
    contest(session, finding_id, user, note)
    session.commit()
    flash(request, "review.contested_done")
    return RedirectResponse(local_target(next), status_code=303)
