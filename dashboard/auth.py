"""Who is signed in: the signed session cookie, checked against the account on every request.

The cookie (Starlette's SessionMiddleware, signed with itsdangerous) holds the account id, a
stamp of its password hash and the CSRF token. Loading the account on each request means a
deactivation, a role change or a new password takes effect at the user's next click.
"""

from __future__ import annotations

import hashlib
import secrets

from fastapi import Request
from sqlmodel import Session

from store.models import User

USER_KEY = "uid"
STAMP_KEY = "stamp"
CSRF_KEY = "csrf"
FLASH_KEY = "flash"


class LoginRequired(Exception):
    """Raised by pages that need a signed-in user; answered with a redirect to the login page."""


def password_stamp(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:24]


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session (new CSRF token too), so a session fixed before sign-in is useless."""
    request.session.clear()
    request.session.update({USER_KEY: user.id, STAMP_KEY: password_stamp(user),
                            CSRF_KEY: secrets.token_urlsafe(32)})


def sign_out(request: Request) -> None:
    request.session.clear()


def session_user(request: Request, session: Session) -> User | None:
    """The signed-in, active account whose password has not changed since sign-in."""
    user_id = request.session.get(USER_KEY)
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None or not user.active or request.session.get(STAMP_KEY) != password_stamp(user):
        request.session.clear()
        return None
    return user


def flash(request: Request, key: str) -> None:
    """Remember a catalogue message to show once on the next page."""
    request.session[FLASH_KEY] = key


def pop_flash(request: Request) -> str | None:
    return request.session.pop(FLASH_KEY, None)
