"""What the indicators read without joins: an analysis's number of people and each quote's
speaker gender, recorded when an analysis is saved and filled in by migration 0007 for rows
saved before it; and ``topics`` stored as jsonb on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.analyses import save_analysis
from store.engine import make_engine
from store.indicators.bench import throwaway_database
from store.migrate import alembic_config, upgrade_to_head
from store.models import Analysis, Article, Outlet, Quote
from tests.conftest import PG_ADMIN_URL


def _person(name: str, gender: str) -> dict[str, object]:
    return {"name": name, "gender": gender, "quoted": "direct", "function": "subject",
            "family_role": False, "age_given": False, "appearance_described": False,
            "victim": False, "survivor": False}


def _quote(speaker: str | None) -> dict[str, object]:
    return {"speaker": speaker, "kind": "direct", "text": "…", "start": 0, "end": 1}


def test_saving_an_analysis_records_its_people_and_speaker_genders(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        session.add(Outlet(id="baolaocai", name="Báo Lào Cai", province="Lào Cai", host="baolaocai.vn"))
        session.flush()
        article = Article(outlet_id="baolaocai", url="https://baolaocai.vn/a.html", title="Tin",
                          body="Nội dung.", content_hash="h1", extractor_version="t",
                          published_date=date(2025, 11, 3))
        session.add(article)
        session.flush()
        result = {
            "people": [_person("Lò Thị Mai", "female"), _person("Giàng A Páo", "male"),
                       _person("một người dân", "unknown")],
            "quotes": [_quote("Lò Thị Mai"), _quote("Giàng A Páo"), _quote(None), _quote("ai đó")],
        }
        analysis = save_analysis(session, article, result, "v1")
        session.commit()
        assert analysis.people_count == 3
        quotes = session.exec(select(Quote).order_by(Quote.id)).all()
        assert [quote.speaker_gender for quote in quotes] == ["female", "male", "unknown", "unknown"]
        assert [quote.person_id is not None for quote in quotes] == [True, True, False, False]


def _at(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine_at_0006(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database migrated to 0006 holding one analysis with people and quotes."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield from _filled_at_0006(engine)
        return
    request.getfixturevalue("postgres_url")  # skips with the reason when no server answers
    with throwaway_database(PG_ADMIN_URL) as url:
        yield from _filled_at_0006(make_engine(url))


def _filled_at_0006(engine: Engine) -> Iterator[Engine]:
    _at(engine, "0006")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO outlet (id, name, province, host, aliases, active, created_at) VALUES "
            "('baolaocai', 'Báo Lào Cai', 'Lào Cai', 'baolaocai.vn', '[]', true, '2025-11-01 00:00:00')"))
        connection.execute(text(
            "INSERT INTO article (id, outlet_id, url, title, body, authors, captions, media_kind, "
            "content_hash, extractor_version, first_seen_at, updated_at) VALUES (1, 'baolaocai', "
            "'https://baolaocai.vn/a.html', 'Tin', 'Nội dung.', '[]', '[]', 'text', 'h1', 't', "
            "'2025-11-01 00:00:00', '2025-11-01 00:00:00')"))
        for analysis_id in (1, 2):
            connection.execute(text(
                "INSERT INTO analysis (id, article_id, analyser_version, outlet_id, is_current, stereotyped, "
                "stereotype_score, topic_gender_equality, topic_gbv, topics, women_central, created_at, "
                f"content_hash) VALUES ({analysis_id}, 1, 'v{analysis_id}', 'baolaocai', "
                f"{'true' if analysis_id == 2 else 'false'}, false, 0.0, false, false, "
                "'{\"politics\": true}', false, '2025-11-01 00:00:00', 'h1')"))
        connection.execute(text(
            "INSERT INTO person (id, analysis_id, name, gender, quoted, function, family_role, age_given, "
            "appearance_described, victim, survivor, mentions) VALUES "
            "(1, 2, 'Lò Thị Mai', 'female', 'direct', 'subject', false, false, false, false, false, '[]'), "
            "(2, 2, 'Giàng A Páo', 'male', 'none', 'subject', false, false, false, false, false, '[]')"))
        connection.execute(text(
            "INSERT INTO quote (id, analysis_id, person_id, speaker, kind, text, start_offset, end_offset) "
            "VALUES (1, 2, 1, 'Lò Thị Mai', 'direct', '…', 0, 1), (2, 2, NULL, NULL, 'direct', '…', 0, 1)"))
    yield engine
    engine.dispose()


def test_migration_0007_fills_the_new_columns_from_existing_rows(engine_at_0006: Engine) -> None:
    upgrade_to_head(engine_at_0006)
    with Session(engine_at_0006) as session:
        counts = session.exec(select(Analysis.id, Analysis.people_count).order_by(Analysis.id)).all()
        assert [tuple(row) for row in counts] == [(1, 0), (2, 2)]
        genders = session.exec(select(Quote.id, Quote.speaker_gender).order_by(Quote.id)).all()
        assert [tuple(row) for row in genders] == [(1, "female"), (2, "unknown")]
        assert session.get(Analysis, 2).topics == {"politics": True}
    topics_type = next(column["type"] for column in inspect(engine_at_0006).get_columns("analysis")
                       if column["name"] == "topics")
    assert isinstance(topics_type, JSONB) == (engine_at_0006.dialect.name == "postgresql")
