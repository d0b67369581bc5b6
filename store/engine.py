"""Engines and sessions for SQLite (default) and PostgreSQL (production).

Every connection problem a user can cause (a malformed URL, an unreachable server, a data
directory that cannot be written) surfaces as one :class:`StoreError` with a plain reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlmodel import Session, create_engine

SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""


def parse_database_url(raw: str) -> URL:
    """Parse and check a database URL, refusing backends we do not support."""
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise StoreError(f"malformed database URL: {raw!r}") from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"unsupported database '{url.get_backend_name()}' in {raw!r}: use sqlite or postgresql"
        )
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def ensure_writable_dir(path: Path) -> None:
    """Create ``path`` if needed and prove we can write there before SQLite tries."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create data directory {path}: {error.strerror}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise StoreError(f"data directory is not writable: {path}")


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the dashboard read while the crawler writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``database_url`` without connecting yet."""
    url = parse_database_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            ensure_writable_dir(Path(url.database).expanduser().resolve().parent)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    try:
        return create_engine(url, connect_args={"connect_timeout": 10}, **kwargs)
    except NoSuchModuleError as error:
        raise StoreError(f"database driver missing for {url.drivername}: {error}") from None


def check_connection(engine: Engine) -> None:
    """Connect once, turning driver errors into a one-line StoreError."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError(
            f"cannot connect to database {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from None


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
