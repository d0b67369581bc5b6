"""Fixtures: a seeded province on SQLite and the dashboard app on it, signed in as each role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from dashboard.app import create_app
from genderwatch.settings import REPO_ROOT, Settings
from store.engine import make_engine
from store.migrate import upgrade_to_head
from tests.dashboard.seeding import PASSWORD, Seeded, seed_province

CONFIG_DIR = REPO_ROOT / "config"


@pytest.fixture
def seeded_engine(tmp_path: Path) -> Iterator[tuple[Engine, Seeded]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'dashboard.db'}")
    upgrade_to_head(engine)
    seeded = seed_province(engine, CONFIG_DIR)
    yield engine, seeded
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", config_dir=CONFIG_DIR,
                    database_url=f"sqlite:///{tmp_path / 'dashboard.db'}")


@pytest.fixture
def seeded(seeded_engine: tuple[Engine, Seeded]) -> Seeded:
    return seeded_engine[1]


@pytest.fixture
def app(seeded_engine: tuple[Engine, Seeded], settings: Settings):
    return create_app(settings, seeded_engine[0])


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, as a page's meta tag carries it."""
    page = client.get("/login").text
    marker = 'name="csrf-token" content="'
    start = page.index(marker) + len(marker)
    return page[start:page.index('"', start)]


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                           "next": "/"}, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]


@pytest.fixture
def client_as(app) -> Callable[[str], TestClient]:
    """A fresh client signed in as ``username``."""
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        client = TestClient(app)
        sign_in(client, username)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
