"""Who may see which outlet: admins everything, monitors their province, editors their outlet.

Every page and API route that touches outlet data asks here, so the rule lives in one place.
"""

from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy import select
from sqlmodel import Session

from store.models import Article, Outlet, User


def visible_outlets(session: Session, user: User, province: str | None = None) -> list[Outlet]:
    """Active outlets the user may see (optionally one province), by province then name."""
    statement = select(Outlet).where(Outlet.active.is_(True))  # type: ignore[attr-defined]
    if user.role == "editor":
        statement = statement.where(Outlet.id == user.outlet_id)
    elif user.role == "monitor":
        statement = statement.where(Outlet.province == user.province)
    if province:
        statement = statement.where(Outlet.province == province)
    return list(session.execute(statement.order_by(Outlet.province, Outlet.name)).scalars())


def may_see_outlet(user: User, outlet: Outlet) -> bool:
    if user.role == "admin":
        return True
    if user.role == "monitor":
        return outlet.province == user.province
    return outlet.id == user.outlet_id


def outlet_or_403(session: Session, user: User, outlet_id: str) -> Outlet:
    """The outlet, or 404 when unknown and 403 when outside the user's scope."""
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise HTTPException(status_code=404, detail="not_found")
    if not may_see_outlet(user, outlet):
        raise HTTPException(status_code=403, detail="forbidden")
    return outlet


def article_or_403(session: Session, user: User, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail="not_found")
    outlet_or_403(session, user, article.outlet_id)
    return article


def province_or_403(session: Session, user: User, province: str) -> list[Outlet]:
    """The province's visible outlets; monitors only reach their own province, editors none."""
    if user.role == "editor" or (user.role == "monitor" and province != user.province):
        raise HTTPException(status_code=403, detail="forbidden")
    outlets = visible_outlets(session, user, province)
    if not outlets:
        raise HTTPException(status_code=404, detail="not_found")
    return outlets
