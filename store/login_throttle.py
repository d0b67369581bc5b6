"""Sign-in throttling kept in the database, so a restart does not reset a lockout.

An account is locked for ``LOCKOUT`` after ``ACCOUNT_FAILURES`` failed attempts within that
window (failures before its last successful sign-in do not count); a client address that
fails ``CLIENT_FAILURES`` times within the window, whatever the usernames, is locked too, which
slows password spraying across accounts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from store.models import LoginAttempt
from store.types import utcnow

LOCKOUT = timedelta(minutes=15)
ACCOUNT_FAILURES = 5
CLIENT_FAILURES = 20


def _failures(session: Session, column, value: str, since: datetime) -> tuple[int, datetime | None]:
    table = LoginAttempt.__table__
    last_success = session.execute(
        select(func.max(table.c.at)).where(column == value, table.c.succeeded.is_(True), table.c.at >= since)
    ).scalar_one()
    start = max(since, last_success) if last_success else since
    count, latest = session.execute(
        select(func.count(), func.max(table.c.at))
        .where(column == value, table.c.succeeded.is_(False), table.c.at > start)
    ).one()
    return int(count), latest


def lockout_remaining(session: Session, username: str, client: str,
                      now: datetime | None = None) -> timedelta | None:
    """How long sign-in stays locked for this username or client; None when it is open."""
    now = now or utcnow()
    since = now - LOCKOUT
    table = LoginAttempt.__table__
    remaining: list[timedelta] = []
    for column, value, limit in ((table.c.username, username.strip().lower(), ACCOUNT_FAILURES),
                                 (table.c.client, client, CLIENT_FAILURES)):
        count, latest = _failures(session, column, value, since)
        if count >= limit and latest is not None:
            remaining.append(latest + LOCKOUT - now)
    return max(remaining) if remaining else None


def record_attempt(session: Session, username: str, client: str, succeeded: bool) -> None:
    session.add(LoginAttempt(username=username.strip().lower()[:64], client=client[:64],
                             succeeded=succeeded))
    session.flush()
