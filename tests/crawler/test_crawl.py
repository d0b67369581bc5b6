"""Crawling the demo outlets: complete from empty, incremental the second time, safe to kill.

Every crawl is a real ``genderwatch crawl`` subprocess fetching over HTTP from the local demo
web; the database is then compared with the corpus the sites were rendered from.
"""

from __future__ import annotations

import gzip
import json
import hashlib
import os
import shutil
import signal
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from crawler.demo_web.corpus import CORPUS_DIR, read_corpus
from crawler.demo_web.server import DemoWeb
from crawler.journal import changed_article_ids
from store.engine import make_engine
from store.models import Article, ArticleVersion, CrawlRun, FetchLog
from tests.crawler.conftest import ExpectedPage, expected_pages, run_crawl, start_crawl
from tests.crawler.test_extract_demo import body_similarity

FIELDS = ("title", "lead", "byline", "authors", "wire_source", "section", "captions", "media_kind")


def _engine(data_dir: Path) -> Engine:
    return make_engine(f"sqlite:///{data_dir / 'genderwatch.db'}")


def _articles(engine: Engine) -> list[Article]:
    with Session(engine) as session:
        return list(session.exec(select(Article).order_by(Article.id)))


def _key(article: Article) -> tuple[str, str]:
    return article.outlet_id, "/" + article.url.split("/", 3)[3]


def _key_of(page: ExpectedPage) -> tuple[str, str]:
    return page.outlet_id, page.url_path


def _page_of(pages: list[ExpectedPage], reference: str) -> ExpectedPage:
    outlet_id, slug = reference.split("/")
    return next(page for page in pages if page.outlet_id == outlet_id and f"/{slug}-" in page.url_path)


def assert_complete(engine: Engine, pages: list[ExpectedPage], *, links: bool = True) -> None:
    """Every expected page stored once, with every field as the corpus says.

    ``links`` also checks syndication links, which needs every outlet crawled.
    """
    articles = _articles(engine)
    stored = {_key(article): article for article in articles}
    assert len(stored) == len(articles), "an article was stored twice"
    assert set(stored) == {(page.outlet_id, page.url_path) for page in pages}
    misses: Counter[str] = Counter()
    for page in pages:
        article, want = stored[(page.outlet_id, page.url_path)], page.data
        for field in FIELDS:
            misses[field] += getattr(article, field) != want[field]
        published = datetime.fromisoformat(want["published_at"])
        misses["published_at"] += article.published_at != published
        misses["published_date"] += article.published_date != published.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
        misses["body"] += body_similarity(article.body, want["body"]) < 0.98
        if links:
            original = stored[_key_of(_page_of(pages, want["syndicated_from"]))] if want["syndicated_from"] else None
            misses["syndicated_from"] += article.syndicated_from_id != (original.id if original else None)
    assert {field: count for field, count in misses.items() if count / len(pages) > 0.02} == {}, misses
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(ArticleVersion)).one() == len(articles)


