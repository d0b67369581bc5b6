"""The outlet registry with each outlet's crawl health."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlmodel import Session

from dashboard.web import db, render, require_roles
from store.health import crawl_health
from store.models import Outlet, User

router = APIRouter(include_in_schema=False)


@router.get("/registry")
def registry(request: Request, user: User = Depends(require_roles("admin", "monitor")),
             session: Session = Depends(db)) -> Response:
    statement = select(Outlet).order_by(Outlet.province, Outlet.name)
    if user.role == "monitor":
        statement = statement.where(Outlet.province == user.province)
    outlets = list(session.execute(statement).scalars())
    return render(request, "registry.html", user, outlets=outlets,
                  health=crawl_health(session, [outlet.id for outlet in outlets]))
