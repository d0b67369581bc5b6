"""User administration (admins only): accounts, roles, deactivation, passwords, the audit log."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlmodel import Session

from dashboard.auth import flash
from dashboard.web import db, render, require_roles
from store.accounts import AccountError, create_user, list_users, set_active, set_password, set_role
from store.models import ROLES, AuditLog, Outlet, User

router = APIRouter(include_in_schema=False)
admin_only = require_roles("admin")
AUDIT_ROWS = 50


def _page(request: Request, user: User, session: Session, status_code: int = 200, error: str | None = None) -> Response:
    outlets = list(session.execute(select(Outlet).order_by(Outlet.province, Outlet.name)).scalars())
    audit = list(session.execute(select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc())  # type: ignore[attr-defined]
                                 .limit(AUDIT_ROWS)).scalars())
    names = {account.id: account.username for account in list_users(session)}
    return render(request, "users.html", user, status_code=status_code, users=list_users(session), outlets=outlets,
                  provinces=sorted({outlet.province for outlet in outlets}), roles=ROLES, audit=audit,
                  names=names, error=error)


@router.get("/admin/users")
def users(request: Request, user: User = Depends(admin_only), session: Session = Depends(db)) -> Response:
    return _page(request, user, session)


def _apply(request: Request, user: User, session: Session, change: Callable[[], object]) -> Response:
    """Run one account change; commit and go back to the list, or show why it was refused."""
    try:
        change()
    except AccountError as error:
        session.rollback()
        return _page(request, user, session, status_code=400, error=str(error))
    session.commit()
    flash(request, "users.saved")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users")
def add_user(request: Request, username: str = Form(""), full_name: str = Form(""), password: str = Form(""),
             role: str = Form(""), outlet_id: str = Form(""), province: str = Form(""),
             user: User = Depends(admin_only), session: Session = Depends(db)) -> Response:
    return _apply(request, user, session, lambda: create_user(
        session, username, password, role, full_name=full_name, outlet_id=outlet_id or None,
        province=province or None, actor_id=user.id))


@router.post("/admin/users/{username}/role")
def change_role(request: Request, username: str, role: str = Form(""), outlet_id: str = Form(""),
                province: str = Form(""), user: User = Depends(admin_only), session: Session = Depends(db)) -> Response:
    return _apply(request, user, session, lambda: set_role(
        session, username, role, outlet_id=outlet_id or None, province=province or None, actor_id=user.id))


@router.post("/admin/users/{username}/active")
def change_active(request: Request, username: str, active: str = Form(""), user: User = Depends(admin_only),
                  session: Session = Depends(db)) -> Response:
    def change() -> object:
        if username == user.username and active != "1":
            raise AccountError("không thể tự khóa tài khoản của mình / you cannot deactivate yourself")
        return set_active(session, username, active == "1", actor_id=user.id)
    return _apply(request, user, session, change)


@router.post("/admin/users/{username}/password")
def change_password(request: Request, username: str, password: str = Form(""), user: User = Depends(admin_only),
                    session: Session = Depends(db)) -> Response:
    return _apply(request, user, session, lambda: set_password(session, username, password, actor_id=user.id))
