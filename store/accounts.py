"""Dashboard accounts: creation, roles, deactivation and password checks.

Passwords are hashed with Argon2id (argon2-cffi's defaults follow RFC 9106's recommendation);
a hash made with older parameters is upgraded on the next successful sign-in. Every change of
role, scope or status is written to the audit log in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from genderwatch.errors import GenderwatchError
from store.audit import record_action
from store.models import ROLES, Outlet, User
from store.types import utcnow

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()


class AccountError(GenderwatchError):
    """An account request that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class Scope:
    """What an account may see: one outlet (editor), one province (monitor) or everything."""

    role: str
    outlet_id: str | None
    province: str | None


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"mật khẩu quá ngắn / password too short: at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def check_password(user: User, password: str) -> bool:
    """True when ``password`` matches; rehashes in place when the parameters changed."""
    try:
        _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return True


def _check_scope(session: Session, role: str, outlet_id: str | None, province: str | None) -> Scope:
    if role not in ROLES:
        raise AccountError(f"vai trò không hợp lệ / unknown role '{role}': use {', '.join(ROLES)}")
    if role == "editor":
        if not outlet_id or session.get(Outlet, outlet_id) is None:
            raise AccountError(f"biên tập viên cần một cơ quan báo chí có thật / an editor needs a known outlet, got {outlet_id!r}")
        return Scope(role, outlet_id, session.get(Outlet, outlet_id).province)  # type: ignore[union-attr]
    if role == "monitor":
        if not province or session.exec(select(Outlet.id).where(Outlet.province == province)).first() is None:
            raise AccountError(f"giám sát viên cần một tỉnh có cơ quan báo chí / a monitor needs a province with outlets, got {province!r}")
        return Scope(role, None, province)
    return Scope(role, None, None)


def find_user(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username.strip().lower())).first()


def _existing(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"không có tài khoản / unknown user '{username}'")
    return user


def create_user(session: Session, username: str, password: str, role: str, *, full_name: str = "",
                outlet_id: str | None = None, province: str | None = None,
                actor_id: int | None = None) -> User:
    """Create an active account; the username is stored lower-case."""
    username = username.strip().lower()
    if not USERNAME.fullmatch(username):
        raise AccountError(
            f"tên đăng nhập không hợp lệ / invalid username '{username}': 3-64 of a-z 0-9 . _ -"
        )
    if find_user(session, username) is not None:
        raise AccountError(f"tài khoản đã tồn tại / user '{username}' already exists")
    scope = _check_scope(session, role, outlet_id, province)
    user = User(username=username, full_name=full_name.strip(), password_hash=hash_password(password),
                role=scope.role, outlet_id=scope.outlet_id,
                province=scope.province if role == "monitor" else None)
    session.add(user)
    session.flush()
    record_action(session, actor_id, "user.create", "user", user.id, username=username, role=role,
                  outlet_id=user.outlet_id, province=user.province)
    return user


def set_role(session: Session, username: str, role: str, *, outlet_id: str | None = None,
             province: str | None = None, actor_id: int | None = None) -> User:
    """Change an account's role and scope, recording before and after."""
    user = _existing(session, username)
    scope = _check_scope(session, role, outlet_id, province)
    before = {"role": user.role, "outlet_id": user.outlet_id, "province": user.province}
    user.role, user.outlet_id = scope.role, scope.outlet_id
    user.province = scope.province if role == "monitor" else None
    session.add(user)
    session.flush()
    record_action(session, actor_id, "user.role", "user", user.id, username=user.username, before=before,
                  after={"role": user.role, "outlet_id": user.outlet_id, "province": user.province})
    return user


def set_active(session: Session, username: str, active: bool, *, actor_id: int | None = None) -> User:
    """Deactivate (sessions end at their next request) or reactivate an account."""
    user = _existing(session, username)
    user.active = active
    session.add(user)
    session.flush()
    record_action(session, actor_id, "user.activate" if active else "user.deactivate", "user", user.id,
                  username=user.username)
    return user


def set_password(session: Session, username: str, password: str, *, actor_id: int | None = None) -> User:
    """Replace an account's password; its open sessions stop being valid."""
    user = _existing(session, username)
    user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    record_action(session, actor_id, "user.password", "user", user.id, username=user.username)
    return user


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.role, User.username)))


def note_login(session: Session, user: User) -> None:
    user.last_login_at = utcnow()
    session.add(user)
    record_action(session, user.id, "user.login", "user", user.id, username=user.username)
