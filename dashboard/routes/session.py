"""Sign-in, sign-out and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from dashboard.auth import sign_in, sign_out
from dashboard.i18n import LANGUAGE_COOKIE, LANGUAGES
from dashboard.web import db, optional_user, render
from store.accounts import check_password, find_user, note_login
from store.login_throttle import lockout_remaining, record_attempt
from store.models import User

router = APIRouter(include_in_schema=False)


def local_target(target: str | None, default: str = "/") -> str:
    """Only same-site paths: an open redirect after sign-in would help phishing."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


@router.get("/login")
def login_form(request: Request, next: str | None = None,
               user: User | None = Depends(optional_user)) -> Response:
    if user is not None:
        return RedirectResponse(local_target(next), status_code=303)
    return render(request, "login.html", None, next=local_target(next), error=None, username="")


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/"),
          session: Session = Depends(db)) -> Response:
    client = request.client.host if request.client else "unknown"
    locked = lockout_remaining(session, username, client)
    if locked is not None:
        minutes = max(1, int(locked.total_seconds() // 60) + 1)
        return render(request, "login.html", None, status_code=429, next=local_target(next),
                      error=("login.locked", {"minutes": minutes}), username=username)
    user = find_user(session, username)
    ok = user is not None and user.active and check_password(user, password)
    record_attempt(session, username, client, ok)
    if not ok:
        session.commit()
        return render(request, "login.html", None, status_code=401, next=local_target(next),
                      error=("login.failed", {}), username=username)
    note_login(session, user)  # type: ignore[arg-type]
    session.commit()
    sign_in(request, user)  # type: ignore[arg-type]
    return RedirectResponse(local_target(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/lang/{code}")
def switch_language(code: str, next: str | None = None) -> Response:
    response = RedirectResponse(local_target(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response
