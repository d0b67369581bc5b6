"""The analysis job: what it picks up (new, edited, other analyser version), what it keeps, the
byline counts it stores, and that the indicator engine's incremental recompute notices.

A stand-in analyser replaces the models here (its output is a fixed function of the text), so
the job's bookkeeping is tested on both databases without the encoder; the analyser itself is
tested in tests/scoring.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

import scoring.analyzer
from genderwatch.jobs import JobContext
from genderwatch.jobs.analyse import analyse
from genderwatch.settings import load_settings
from scoring.contract import AnalysisResult, FindingResult, PeopleReport, StereotypeReport
from store.backlog import count_unanalysed
from store.indicators.recompute import recompute
from store.models import Analysis, Article, Finding, Outlet, Review, User
from tests.conftest import REPO_ROOT

VN = timezone(timedelta(hours=7))
OUTLET = "baolaocai"
FIRST_BODY = "Chị Lan là kế toán giỏi, xinh đẹp và luôn tươi cười với khách."
EDITED_BODY = "Chị Lan là kế toán giỏi, luôn tận tình với khách."


def _stand_in(title: str | None, lead: str | None, body: str | None, *, id: Any = None,
              section: str | None = None) -> AnalysisResult:
    """One appearance finding when the body says "xinh đẹp"; the section is its topic."""
    findings = []
    if body and "xinh đẹp" in body:
        start = len(f"{title}\n{lead or ''}\n") + body.index("xinh đẹp")
        findings.append(FindingResult(
            category="appearance", severity="subtle", voice="outlet", evidence="xinh đẹp",
            start=start, end=start + len("xinh đẹp"), sentence=body, confidence=0.9,
            source="rule", explanation="Mô tả ngoại hình không liên quan đến nội dung tin."))
    return AnalysisResult(people=PeopleReport(), stereotypes=StereotypeReport(findings=findings),
                          topics={"economy": section == "Kinh tế"}, id=id)


@pytest.fixture
def job(db_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> JobContext:
    monkeypatch.setattr(scoring.analyzer, "analyze_article", _stand_in)
    monkeypatch.setattr(scoring.analyzer, "ANALYSER_VERSION", "test-v1", raising=False)
    with Session(db_engine) as session:
        session.add(Outlet(id=OUTLET, name="Báo Lào Cai", province="Lào Cai", host="baolaocai.vn"))
        session.add(User(username="monitor", password_hash="x", role="monitor", province="Lào Cai"))
        session.flush()
        session.add(_article("a-1", FIRST_BODY, authors=["Thu Hằng", "Văn Tú"], section="Kinh tế"))
        session.add(_article("a-2", "Bài của thông tấn xã về giá lúa vụ hè thu.", wire="TTXVN"))
        session.add(_article("a-3", "Bài của nhóm phóng viên về hội nghị.", authors=["Nhóm PV", "P.Y"]))
        session.commit()
    return JobContext(settings=load_settings(), engine=db_engine)


def _article(slug: str, body: str, authors: list[str] | None = None, wire: str | None = None,
             section: str | None = None) -> Article:
    return Article(outlet_id=OUTLET, url=f"https://baolaocai.vn/{slug}.html", title=f"Tin {slug}",
                   body=body, authors=authors or [], wire_source=wire, section=section,
                   content_hash=_hash(body), extractor_version="test",
                   published_at=datetime(2025, 11, 3, 8, tzinfo=VN), published_date=date(2025, 11, 3))


def _hash(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def _analyses(engine: Engine, slug: str) -> list[Analysis]:
    with Session(engine) as session:
        article = session.exec(select(Article).where(col(Article.url).endswith(f"/{slug}.html"))).one()
        return list(session.exec(select(Analysis).where(Analysis.article_id == article.id)
                                 .order_by(col(Analysis.id))))


def _edit(engine: Engine, slug: str, body: str) -> None:
    """What the crawler does when a page changes: new text, new content hash."""
    with Session(engine) as session:
        article = session.exec(select(Article).where(col(Article.url).endswith(f"/{slug}.html"))).one()
        article.body, article.content_hash = body, _hash(body)
        session.add(article)
        session.commit()


def test_every_article_is_analysed_once_with_its_hash_and_byline(job: JobContext) -> None:
    assert analyse(job)["analysed"] == 3
    [own] = _analyses(job.engine, "a-1")
    assert own.is_current and own.analyser_version == "test-v1" and own.stereotyped
    assert own.content_hash == _hash(FIRST_BODY)
    assert (own.byline_women, own.byline_men) == (1, 1)  # Thu Hằng, Văn Tú
    assert own.topics["economy"] is True  # the section reached the analyser
    wire, = _analyses(job.engine, "a-2")
    assert (wire.byline_women, wire.byline_men) == (0, 0)  # wire copy counts no one
    group, = _analyses(job.engine, "a-3")
    assert (group.byline_women, group.byline_men) == (0, 0)  # a desk and initials
    assert analyse(job)["analysed"] == 0  # nothing left: a second run is a no-op


def test_an_edited_article_is_analysed_again_and_the_old_analysis_keeps_its_review(
        job: JobContext) -> None:
    analyse(job)
    first, = _analyses(job.engine, "a-1")
    with Session(job.engine) as session:
        finding = session.exec(select(Finding).where(Finding.analysis_id == first.id)).one()
        reviewer = session.exec(select(User)).one()
        finding_id = finding.id
        session.add(Review(finding_id=finding_id, reviewer_id=reviewer.id, verdict="confirm"))
        session.commit()
    _edit(job.engine, "a-1", EDITED_BODY)
    with Session(job.engine) as session:
        assert count_unanalysed(session, "test-v1") == 1
    assert analyse(job)["analysed"] == 1
    old, new = _analyses(job.engine, "a-1")
    assert (old.id, old.is_current) == (first.id, False)
    assert new.is_current and new.content_hash == _hash(EDITED_BODY) and not new.stereotyped
    with Session(job.engine) as session:
        assert session.exec(select(Review)).one().finding_id == finding_id
        assert session.get(Finding, finding_id).analysis_id == first.id


def test_text_restored_makes_its_earlier_analysis_current_again(job: JobContext) -> None:
    analyse(job)
    _edit(job.engine, "a-1", EDITED_BODY)
    analyse(job)
    _edit(job.engine, "a-1", FIRST_BODY)
    assert analyse(job)["analysed"] == 1
    first, edited = _analyses(job.engine, "a-1")  # no third row
    assert first.is_current and not edited.is_current


def test_a_new_analyser_version_reanalyses_everything_and_keeps_history(
        job: JobContext, monkeypatch: pytest.MonkeyPatch) -> None:
    analyse(job)
    monkeypatch.setattr(scoring.analyzer, "ANALYSER_VERSION", "test-v2", raising=False)
    assert analyse(job)["analysed"] == 3
    versions = [(analysis.analyser_version, analysis.is_current) for analysis in _analyses(job.engine, "a-2")]
    assert versions == [("test-v1", False), ("test-v2", True)]


def test_incremental_recompute_notices_a_reanalysed_edit(job: JobContext) -> None:
    analyse(job)
    assert recompute(job.engine, config_dir=REPO_ROOT / "config").recomputed > 0
    assert recompute(job.engine, config_dir=REPO_ROOT / "config").recomputed == 0
    _edit(job.engine, "a-1", EDITED_BODY)
    analyse(job)
    report = recompute(job.engine, config_dir=REPO_ROOT / "config")
    assert report.recomputed == report.considered > 0  # every period holding 3/11 is stale
