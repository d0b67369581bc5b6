"""Shared fixtures: a migrated database on SQLite and on a throwaway PostgreSQL database.

PostgreSQL runs on 127.0.0.1:5432 on the project's machines. Each test session creates its
own database and drops it afterwards; when no server answers, the PostgreSQL half of every
parametrised test is skipped with the reason, never silently passed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from store.engine import make_engine
from store.migrate import upgrade_to_head

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
PG_ADMIN_URL = os.environ.get(
    "GENDERWATCH_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_admin() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped at the end of the session."""
    admin = _postgres_admin()
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means "no server to test against"
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(error).__name__}: {error}".splitlines()[0])
    name = f"genderwatch_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def _postgres_schema(postgres_url: str) -> str:
    engine = make_engine(postgres_url)
    upgrade_to_head(engine)
    engine.dispose()
    return postgres_url


def _truncate_all(engine: Engine) -> None:
    from sqlmodel import SQLModel

    tables = [table.name for table in SQLModel.metadata.sorted_tables]
    with engine.begin() as connection:
        quoted = ", ".join(f'"{name}"' for name in tables)
        connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database built by the migrations, once per backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        upgrade_to_head(engine)
        yield engine
        engine.dispose()
        return
    url = request.getfixturevalue("_postgres_schema")
    engine = make_engine(url)
    _truncate_all(engine)
    yield engine
    engine.dispose()
