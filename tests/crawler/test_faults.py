"""Every fault of the issue, served by the test-only fault outlet: a recorded reason, crawl goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from crawler.demo_web.faults import FAULTS
from store.engine import make_engine
from store.models import Article, CrawlRun, FetchLog
from tests.crawler.conftest import run_crawl

# (URL fragment, kind, outcome, reason fragment)
EXPECTED_FAULTS = [
    ("/khong-ton-tai-", "article", "failed", "HTTP 404"),
    ("/loi-may-chu-", "article", "failed", "HTTP 500 (after retries: HTTP 500 (backoff"),
    ("/qua-tai-tam-thoi-", "article", "new", "HTTP 503 (Retry-After 1 s)"),
    ("/qua-cham-", "article", "failed", "timed out after 1.0 s"),
    ("/vong-lap-chuyen-huong-", "article", "failed", "redirect loop:"),
    ("/private/bai-noi-bo-", "article", "skipped", "disallowed by robots.txt"),
    ("/trang-qua-lon-", "article", "failed", "page too large, download cancelled"),
    ("/noi-dung-nhi-phan-", "article", "failed", "binary content served as text"),
    ("/ma-windows-1258-", "article", "new", None),
    ("/khong-khai-bao-ma-", "article", "new", "no charset declared; read as cp1258"),
    ("/utf8-khai-bao-sai-", "article", "new", "declared cp1258 but the bytes are UTF-8"),
    ("/1258-khai-bao-utf8-", "article", "new", "declared utf-8 does not decode the bytes; read as cp1258"),
    ("/trang-bi-cat-ngang-", "article", "new", "truncated HTML"),
    ("/mat-du-lieu-giua-chung-", "article", "new", "data loss"),
    ("/rss/home.rss", "feed", "failed", "feed is not valid XML"),
    ("/sitemap-bomb.xml.gz", "sitemap", "failed", "gzip bomb"),
    ("/sitemap-loop.xml", "sitemap", "skipped", "sitemap index loop"),
    ("/sitemap-deep-3.xml", "sitemap", "failed", "nested more than 3 deep"),
]


@pytest.fixture(scope="module")
def fault_crawl(fault_registry: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[FetchLog], list[Article], list[CrawlRun], str]:
    data = tmp_path_factory.mktemp("faults")
    done = run_crawl(fault_registry, data, "--all")
    assert done.returncode == 0, done.stderr
    engine = make_engine(f"sqlite:///{data / 'genderwatch.db'}")
    with Session(engine) as session:
        return (list(session.exec(select(FetchLog))), list(session.exec(select(Article))),
                list(session.exec(select(CrawlRun))), done.stdout)


@pytest.mark.parametrize("fragment, kind, outcome, reason", EXPECTED_FAULTS, ids=[f[0] for f in EXPECTED_FAULTS])
def test_fault_has_its_reason(fault_crawl, fragment: str, kind: str, outcome: str, reason: str | None) -> None:  # type: ignore[no-untyped-def]
    rows = [row for row in fault_crawl[0] if fragment in row.url and row.kind == kind]
    assert rows, f"no fetch-log row for {fragment}"
    assert any(row.outcome == outcome and (reason is None or reason in (row.reason or "")) for row in rows), [
        (row.outcome, row.reason) for row in rows]


def test_crawl_goes_on_and_legacy_charsets_read_correctly(fault_crawl) -> None:  # type: ignore[no-untyped-def]
    _, articles, runs, stdout = fault_crawl
    assert [run.status for run in runs] == ["finished"]
    titles = {article.title for article in articles}
    for slug in ("bai-binh-thuong-mot", "bai-binh-thuong-hai", "qua-tai-tam-thoi", "ma-windows-1258",
                 "khong-khai-bao-ma", "utf8-khai-bao-sai", "1258-khai-bao-utf8"):
        assert FAULTS[slug] in titles, slug  # NFC Vietnamese, identical to the UTF-8 original
    assert not any("/private/" in article.url for article in articles)
    assert runs[0].errors >= 6 and runs[0].stats["faults"], "faults are summarised on the crawl run"
