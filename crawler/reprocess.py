"""``genderwatch extract --reprocess``: extraction again over the stored raw pages.

New selectors or a better extractor reach every stored article without a single request to
the outlets: the latest raw page of each URL is read back from the raw store and goes through
the same :class:`~crawler.ingest.Ingestor` as a fresh fetch. Articles whose text changes get a
new version; pages once judged "not an article" are looked at again.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Optional

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from crawler.ingest import Ingestor, Page
from crawler.rawstore import RawStore
from crawler.registry import Registry
from store.models import RawPage


def _latest_pages(engine: Engine, outlet_ids: Optional[list[str]]) -> Iterator[RawPage]:
    with Session(engine) as session:
        newest = select(func.max(RawPage.id)).group_by(RawPage.url)
        query = select(RawPage).where(RawPage.id.in_(newest)).order_by(RawPage.id)  # type: ignore[attr-defined]
        if outlet_ids:
            query = query.where(RawPage.outlet_id.in_(outlet_ids))  # type: ignore[attr-defined]
        yield from session.exec(query).all()


def reprocess(engine: Engine, raw_store: RawStore, registry: Registry,
              outlet_ids: Optional[list[str]] = None) -> Counter[str]:
    """Re-extract stored pages; counts of outcomes ('new', 'updated', 'unchanged', ...)."""
    ingestor = Ingestor(engine, raw_store)
    outcomes: Counter[str] = Counter()
    for row in _latest_pages(engine, outlet_ids):
        outlet = registry.outlets.get(row.outlet_id) or registry.for_url(row.url)
        if outlet is None:
            outcomes["no registry entry"] += 1
            continue
        page = Page(url=row.url, outlet=outlet, raw=raw_store.get(row.sha256), content_type=row.content_type)
        outcomes[ingestor.store(page, crawl_run_id=None).outcome] += 1
    return outcomes
