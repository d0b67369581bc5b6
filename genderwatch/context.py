"""Wiring shared by the commands: settings → engine, checked before use."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from genderwatch.settings import Settings
from store.engine import check_connection, ensure_writable_dir, make_engine


def open_store(settings: Settings, *, check: bool = True) -> Engine:
    """An engine for the configured database, with the data directory in place."""
    ensure_writable_dir(settings.data_dir)
    engine = make_engine(settings.effective_database_url)
    if check:
        check_connection(engine)
    return engine
