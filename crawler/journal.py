"""The database side of a crawl: runs, the fetch log, known URLs and conditional-GET state.

Everything the crawler must remember between runs lives in the database, never only in
Scrapy's memory: which URLs are already stored (so a rerun fetches only what is missing), the
ETag/Last-Modified of feeds and sitemaps, and why each fetch failed. Validators are written
only when a run finishes and only for documents whose every new link was stored, so a killed
run never leaves a feed marked "unchanged" with articles still unfetched.
"""

from __future__ import annotations

import os
import socket
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from crawler.registry import OutletConfig
from store.engine import session_scope
from store.models import Article, ConditionalGet, CrawlRun, FetchLog, Outlet, RawPage
from store.types import utcnow



def sync_outlets(engine: Engine, outlets: Iterable[OutletConfig]) -> None:
    """Create or update the ``outlet`` rows of the registry entries (id = registry slug)."""
    with session_scope(engine) as session:
        for outlet in outlets:
            row = session.get(Outlet, outlet.id) or Outlet(id=outlet.id, name="", province="", host="")
            row.name, row.province, row.host = outlet.name, outlet.province, outlet.host
            row.aliases = [source.host for source in outlet.legacy]
            row.cms_family, row.active = outlet.family, outlet.active
            session.add(row)


def known_urls(engine: Engine, outlet_ids: Iterable[str]) -> set[str]:
    """URLs already stored as articles, or stored and found not to be articles."""
    ids = list(outlet_ids)
    with Session(engine) as session:
        articles = session.exec(select(Article.url).where(Article.outlet_id.in_(ids)))  # type: ignore[attr-defined]
        pages = session.exec(select(RawPage.url).where(RawPage.outlet_id.in_(ids)))  # type: ignore[attr-defined]
        return set(articles) | set(pages)


def changed_article_ids(engine: Engine, crawl_run_id: int) -> list[int]:
    """Articles created or changed since crawl run ``crawl_run_id`` started (for analysis)."""
    with Session(engine) as session:
        run = session.get(CrawlRun, crawl_run_id)
        if run is None:
            return []
        query = select(Article.id).where(Article.updated_at >= run.started_at).order_by(Article.id)
        return list(session.exec(query))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_abandoned_runs(engine: Engine) -> int:
    """Mark runs left 'running' by a crawl process that no longer exists as 'interrupted'."""
    host = socket.gethostname()
    closed = 0
    with session_scope(engine) as session:
        for run in session.exec(select(CrawlRun).where(CrawlRun.status == "running")):
            if run.stats.get("host") == host and not _alive(int(run.stats.get("pid", 0))):
                run.status, run.finished_at = "interrupted", utcnow()
                session.add(run)
                closed += 1
    return closed


@dataclass
class _Pending:
    """Validators of one feed or sitemap, saved only if all its new links got stored."""

    outlet_id: str
    etag: Optional[str]
    last_modified: Optional[str]
    links: set[str] = field(default_factory=set)


class CrawlJournal:
    """One crawl's runs (one per outlet), fetch log, counters and conditional-GET state."""

    def __init__(self, engine: Engine, outlets: list[OutletConfig]) -> None:
        self.engine = engine
        self.outlets = {outlet.id: outlet for outlet in outlets}
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self._pending: dict[str, _Pending] = {}
        self._failed_links: set[str] = set()
        close_abandoned_runs(engine)
        stats = {"pid": os.getpid(), "host": socket.gethostname()}
        with session_scope(engine) as session:
            runs = [CrawlRun(outlet_id=outlet.id, stats=dict(stats)) for outlet in outlets]
            session.add_all(runs)
            session.flush()
            self.run_ids = {run.outlet_id: run.id for run in runs}

    # -- fetch log ------------------------------------------------------------------------
    def log(self, outlet_id: str, url: str, kind: str, outcome: str, http_status: Optional[int] = None,
            reason: Optional[str] = None) -> None:
        """Record one fetch that did not store an article (feeds, sitemaps, lists, faults)."""
        with session_scope(self.engine) as session:
            session.add(FetchLog(crawl_run_id=self.run_ids[outlet_id], outlet_id=outlet_id, url=url, kind=kind,
                                 outcome=outcome, http_status=http_status, reason=reason))
        self.count(outlet_id, kind, outcome)
        if kind == "article" and outcome == "failed":
            self._failed_links.add(url)

    def count(self, outlet_id: str, kind: str, outcome: str) -> None:
        self.counts[outlet_id][f"{kind}:{outcome}"] += 1
        self.counts[outlet_id]["fetched"] += 1

    # -- conditional GET --------------------------------------------------------------------
    def validators(self) -> dict[str, tuple[Optional[str], Optional[str]]]:
        """ETag and Last-Modified of every feed and sitemap of these outlets."""
        with Session(self.engine) as session:
            rows = session.exec(select(ConditionalGet).where(
                ConditionalGet.outlet_id.in_(list(self.outlets))))  # type: ignore[attr-defined]
            return {row.url: (row.etag, row.last_modified) for row in rows}

    def remember(self, outlet_id: str, url: str, etag: Optional[str], last_modified: Optional[str]) -> None:
        """Keep a document's validators until the run ends."""
        if etag or last_modified:
            self._pending[url] = _Pending(outlet_id, etag, last_modified)

    def link(self, document_url: str, article_url: str) -> None:
        """Note that ``article_url`` was newly found in ``document_url`` and is being fetched."""
        pending = self._pending.get(document_url)
        if pending is not None:
            pending.links.add(article_url)

    def _save_validators(self, stored: set[str]) -> None:
        with session_scope(self.engine) as session:
            for url, pending in self._pending.items():
                if pending.links - stored:
                    continue
                row = session.get(ConditionalGet, url) or ConditionalGet(url=url, outlet_id=pending.outlet_id)
                row.etag, row.last_modified, row.checked_at = pending.etag, pending.last_modified, utcnow()
                session.add(row)

    # -- end of run -------------------------------------------------------------------------
    def finish(self, status: str) -> None:
        """Close the runs with their counts; save validators only after a complete run."""
        stored = known_urls(self.engine, self.outlets) - self._failed_links
        if status == "finished":
            self._save_validators(stored)
        with session_scope(self.engine) as session:
            for outlet_id, run_id in self.run_ids.items():
                run = session.get(CrawlRun, run_id)
                assert run is not None
                outcomes = dict(session.exec(
                    select(FetchLog.outcome, func.count()).where(FetchLog.crawl_run_id == run_id)
                    .group_by(FetchLog.outcome)).all())
                reasons = session.exec(
                    select(FetchLog.kind, FetchLog.url, FetchLog.reason).where(
                        FetchLog.crawl_run_id == run_id, FetchLog.outcome.in_(("failed", "skipped")))  # type: ignore[attr-defined]
                    .order_by(FetchLog.id).limit(50)).all()
                run.pages_fetched = sum(outcomes.values())
                run.articles_new = outcomes.get("new", 0)
                run.articles_updated = outcomes.get("updated", 0)
                run.errors = outcomes.get("failed", 0)
                run.stats = {**run.stats, "outcomes": outcomes,
                             "faults": [{"kind": k, "url": u, "reason": r} for k, u, r in reasons]}
                run.status, run.finished_at = status, utcnow()
                session.add(run)
