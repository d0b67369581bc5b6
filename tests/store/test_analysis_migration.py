"""Migration 0006 on a database that already holds analyses (SQLite, the batch-mode path that
rebuilds the table): nothing is lost, old analyses are analysed again once, and a downgrade that
would have to drop analyses of earlier texts refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.backlog import count_unanalysed
from store.engine import make_engine
from store.migrate import alembic_config, upgrade_to_head


def _at(engine: Engine, revision: str, direction: str = "upgrade") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)


@pytest.fixture
def engine_at_0005(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _at(engine, "0005")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO outlet (id, name, province, host, aliases, active, created_at) VALUES "
            "('baolaocai', 'Báo Lào Cai', 'Lào Cai', 'baolaocai.vn', '[]', 1, '2025-11-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO article (id, outlet_id, url, title, body, authors, captions, media_kind, "
            "content_hash, extractor_version, first_seen_at, updated_at) VALUES (1, 'baolaocai', "
            "'https://baolaocai.vn/a.html', 'Tin', 'Nội dung.', '[]', '[]', 'text', 'h1', 't', "
            "'2025-11-01 00:00:00', '2025-11-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO analysis (id, article_id, analyser_version, outlet_id, is_current, stereotyped, "
            "stereotype_score, topic_gender_equality, topic_gbv, topics, women_central, created_at) "
            "VALUES (1, 1, 'v1', 'baolaocai', 1, 0, 0.0, 0, 0, '{}', 0, '2025-11-01 00:00:00')"))
    return engine


def test_upgrade_keeps_analyses_and_queues_them_once(engine_at_0005: Engine) -> None:
    upgrade_to_head(engine_at_0005)
    with engine_at_0005.connect() as connection:
        rows = connection.execute(text("SELECT id, content_hash, is_current FROM analysis")).all()
    assert [tuple(row) for row in rows] == [(1, None, 1)]
    with Session(engine_at_0005) as session:
        assert count_unanalysed(session, "v1") == 1  # no hash: analysed again, once


def test_downgrade_refuses_when_it_would_have_to_drop_analyses(engine_at_0005: Engine) -> None:
    upgrade_to_head(engine_at_0005)
    with engine_at_0005.begin() as connection:
        connection.execute(text(
            "INSERT INTO analysis (id, article_id, analyser_version, outlet_id, is_current, stereotyped, "
            "stereotype_score, topic_gender_equality, topic_gbv, topics, women_central, created_at, "
            "content_hash) VALUES (2, 1, 'v1', 'baolaocai', 0, 0, 0.0, 0, 0, '{}', 0, "
            "'2025-11-02 00:00:00', 'h1')"))
    with pytest.raises(RuntimeError, match="cannot downgrade below 0006"):
        _at(engine_at_0005, "0005", "downgrade")
    with engine_at_0005.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM analysis")).scalar() == 2


def test_downgrade_without_repeated_analyses_restores_the_old_key(engine_at_0005: Engine) -> None:
    upgrade_to_head(engine_at_0005)
    _at(engine_at_0005, "0005", "downgrade")
    with engine_at_0005.connect() as connection:
        assert connection.execute(text("SELECT analyser_version FROM analysis")).scalar() == "v1"
