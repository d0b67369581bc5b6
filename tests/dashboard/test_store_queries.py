"""The dashboard's store queries on SQLite and PostgreSQL, on the seeded province."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dashboard.figure_cache import data_version
from store.article_views import article_detail, list_articles
from store.health import crawl_health
from store.indicators.definitions import load_indicator_set
from store.indicators.periods import month_period, quarter_period
from store.login_throttle import ACCOUNT_FAILURES, lockout_remaining, record_attempt
from store.models import Analysis, Finding, User
from store.outlet_figures import (
    analysed_articles,
    compliance_history,
    indicator_series,
    people_by_gender_and_function,
    stored_periods,
)
from store.reviews import contest, decide, review_queue
from tests.dashboard.conftest import CONFIG_DIR
from tests.dashboard.seeding import seed_province

NOVEMBER = month_period(2025, 11)


def test_figures_health_and_listing(db_engine: Engine) -> None:
    seed_province(db_engine, CONFIG_DIR)
    population = load_indicator_set(CONFIG_DIR).population
    with Session(db_engine) as session:
        assert analysed_articles(session, ["baolaocai", "laocaitv"], NOVEMBER, population) == {
            "baolaocai": 40, "laocaitv": 40}
        people = people_by_gender_and_function(session, ["baolaocai"], NOVEMBER, population)
        assert people[("expert", "male")] == 40
        assert people[("spokesperson", "female")] + people[("subject", "female")] == 40
        history = compliance_history(session, ["baolaocai"], [month_period(2025, 10), NOVEMBER])
        assert set(history["baolaocai"]) == {month_period(2025, 10), NOVEMBER}
        assert history["baolaocai"][NOVEMBER].evaluable > 0
        series = indicator_series(session, "baolaocai", [NOVEMBER])
        assert series["C01"][NOVEMBER].value == 0.5
        periods = stored_periods(session, ["baolaocai"])
        assert NOVEMBER in periods and quarter_period(2025, 4) in periods
        assert [period.start for period in periods] == sorted((period.start for period in periods), reverse=True)
        now = datetime(2025, 11, 30, 12, tzinfo=timezone.utc)
        health = crawl_health(session, ["baolaocai", "baonghean"], now=now)
        assert health["baolaocai"].last_article_at == datetime(2025, 11, 28, 2, tzinfo=timezone.utc)
        assert health["baolaocai"].last_published == date(2025, 11, 28)
        # published 22-28 November: the 7 days up to the newest publication day of any outlet
        assert health["baolaocai"].articles_recent == 7
        assert health["baolaocai"].status == "green"
        assert health["baolaocai"].last_run_status == "finished"
        page = list_articles(session, ["baolaocai"], first_day=NOVEMBER.start, last_day=NOVEMBER.end,
                             flagged_only=True, page_size=5)
        assert len(page.rows) == 5 and page.has_next and all(row.stereotyped for row in page.rows)
        assert page.rows[0].published_date >= page.rows[-1].published_date


def test_decisions_contests_and_the_queue(db_engine: Engine) -> None:
    seeded = seed_province(db_engine, CONFIG_DIR)
    with Session(db_engine) as session:
        monitor = session.execute(select(User).where(User.username == "giamsat")).scalars().one()
        editor = session.execute(select(User).where(User.username == "bientap")).scalars().one()
        queue = review_queue(session, ["baolaocai"])
        assert queue and queue[0].severity == "overt" and not queue[0].contested
        finding_id = session.execute(
            select(Finding.id).join(Analysis, Analysis.id == Finding.analysis_id)
            .where(Analysis.article_id == seeded.overt_article_id)).scalars().one()
        before = data_version(session)
        decide(session, finding_id, monitor, "recategorise", new_category="gender_marking", config_dir=CONFIG_DIR)
        session.commit()
        assert data_version(session) > before
        assert finding_id not in {item.finding_id for item in review_queue(session, ["baolaocai"])}
        contest(session, finding_id, editor, "Không đồng ý")
        session.commit()
        queue = review_queue(session, ["baolaocai"])
        assert queue[0].finding_id == finding_id and queue[0].contested
        detail = article_detail(session, seeded.overt_article_id)
        assert detail is not None
        item = detail.findings[0]
        assert (item.verdict, item.category, item.contested) == ("recategorise", "gender_marking", True)
        assert [entry.verdict for entry in item.history] == ["recategorise", "contest"]


def test_login_lockout_counts_failures_since_the_last_success(db_engine: Engine) -> None:
    with Session(db_engine) as session:
        for _ in range(ACCOUNT_FAILURES - 1):
            record_attempt(session, "giamsat", "10.0.0.1", False)
        assert lockout_remaining(session, "giamsat", "10.0.0.1") is None
        record_attempt(session, "GiamSat", "10.0.0.2", False)
        remaining = lockout_remaining(session, "giamsat", "10.0.0.9")
        assert remaining is not None and timedelta(minutes=14) < remaining <= timedelta(minutes=15)
        assert lockout_remaining(session, "giamsat", "10.0.0.9", now=datetime.now(timezone.utc) + timedelta(minutes=16)) is None
        assert lockout_remaining(session, "bientap", "10.0.0.1") is None
