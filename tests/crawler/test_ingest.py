"""Storing pages on SQLite and PostgreSQL: versions, non-articles, syndication links, run state."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from crawler.demo_web.render import DEMO_REGISTRY
from crawler.ingest import Ingestor, Page
from crawler.journal import CrawlJournal, close_abandoned_runs, known_urls, sync_outlets
from crawler.rawstore import RawStore
from crawler.registry import load_registry
from store.engine import session_scope
from store.models import Article, ArticleVersion, ConditionalGet, CrawlRun, RawPage
from tests.crawler.conftest import expected_pages

REGISTRY = load_registry(DEMO_REGISTRY)


@pytest.fixture
def ingestor(db_engine: Engine, tmp_path: Path) -> Ingestor:
    sync_outlets(db_engine, REGISTRY)
    return Ingestor(db_engine, RawStore(tmp_path / "raw"))


def _page(outlet_id: str, index: int = 0) -> tuple[Page, dict]:
    page = [p for p in expected_pages() if p.outlet_id == outlet_id][index]
    outlet = REGISTRY.get(outlet_id)
    return Page(url=outlet.origin + page.url_path, outlet=outlet, raw=page.page.read_bytes()), page.data


def test_new_unchanged_updated_with_versions(ingestor: Ingestor, db_engine: Engine) -> None:
    page, want = _page("demo-laocai")
    first = ingestor.store(page, None)
    assert first.outcome == "new"
    assert ingestor.store(page, None).outcome == "unchanged"
    edited = Page(url=page.url, outlet=page.outlet, raw=page.raw.replace(want["title"].encode(), "Tiêu đề đã sửa".encode()))
    assert ingestor.store(edited, None).outcome == "updated"
    with Session(db_engine) as session:
        article = session.get(Article, first.article_id)
        assert article.title == "Tiêu đề đã sửa" and article.lead == want["lead"]
        versions = session.exec(select(ArticleVersion).where(ArticleVersion.article_id == article.id)).all()
        assert sorted(v.title for v in versions) == sorted([want["title"], "Tiêu đề đã sửa"])
        assert len(session.exec(select(RawPage).where(RawPage.url == page.url)).all()) == 2
    assert ingestor.raw_store.get(article.raw_sha256) == edited.raw


def test_pages_without_an_article_are_kept_and_known(ingestor: Ingestor, db_engine: Engine) -> None:
    outlet = REGISTRY.get("demo-cantho")
    empty = Page(url=outlet.origin + "/x/trong-a1.html", outlet=outlet, raw=b"<html><body><div>Trang</div></body></html>")
    binary = Page(url=outlet.origin + "/x/anh-a2.html", outlet=outlet, raw=b"\x89PNG\r\n\x1a\n\x00\x00")
    assert ingestor.store(empty, None).reason.startswith("not an article: no title")
    assert ingestor.store(binary, None).outcome == "failed"
    assert {empty.url, binary.url} <= known_urls(db_engine, ["demo-cantho"])
    with Session(db_engine) as session:
        assert session.exec(select(Article)).all() == []


def test_syndicated_copy_links_to_the_earlier_original_in_any_order(ingestor: Ingestor, db_engine: Engine) -> None:
    pages = expected_pages()
    copy = next(p for p in pages if p.data["syndicated_from"])
    source_outlet, slug = copy.data["syndicated_from"].split("/")
    original = next(p for p in pages if p.outlet_id == source_outlet and f"/{slug}-" in p.url_path)

    def store(expected) -> int:  # type: ignore[no-untyped-def]
        outlet = REGISTRY.get(expected.outlet_id)
        return ingestor.store(Page(url=outlet.origin + expected.url_path, outlet=outlet, raw=expected.page.read_bytes()), None).article_id

    copy_id = store(copy)          # the copy is met first ...
    original_id = store(original)  # ... and relinked when the original arrives
    unrelated_id = store(next(p for p in pages if not p.data["syndicated_from"] and p.outlet_id != source_outlet))
    with Session(db_engine) as session:
        assert session.get(Article, copy_id).syndicated_from_id == original_id
        assert session.get(Article, original_id).syndicated_from_id is None
        assert session.get(Article, unrelated_id).syndicated_from_id is None


def test_validators_saved_only_after_a_complete_run(ingestor: Ingestor, db_engine: Engine) -> None:
    outlets = [REGISTRY.get("demo-laocai")]
    feed = outlets[0].absolute("/rss/home.rss")
    page, _ = _page("demo-laocai")
    for status, stored, saved in (("interrupted", True, False), ("finished", False, False), ("finished", True, True)):
        with session_scope(db_engine) as session:
            for row in session.exec(select(ConditionalGet)):
                session.delete(row)
        journal = CrawlJournal(db_engine, outlets)
        journal.remember("demo-laocai", feed, '"etag-1"', None)
        journal.link(feed, page.url)
        if stored:
            ingestor.store(page, journal.run_ids["demo-laocai"])
        else:
            journal.log("demo-laocai", page.url, "article", "failed", 500, "HTTP 500")
        journal.finish(status)
        with Session(db_engine) as session:
            assert (session.get(ConditionalGet, feed) is not None) is saved, (status, stored)


def test_runs_of_dead_processes_are_closed(db_engine: Engine) -> None:
    sync_outlets(db_engine, REGISTRY)
    with session_scope(db_engine) as session:
        session.add(CrawlRun(outlet_id="demo-laocai", stats={"pid": 2 ** 22 + 1, "host": os.uname().nodename}))
        session.add(CrawlRun(outlet_id="demo-nghean", stats={"pid": os.getpid(), "host": os.uname().nodename}))
    assert close_abandoned_runs(db_engine) == 1
    with Session(db_engine) as session:
        assert {run.outlet_id: run.status for run in session.exec(select(CrawlRun))} == {
            "demo-laocai": "interrupted", "demo-nghean": "running"}
