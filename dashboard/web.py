"""Request plumbing shared by every router: database sessions, the signed-in user, templates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlmodel import Session

from dashboard.auth import LoginRequired, pop_flash, session_user
from dashboard.csrf import csrf_token
from dashboard.i18n import LANGUAGE_COOKIE, Translator, language_of
from store.models import User

TEMPLATES_DIR = Path(__file__).with_name("templates")


def template_environment() -> jinja2.Environment:
    """Autoescaping on for every template: crawled text is never trusted as markup."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def db(request: Request) -> Iterator[Session]:
    """A database session for one request; handlers commit what they change."""
    with Session(request.app.state.engine) as session:
        yield session


def translator(request: Request) -> Translator:
    return Translator(language_of(request.cookies.get(LANGUAGE_COOKIE)))


def optional_user(request: Request, session: Session = Depends(db)) -> User | None:
    return session_user(request, session)


def signed_in(request: Request, session: Session = Depends(db)) -> User:
    """The signed-in user; pages redirect to the login form, the API answers 401."""
    user = session_user(request, session)
    if user is None:
        if request.url.path.startswith("/api/"):
            raise HTTPException(status_code=401, detail="not signed in / chưa đăng nhập")
        raise LoginRequired()
    return user


def require_roles(*roles: str):
    """Dependency factory: the signed-in user, refused with 403 unless in one of ``roles``."""
    def dependency(user: User = Depends(signed_in)) -> User:
        if user.role not in roles:
            raise HTTPException(status_code=403, detail="forbidden")
        return user
    return dependency


def fragment(request: Request, template: str, **context: Any) -> Markup:
    """A user-independent part of a page, rendered (autoescaped) for memoising with its figures."""
    environment: jinja2.Environment = request.app.state.templates
    t = translator(request)
    return Markup(environment.get_template(template).render(t=t, lang=t.lang, **context))


def render(request: Request, template: str, user: User | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    """Render a page with what every page needs: language, user, CSRF token, one-shot message."""
    environment: jinja2.Environment = request.app.state.templates
    t = translator(request)
    html = environment.get_template(template).render(
        request=request, t=t, lang=t.lang, user=user, csrf_token=csrf_token(request),
        flash=pop_flash(request), **context,
    )
    return HTMLResponse(html, status_code=status_code)
