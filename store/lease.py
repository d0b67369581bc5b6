"""A leader lease in the database, so that one scheduler acts however many processes start.

Why a lease row and not ``pg_advisory_lock``: an advisory lock exists only on PostgreSQL and
lives in one connection (a pool that recycles it silently drops leadership); a row behaves the
same on SQLite and PostgreSQL, survives connection churn and shows an operator who leads. The
price is that a holder that dies keeps the lease until it expires, so a standby takes over
within one lease period, and that holders' clocks must agree to well within that period (NTP).

Claiming is a single conditional UPDATE (the lease is mine, or it has expired), which both
databases apply atomically; when no row exists yet, concurrent INSERTs race on the primary key
and exactly one wins.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, delete, insert, literal, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from store.models import SchedulerLease
from store.types import UTCDateTime, utcnow

_LEASE = SchedulerLease.__table__  # type: ignore[attr-defined]


def claim_lease(engine: Engine, name: str, holder: str, ttl: timedelta, now: datetime | None = None) -> bool:
    """Take or renew lease ``name`` for ``holder`` until ``now + ttl``; False if another holds it."""
    now = now or utcnow()
    mine = _LEASE.c.holder == holder
    with engine.begin() as connection:
        claimed = connection.execute(
            update(_LEASE)
            .where(_LEASE.c.name == name, or_(mine, _LEASE.c.expires_at < now))
            .values(holder=holder, renewed_at=now, expires_at=now + ttl,
                    acquired_at=case((mine, _LEASE.c.acquired_at), else_=literal(now, UTCDateTime())))
        ).rowcount
    if claimed:
        return True
    try:
        with engine.begin() as connection:
            connection.execute(insert(_LEASE).values(
                name=name, holder=holder, acquired_at=now, renewed_at=now, expires_at=now + ttl))
    except IntegrityError:
        return False
    return True


def release_lease(engine: Engine, name: str, holder: str) -> None:
    """Give the lease up at once (a clean stop), so a standby need not wait for it to expire."""
    with engine.begin() as connection:
        connection.execute(delete(_LEASE).where(_LEASE.c.name == name, _LEASE.c.holder == holder))


def lease_holder(engine: Engine, name: str) -> SchedulerLease | None:
    """The current row of lease ``name`` (it may have expired), for status displays."""
    with engine.connect() as connection:
        row = connection.execute(select(_LEASE).where(_LEASE.c.name == name)).mappings().first()
    return SchedulerLease(**row) if row else None
