"""CSRF protection: one secret token per session, required on every state-changing request.

Forms carry it in a hidden ``csrf_token`` field, API calls in the ``X-CSRF-Token`` header.
The token lives in the signed session, so a page from another site can neither read nor
guess it; comparison is constant-time.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

from dashboard.auth import CSRF_KEY

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfError(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=403, detail="csrf")


def csrf_token(request: Request) -> str:
    """This session's token, created on first use."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return token


async def verify_csrf(request: Request) -> None:
    """App-wide dependency: refuse unsafe requests whose token is missing or wrong."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get(CSRF_KEY)
    sent = request.headers.get(HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(FORM_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(sent, expected):
        raise CsrfError()