@pytest.fixture(scope="module")
def first_crawl(demo_web: DemoWeb, demo_registry: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    data = tmp_path_factory.mktemp("first-crawl")
    mark = len(demo_web.requests)
    done = run_crawl(demo_registry, data, "--all")
    return data, done, demo_web.requests[mark:]


def test_first_crawl_stores_every_article_with_all_fields(first_crawl) -> None:  # type: ignore[no-untyped-def]
    data, done, requests = first_crawl
    assert done.returncode == 0, done.stderr
    assert "finished" in done.stdout
    engine = _engine(data)
    pages = [page for page in expected_pages()]
    assert_complete(engine, pages)
    assert sum(1 for page in pages if page.data["syndicated_from"]) >= 5  # links were really checked
    with Session(engine) as session:
        runs = list(session.exec(select(CrawlRun)))
        assert {run.status for run in runs} == {"finished"} and len(runs) == 6
        first = min(run.id for run in runs)
    assert sorted(changed_article_ids(engine, first)) == [article.id for article in _articles(engine)]
    # robots.txt is read once per host, and every article page exactly once.
    robots = Counter(served.outlet_id for served in requests if served.path == "/robots.txt")
    assert set(robots.values()) == {1}
    article_paths = Counter((served.outlet_id, served.path) for served in requests
                            if (served.outlet_id, served.path) in {(p.outlet_id, p.url_path) for p in pages})
    assert set(article_paths.values()) == {1}


def test_raw_pages_are_compressed_and_content_addressed(first_crawl) -> None:  # type: ignore[no-untyped-def]
    data, _, _ = first_crawl
    for article in _articles(_engine(data))[:20]:
        stored = data / "raw" / article.raw_sha256[:2] / article.raw_sha256[2:4] / f"{article.raw_sha256}.html.gz"
        assert hashlib.sha256(gzip.decompress(stored.read_bytes())).hexdigest() == article.raw_sha256


def test_second_crawl_fetches_no_article_page_again(first_crawl, demo_web: DemoWeb, demo_registry: Path) -> None:  # type: ignore[no-untyped-def]
    data, _, _ = first_crawl
    engine = _engine(data)
    before = len(_articles(engine))
    mark = len(demo_web.requests)
    done = run_crawl(demo_registry, data, "--all")
    assert done.returncode == 0, done.stderr
    requests = demo_web.requests[mark:]
    article_paths = {(page.outlet_id, page.url_path) for page in expected_pages()}
    assert [r for r in requests if (r.outlet_id, r.path) in article_paths] == []
    documents = [r for r in requests if "rss" in r.path or "sitemap" in r.path]
    assert documents and {r.status for r in documents} == {304}  # feeds and sitemaps: conditional GET
    assert len(_articles(engine)) == before
    with Session(engine) as session:
        latest = max(session.exec(select(CrawlRun.id)))
        assert session.exec(select(FetchLog).where(FetchLog.crawl_run_id == latest, FetchLog.kind == "article")).all() == []
    assert changed_article_ids(engine, latest) == []


def test_reprocess_and_stored_page_extraction(first_crawl, demo_registry: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(first_crawl[0], data)
    env = {"GENDERWATCH_DATA_DIR": str(data)}
    engine = _engine(data)
    victim = _articles(engine)[0]
    with engine.begin() as connection:  # what an older extractor might have stored
        connection.execute(text("UPDATE article SET title = 'cũ', content_hash = 'x' WHERE id = :id"), {"id": victim.id})
    done = cli("extract", "--reprocess", "--registry", str(demo_registry), env=env)
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts == {"updated": 1, "unchanged": len(_articles(engine)) - 1}
    with Session(engine) as session:
        restored = session.get(Article, victim.id)
        assert restored.title != "cũ"
        assert session.exec(select(func.count()).where(ArticleVersion.article_id == victim.id)).one() == 1
    shown = cli("extract", "--url", victim.url, "--registry", str(demo_registry), env=env)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["title"] == restored.title


def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    pages = expected_pages()
    with DemoWeb(port=0, latency=0.04) as web:
        registry = tmp_path / "registry.yaml"
        web.write_registry(registry)
        data = tmp_path / "data"
        crawl = start_crawl(registry, data, "--all")
        engine = _engine(data)
        stored = 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and crawl.poll() is None:
            try:
                with engine.connect() as connection:
                    stored = connection.execute(text("SELECT count(*) FROM article")).scalar_one()
            except Exception:  # noqa: BLE001 - the database is not created yet
                stored = 0
            if stored >= 25:
                break
            time.sleep(0.05)
        assert crawl.poll() is None, f"crawl ended before it could be killed: {crawl.communicate()[0]}"
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait(timeout=30)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            partial = connection.execute(text("SELECT count(*) FROM article")).scalar_one()
        assert 0 < partial < len(pages)
        web.latency = 0.0  # the rerun needs no slow server
        done = run_crawl(registry, data, "--all")
        assert done.returncode == 0, done.stderr
        assert_complete(engine, pages)
        with Session(engine) as session:
            statuses = Counter(run.status for run in session.exec(select(CrawlRun)))
        assert statuses == {"interrupted": 6, "finished": 6}  # the killed runs are closed, not left running


def test_outlet_that_stopped_publishing(tmp_path: Path) -> None:
    cutoff = date(2025, 11, 1)
    corpus = read_corpus(CORPUS_DIR)["demo-laocai"]
    with DemoWeb(port=0, stops={"demo-laocai": cutoff}) as web:
        registry = tmp_path / "registry.yaml"
        web.write_registry(registry)
        done = run_crawl(registry, tmp_path / "data", "--outlet", "demo-laocai")
    assert done.returncode == 0, done.stderr
    stored = _articles(_engine(tmp_path / "data"))
    assert len(stored) == sum(1 for article in corpus.articles if article.published_at.date() < cutoff)
    assert all(article.published_date < cutoff for article in stored)


@pytest.mark.postgres
@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_crawl_into_postgresql(db_engine: Engine, demo_registry: Path, tmp_path: Path) -> None:
    url = db_engine.url.render_as_string(hide_password=False)
    pages = [page for page in expected_pages() if page.outlet_id == "demo-cantho"]
    done = run_crawl(demo_registry, tmp_path, "--outlet", "demo-cantho", database_url=url)
    assert done.returncode == 0, done.stderr
    assert_complete(db_engine, pages, links=False)
    with Session(db_engine) as session:
        assert [run.status for run in session.exec(select(CrawlRun))] == ["finished"]
        assert session.exec(select(func.count()).select_from(FetchLog).where(FetchLog.outcome == "new")).one() == len(pages)
