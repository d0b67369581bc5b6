"""Scorecard downloads (PDF, XLSX, CSV, JSON) and the A1–A5 self-assessment form."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from dashboard.access import outlet_or_403, province_or_403
from dashboard.auth import flash
from dashboard.period_choice import choose_period
from dashboard.scorecards import RENDERERS, build_scorecard
from dashboard.web import db, render, signed_in
from genderwatch.errors import GenderwatchError
from store.indicators.self_assessment import (
    FormItem,
    SelfAssessmentForm,
    save_self_assessment,
    score_self_assessment,
    stored_self_assessment,
)
from store.models import User

router = APIRouter(include_in_schema=False)
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def scorecard_response(session: Session, config_dir: Path, fmt: str, period, *, outlet_id: str | None = None,
                       province: str | None = None) -> Response:
    """Build, render into a private temporary directory, and send one scorecard file."""
    if fmt not in RENDERERS:
        raise HTTPException(status_code=404, detail="not_found")
    card = build_scorecard(session, outlet_id=outlet_id, province=province, period=period, config_dir=config_dir)
    session.commit()  # the build refreshes stored values incrementally
    with tempfile.TemporaryDirectory(prefix="genderwatch-scorecard-") as folder:
        path = Path(folder) / f"{card.file_stem}.{fmt}"
        RENDERERS[fmt](card, path)
        content = path.read_bytes()
    return Response(content, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{path.name}"'})


@router.get("/outlets/{outlet_id}/scorecard.{fmt}")
def outlet_scorecard(request: Request, outlet_id: str, fmt: str, period: str | None = None,
                     first: str | None = Query(None, alias="from"), last: str | None = Query(None, alias="to"),
                     user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    outlet = outlet_or_403(session, user, outlet_id)
    choice = choose_period(session, [outlet.id], period, first, last)
    return scorecard_response(session, request.app.state.config_dir, fmt, choice.period, outlet_id=outlet.id)


@router.get("/provinces/{province}/scorecard.{fmt}")
def province_scorecard(request: Request, province: str, fmt: str, period: str | None = None,
                       first: str | None = Query(None, alias="from"), last: str | None = Query(None, alias="to"),
                       user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    outlets = province_or_403(session, user, province)
    choice = choose_period(session, [outlet.id for outlet in outlets], period, first, last)
    return scorecard_response(session, request.app.state.config_dir, fmt, choice.period, province=province)


class FormValueError(Exception):
    def __init__(self, item_id: str) -> None:
        super().__init__(item_id)
        self.item_id = item_id


def _count(raw: Any, item_id: str) -> int | None:
    text = (raw or "").strip() if isinstance(raw, str) else ""
    if not text:
        return None
    if not text.isdigit():
        raise FormValueError(item_id)
    return int(text)


def _ratio(fields: Any, prefix: str, item_id: str) -> dict[str, int] | None:
    women, total = _count(fields.get(f"{prefix}.women"), item_id), _count(fields.get(f"{prefix}.total"), item_id)
    if women is None and total is None:
        return None
    if women is None or total is None:
        raise FormValueError(item_id)
    return {"women": women, "total": total}


def _answer(item: FormItem, fields: Any) -> Any:
    if item.type == "ratio":
        return _ratio(fields, item.id, item.id)
    if item.type == "staff_table":
        rows = {name: ratio for name in item.categories
                if (ratio := _ratio(fields, f"{item.id}.{name}", item.id)) is not None}
        return rows or None
    if item.type == "yes_no":
        return {"yes": True, "no": False}.get(fields.get(item.id) or "")
    return _count(fields.get(item.id), item.id)


def answers_from_form(form: SelfAssessmentForm, fields: Any) -> dict[str, Any]:
    """The form's answers in the engine's shape (None where left blank)."""
    return {item.id: _answer(item, fields) for item in form.items}


def field_values(form: SelfAssessmentForm, answers: dict[str, Any]) -> dict[str, str]:
    """Stored answers as the form's field values (the inverse of :func:`answers_from_form`)."""
    values: dict[str, str] = {}
    for item in form.items:
        answer = answers.get(item.id)
        if answer is None:
            continue
        if item.type == "ratio":
            values.update({f"{item.id}.women": str(answer["women"]), f"{item.id}.total": str(answer["total"])})
        elif item.type == "staff_table":
            for name, ratio in answer.items():
                values.update({f"{item.id}.{name}.women": str(ratio["women"]),
                               f"{item.id}.{name}.total": str(ratio["total"])})
        elif item.type == "yes_no":
            values[item.id] = "yes" if answer else "no"
        else:
            values[item.id] = str(answer)
    return values


def _year(year: int | None) -> int:
    return year if year is not None else date.today().year


@router.get("/outlets/{outlet_id}/self-assessment")
def self_assessment_form(request: Request, outlet_id: str, year: int | None = Query(None, ge=2000, le=2100),
                         user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    outlet = outlet_or_403(session, user, outlet_id)
    stored = stored_self_assessment(session, outlet.id, _year(year))
    answers = stored.answers if stored else {}
    form = request.app.state.form
    return render(request, "self_assessment.html", user, outlet=outlet, year=_year(year), form=form,
                  values=field_values(form, answers), stored=stored, score=score_self_assessment(form, answers),
                  error=None)


@router.post("/outlets/{outlet_id}/self-assessment")
async def save_form(request: Request, outlet_id: str, year: int = Query(..., ge=2000, le=2100),
                    user: User = Depends(signed_in), session: Session = Depends(db)) -> Response:
    outlet = outlet_or_403(session, user, outlet_id)
    fields = await request.form()
    form = request.app.state.form
    submit = fields.get("action") == "submit"
    error: tuple[str, dict] | str | None = None
    try:
        answers = answers_from_form(form, fields)
        save_self_assessment(session, form, outlet.id, year, answers, submit=submit, user_id=user.id)
        session.commit()
    except FormValueError as problem:
        error = ("sa.bad_number", {"item": problem.item_id})
    except GenderwatchError as problem:
        session.rollback()
        error = str(problem)
    if error is None:
        flash(request, "sa.submitted" if submit else "sa.saved")
        return RedirectResponse(f"/outlets/{outlet.id}/self-assessment?year={year}", status_code=303)
    stored = stored_self_assessment(session, outlet.id, year)
    typed = {key: value for key, value in fields.items() if isinstance(value, str)}
    return render(request, "self_assessment.html", user, status_code=400, outlet=outlet, year=year, form=form,
                  values=typed, stored=stored, score=score_self_assessment(form, stored.answers if stored else {}),
                  error=error)
