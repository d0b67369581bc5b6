"""The leader lease: one holder at a time, taken over only after it expires."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.engine import Engine

from store.lease import claim_lease, lease_holder, release_lease

T0 = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)
TTL = timedelta(seconds=60)


def test_one_holder_until_the_lease_expires(db_engine: Engine) -> None:
    assert claim_lease(db_engine, "scheduler", "a", TTL, now=T0)
    assert not claim_lease(db_engine, "scheduler", "b", TTL, now=T0 + timedelta(seconds=1))
    assert claim_lease(db_engine, "scheduler", "a", TTL, now=T0 + timedelta(seconds=20))  # renewal
    assert not claim_lease(db_engine, "scheduler", "b", TTL, now=T0 + timedelta(seconds=70))  # renewed till 80 s
    lease = lease_holder(db_engine, "scheduler")
    assert lease is not None and lease.holder == "a" and lease.acquired_at == T0
    assert lease.expires_at == T0 + timedelta(seconds=80)
    assert claim_lease(db_engine, "scheduler", "b", TTL, now=T0 + timedelta(seconds=81))  # a stopped renewing
    assert not claim_lease(db_engine, "scheduler", "a", TTL, now=T0 + timedelta(seconds=82))
    lease = lease_holder(db_engine, "scheduler")
    assert lease is not None and lease.holder == "b" and lease.acquired_at == T0 + timedelta(seconds=81)


def test_release_hands_over_at_once_and_only_by_the_holder(db_engine: Engine) -> None:
    assert claim_lease(db_engine, "scheduler", "a", TTL, now=T0)
    release_lease(db_engine, "scheduler", "b")  # not b's to release
    assert not claim_lease(db_engine, "scheduler", "b", TTL, now=T0)
    release_lease(db_engine, "scheduler", "a")
    assert lease_holder(db_engine, "scheduler") is None
    assert claim_lease(db_engine, "scheduler", "b", TTL, now=T0)
