"""Storing one fetched page: raw bytes, extraction, article and version, in one transaction.

The order makes a crawl killed at any instant safe to rerun: the raw bytes are written first
(content-addressed, atomic rename), then a single database transaction records the raw page,
the article, its version, its fingerprint, syndication links and the fetch-log row. Either all
of that is committed or none of it is, so a rerun finds the URL unknown and fetches it again;
the unique URL constraint means it can never be stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from crawler.dates import VIETNAM
from crawler.decode import NotText
from crawler.dedup import NUM_PERM, SyndicationIndex, link_copies, signature, to_bytes
from crawler.extract import EXTRACTOR_VERSION, Extraction, extract_page
from crawler.rawstore import RawStore
from crawler.registry import OutletConfig
from store.engine import session_scope
from store.models import Article, ArticleFingerprint, ArticleVersion, FetchLog, RawPage
from store.types import utcnow


@dataclass(frozen=True)
class Page:
    """A page as fetched: where it came from and its bytes."""

    url: str
    outlet: OutletConfig
    raw: bytes
    content_type: Optional[str] = None
    http_status: Optional[int] = 200
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stored:
    """What storing a page did: fetch-log outcome, the article (if any) and why."""

    outcome: str
    article_id: Optional[int] = None
    reason: Optional[str] = None


def _apply(article: Article, extraction: Extraction, sha256: str) -> None:
    article.title = extraction.title
    article.lead = extraction.lead
    article.body = extraction.body
    article.authors = extraction.authors
    article.byline = extraction.byline
    article.wire_source = extraction.wire_source
    article.published_at = extraction.published_at
    article.published_date = extraction.published_at.astimezone(VIETNAM).date() if extraction.published_at else None
    article.section = extraction.section
    article.captions = extraction.captions
    article.media_kind = extraction.media_kind
    article.content_hash = extraction.content_hash
    article.raw_sha256 = sha256
    article.extractor_version = EXTRACTOR_VERSION
    article.updated_at = utcnow()


def _version(article: Article, extraction: Extraction, sha256: str) -> ArticleVersion:
    return ArticleVersion(
        article_id=article.id, content_hash=extraction.content_hash, title=extraction.title,
        lead=extraction.lead, body=extraction.body, raw_sha256=sha256, extractor_version=EXTRACTOR_VERSION,
    )


class Ingestor:
    """Stores pages of one crawl (or one re-extraction) and keeps the syndication index current."""

    def __init__(self, engine: Engine, raw_store: RawStore, index: Optional[SyndicationIndex] = None) -> None:
        self.engine = engine
        self.raw_store = raw_store
        if index is None:
            with Session(engine) as session:
                index = SyndicationIndex.load(session)
        self.index = index

    def store(self, page: Page, crawl_run_id: Optional[int]) -> Stored:
        """Store ``page``; ``crawl_run_id`` None means re-extraction (no fetch-log row)."""
        sha256 = self.raw_store.put(page.raw)
        try:
            extraction = extract_page(page.raw, page.url, page.outlet, page.content_type)
        except NotText as error:
            return self._record(page, sha256, "not_article", Stored("failed", reason=str(error)), crawl_run_id)
        notes = list(page.notes) + extraction.notes
        if not extraction.is_article:
            missing = "title" if not extraction.title else "body"
            reason = "; ".join([f"not an article: no {missing} found", *notes])
            return self._record(page, sha256, "not_article", Stored("skipped", reason=reason), crawl_run_id)
        try:
            return self._store_article(page, sha256, extraction, notes, crawl_run_id)
        except IntegrityError:
            # Another crawl process stored the same URL between our check and our insert.
            return self._store_article(page, sha256, extraction, notes, crawl_run_id)

    def _record(self, page: Page, sha256: str, state: str, result: Stored, crawl_run_id: Optional[int]) -> Stored:
        with session_scope(self.engine) as session:
            self._raw_page(session, page, sha256, state)
            self._log(session, page, result, crawl_run_id)
        return result

    def _raw_page(self, session: Session, page: Page, sha256: str, state: str) -> None:
        row = session.exec(select(RawPage).where(RawPage.url == page.url, RawPage.sha256 == sha256)).first()
        if row is None:
            row = RawPage(outlet_id=page.outlet.id, url=page.url, sha256=sha256, content_type=page.content_type,
                          size=len(page.raw), state=state)
        row.state = state
        session.add(row)

    def _log(self, session: Session, page: Page, result: Stored, crawl_run_id: Optional[int]) -> None:
        if crawl_run_id is None:
            return
        session.add(FetchLog(crawl_run_id=crawl_run_id, outlet_id=page.outlet.id, url=page.url, kind="article",
                             outcome=result.outcome, http_status=page.http_status, reason=result.reason,
                             article_id=result.article_id))

    def _store_article(self, page: Page, sha256: str, extraction: Extraction, notes: list[str],
                       crawl_run_id: Optional[int]) -> Stored:
        reason = "; ".join(notes) or None
        minhash = signature(extraction.body)
        with session_scope(self.engine) as session:
            self._raw_page(session, page, sha256, "article")
            article = session.exec(select(Article).where(Article.url == page.url)).first()
            if article is None:
                article = Article(outlet_id=page.outlet.id, url=page.url, title="", body="", content_hash="",
                                  extractor_version=EXTRACTOR_VERSION)
                _apply(article, extraction, sha256)
                session.add(article)
                session.flush()
                session.add(_version(article, extraction, sha256))
                if minhash is not None:
                    session.add(ArticleFingerprint(article_id=article.id, num_perm=NUM_PERM, signature=to_bytes(minhash)))
                    link_copies(session, article, self.index.copies(page.outlet.id, minhash))
                result = Stored("new", article.id, reason)
            elif article.content_hash != extraction.content_hash:
                _apply(article, extraction, sha256)
                session.add(article)
                known = session.exec(select(ArticleVersion).where(
                    ArticleVersion.article_id == article.id,
                    ArticleVersion.content_hash == extraction.content_hash)).first()
                if known is None:
                    session.add(_version(article, extraction, sha256))
                if minhash is not None:
                    session.merge(ArticleFingerprint(article_id=article.id, num_perm=NUM_PERM, signature=to_bytes(minhash)))
                result = Stored("updated", article.id, reason)
            else:
                result = Stored("unchanged", article.id, reason)
            self._log(session, page, result, crawl_run_id)
            moment = article.published_at or article.first_seen_at
            article_id = article.id
        if minhash is not None and article_id is not None:
            self.index.add(article_id, page.outlet.id, moment, minhash)
        return result
