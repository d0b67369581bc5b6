"""The migrations build exactly the tables of the models, with constraints that hold."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session, SQLModel, select

from store.migrate import current_revisions, head_revisions, upgrade_to_head
from store.models import Analysis, Article, Finding, Outlet, Person, Review, User

EXPECTED_TABLES = {
    "outlet", "crawl_run", "article", "article_version", "analysis", "person", "quote",
    "finding", "review", "indicator_value", "self_assessment", "user", "audit_log",
}
VN = timezone(timedelta(hours=7))


def _outlet(session: Session, outlet_id: str = "baolaocai") -> Outlet:
    outlet = Outlet(id=outlet_id, name="Báo và PT-TH Lào Cai", province="Lào Cai",
                    host=f"{outlet_id}.vn", cms_family="cms")
    session.add(outlet)
    session.commit()
    return outlet


def _article(outlet_id: str, url: str = "https://baolaocai.vn/a-post1.html") -> Article:
    return Article(outlet_id=outlet_id, url=url, title="Tiêu đề", body="Nội dung bài báo.",
                   content_hash="0" * 64, extractor_version="test",
                   published_at=datetime(2025, 10, 1, 8, 30, tzinfo=VN),
                   published_date=date(2025, 10, 1))


def test_migrations_create_every_table_and_match_the_models(db_engine: Engine) -> None:
    assert EXPECTED_TABLES <= set(inspect(db_engine).get_table_names())
    assert current_revisions(db_engine) == head_revisions()
    with db_engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_upgrade_twice_is_harmless(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        _outlet(session)
    before, after = upgrade_to_head(db_engine)
    assert before == after == head_revisions()
    with Session(db_engine) as session:
        assert session.exec(select(Outlet)).one().name == "Báo và PT-TH Lào Cai"


def test_canonical_url_is_unique(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        _outlet(session)
        session.add(_article("baolaocai"))
        session.commit()
        session.add(_article("baolaocai"))
        with pytest.raises(IntegrityError):
            session.commit()


def test_foreign_keys_are_enforced(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        session.add(_article("no-such-outlet"))
        with pytest.raises(IntegrityError):
            session.commit()


@pytest.mark.parametrize("field, value", [("gender", "woman"), ("quoted", "yes"), ("function", "boss")])
def test_person_vocabularies_are_checked(db_engine: Engine, field: str, value: str) -> None:
    with Session(db_engine) as session:
        _outlet(session)
        article = _article("baolaocai")
        session.add(article)
        session.commit()
        analysis = Analysis(article_id=article.id, analyser_version="t", outlet_id="baolaocai")
        session.add(analysis)
        session.commit()
        person = Person(analysis_id=analysis.id, name="Nguyễn Thị Lan", gender="female")
        setattr(person, field, value)
        session.add(person)
        with pytest.raises(IntegrityError):
            session.commit()


def test_finding_confidence_and_category_are_checked(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        _outlet(session)
        article = _article("baolaocai")
        session.add(article)
        session.commit()
        analysis = Analysis(article_id=article.id, analyser_version="t", outlet_id="baolaocai")
        session.add(analysis)
        session.commit()
        for bad in ({"confidence": 1.5}, {"category": "rudeness"}):
            fields = dict(analysis_id=analysis.id, category="appearance", severity="subtle",
                          voice="outlet", evidence="xinh đẹp", start_offset=0, end_offset=8,
                          sentence="xinh đẹp", confidence=0.9, source="rule", explanation="x")
            fields.update(bad)
            session.add(Finding(**fields))
            with pytest.raises(IntegrityError):
                session.commit()
            session.rollback()


def test_editor_must_belong_to_an_outlet_and_review_needs_a_target(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        session.add(User(username="editor1", password_hash="x", role="editor"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        monitor = User(username="monitor1", password_hash="x", role="monitor", province="Lào Cai")
        session.add(monitor)
        session.commit()
        session.add(Review(reviewer_id=monitor.id, verdict="confirm"))
        with pytest.raises(IntegrityError):
            session.commit()


def test_instants_round_trip_as_aware_utc_and_naive_ones_are_refused(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        _outlet(session)
        session.add(_article("baolaocai"))
        session.commit()
        stored = session.exec(select(Article)).one()
        assert stored.published_at == datetime(2025, 10, 1, 1, 30, tzinfo=timezone.utc)
        assert stored.published_at.tzinfo is not None
        stored.published_at = datetime(2025, 10, 1, 8, 30)  # naive: ambiguous, must fail
        with pytest.raises(StatementError, match="naive datetime"):
            session.commit()
