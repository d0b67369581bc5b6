"""Recompute touches only the outlet × periods whose inputs, definitions or targets changed."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from genderwatch.errors import GenderwatchError
from store.indicators import parse_period
from store.indicators.definitions import load_definitions
from store.indicators.recompute import mark_dirty_for_article, recompute
from store.indicators.targets import set_province_target
from store.models import Analysis, Article, Finding, IndicatorValue, Review, User
from tests.conftest import REPO_ROOT
from tests.indicators.seed import MONITORED, PROVINCE, seed_dataset

CONFIG = REPO_ROOT / "config"
# Periods with data: baolaocai October and November 2025 (2 months, Q4, 2025, Action Month),
# baosapa 3-7 November 2025 (November, Q4, 2025; before the Action Month), baotuyenquang none
# (its only article is the original of a syndicated copy, without analysis).
ALL_PAIRS = 5 + 3


def _value(engine: Engine, indicator: str, period: str) -> IndicatorValue:
    parsed = parse_period(period)
    with Session(engine) as session:
        return session.execute(select(IndicatorValue).where(
            IndicatorValue.outlet_id == MONITORED, IndicatorValue.indicator_id == indicator,
            IndicatorValue.period_start == parsed.start, IndicatorValue.period_end == parsed.end,
        )).scalar_one()


@pytest.fixture
def computed(db_engine: Engine) -> Engine:
    seed_dataset(db_engine)
    report = recompute(db_engine, config_dir=CONFIG)
    assert (report.considered, report.recomputed, report.unchanged) == (ALL_PAIRS, ALL_PAIRS, 0)
    return db_engine


def test_nothing_changed_nothing_recomputed(computed: Engine) -> None:
    report = recompute(computed, config_dir=CONFIG)
    assert (report.recomputed, report.unchanged, report.values_written) == (0, ALL_PAIRS, 0)
    assert recompute(computed, config_dir=CONFIG, force=True).recomputed == ALL_PAIRS


def test_a_review_decision_recomputes_only_the_periods_containing_the_article(computed: Engine) -> None:
    with Session(computed) as session:
        finding = session.execute(
            select(Finding).join(Analysis).join(Article).where(Article.title == "Bài a0")
        ).scalar_one()
        reviewer = session.execute(select(User)).scalar_one()
        session.add(Review(finding_id=finding.id, reviewer_id=reviewer.id, verdict="reject",
                           created_at=datetime(2025, 12, 6, tzinfo=timezone.utc)))
        session.commit()
    report = recompute(computed, config_dir=CONFIG)
    # a0 is on 1 November: baolaocai's November, Q4 and 2025 change; the Action Month
    # (from 15 November) and October do not, nor does any other outlet.
    assert (report.recomputed, report.unchanged) == (3, ALL_PAIRS - 3)
    # C13 loses a0: 1 / 40.
    assert _value(computed, "C13", "2025-11").numerator == 1


def test_a_new_analysis_version_is_noticed(computed: Engine) -> None:
    with Session(computed) as session:
        article = session.execute(select(Article).where(Article.title == "Bài a20")).scalar_one()
        for old in session.execute(select(Analysis).where(Analysis.article_id == article.id)).scalars():
            old.is_current = False
        session.add(Analysis(article_id=article.id, analyser_version="v2", outlet_id=MONITORED,
                             published_date=article.published_date, women_central=True))
        session.commit()
    report = recompute(computed, config_dir=CONFIG)
    assert report.recomputed == 4  # a20 is on 21 November: month, quarter, year and Action Month
    # The new analysis found nobody in a20 (one woman and one man before): C01 → 29 / 78;
    # it calls a20 women-central: C09 → 11 / 50.
    c01 = _value(computed, "C01", "2025-11")
    assert (c01.numerator, c01.denominator) == (29, 78)
    assert _value(computed, "C09", "2025-11").numerator == 11


def test_an_article_changed_in_place_is_marked_dirty(computed: Engine) -> None:
    with Session(computed) as session:
        article = session.execute(select(Article).where(Article.title == "Bài a10")).scalar_one()
        assert mark_dirty_for_article(session, article.id) == 3 * 34  # month, quarter, year
        session.commit()
    assert recompute(computed, config_dir=CONFIG).recomputed == 3
    with Session(computed) as session, pytest.raises(GenderwatchError, match="unknown article"):
        mark_dirty_for_article(session, 999_999)


def test_wire_copy_flagged_later_is_noticed(computed: Engine) -> None:
    with Session(computed) as session:
        article = session.execute(select(Article).where(Article.title == "Bài a0")).scalar_one()
        article.wire_source = "TTXVN"
        session.commit()
    assert recompute(computed, config_dir=CONFIG).recomputed == 3
    # a0 (one woman, one man) leaves the population: C01 = 29 / 78.
    value = _value(computed, "C01", "2025-11")
    assert (value.numerator, value.denominator) == (29, 78)


def test_a_province_target_recomputes_that_province_and_changes_met(computed: Engine) -> None:
    assert _value(computed, "C01", "2025-11").met is False
    with Session(computed) as session:
        set_province_target(session, load_definitions(CONFIG), PROVINCE, "C01", 0.30, 0.70)
        session.commit()
    report = recompute(computed, config_dir=CONFIG)
    assert report.recomputed == ALL_PAIRS  # every stored pair is in Lào Cai
    value = _value(computed, "C01", "2025-11")
    assert (value.target, value.target_high, value.met) == (0.30, 0.70, True)


def test_invalid_targets_are_refused(computed: Engine) -> None:
    definitions = load_definitions(CONFIG)
    with Session(computed) as session:
        for args, reason in (
            ((PROVINCE, "C99", 0.3, 0.7), "unknown indicator"),
            (("Atlantis", "C01", 0.3, 0.7), "unknown province"),
            ((PROVINCE, "C01", 0.3, None), "give a lower and an upper bound"),
            ((PROVINCE, "C09", 0.1, 0.2), "give one target"),
            ((PROVINCE, "C09", 1.5, None), "between 0 and 1"),
        ):
            with pytest.raises(GenderwatchError, match=reason):
                set_province_target(session, definitions, *args)


def test_explicit_periods_and_removal_when_data_disappears(computed: Engine) -> None:
    custom = parse_period("2025-11-01..2025-11-03")
    report = recompute(computed, outlet_ids=[MONITORED], periods=[custom], config_dir=CONFIG)
    assert (report.considered, report.recomputed) == (1, 1)
    with Session(computed) as session:
        for analysis in session.execute(select(Analysis).where(
            Analysis.outlet_id == MONITORED, Analysis.published_date.between(date(2025, 11, 1), date(2025, 11, 3))
        )).scalars():
            analysis.is_current = False
        session.commit()
    report = recompute(computed, outlet_ids=[MONITORED], periods=[custom], config_dir=CONFIG)
    assert (report.removed, report.values_written) == (1, 0)
    with pytest.raises(GenderwatchError, match="unknown outlet: nowhere"):
        recompute(computed, outlet_ids=["nowhere"], config_dir=CONFIG)
