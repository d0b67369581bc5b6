"""The crawl entry point: a plain function the CLI and the scheduler call, one per process.

Twisted's reactor cannot be restarted, so :func:`crawl` may run once per process; the
scheduler starts ``genderwatch crawl`` in a fresh process for each run. The function syncs the
registry entries into the ``outlet`` table, opens one crawl run per outlet, crawls, and closes
the runs with their counts. :func:`crawler.journal.changed_article_ids` then gives the
articles that analysis should look at.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Optional

from scrapy.crawler import CrawlerProcess
from sqlalchemy.engine import Engine

from crawler.ingest import Ingestor
from crawler.journal import CrawlJournal, known_urls, sync_outlets
from crawler.politeness import scrapy_settings
from crawler.rawstore import RawStore
from crawler.registry import OutletConfig, load_registry
from crawler.spider import OutletSpider
from genderwatch.context import open_store
from genderwatch.settings import Settings
from store.migrate import upgrade_to_head

ProgressHook = Callable[[CrawlJournal], None]


@dataclass
class CrawlSummary:
    """What one crawl did, per outlet: its run id and outcome counts."""

    status: str
    run_ids: dict[str, int]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def total(self, key: str) -> int:
        return sum(counts.get(key, 0) for counts in self.counts.values())


def raw_store_for(settings: Settings) -> RawStore:
    return RawStore(settings.data_dir / "raw")


def prepare_store(settings: Settings) -> Engine:
    """The migrated database of these settings."""
    engine = open_store(settings)
    upgrade_to_head(engine)
    return engine


def select_outlets(settings: Settings, outlet_ids: Optional[list[str]], registry_path: Optional[Path]) -> list[OutletConfig]:
    return load_registry(registry_path or settings.registry_path).select(outlet_ids)


def crawl(
    settings: Settings,
    outlet_ids: Optional[list[str]] = None,
    since: Optional[date] = None,
    *,
    registry_path: Optional[Path] = None,
    polite: bool = True,
    on_start: Optional[ProgressHook] = None,
) -> CrawlSummary:
    """Crawl the named outlets (all active ones when ``None``) and store their new articles."""
    outlets = select_outlets(settings, outlet_ids, registry_path)
    engine = prepare_store(settings)
    sync_outlets(engine, outlets)
    journal = CrawlJournal(engine, outlets)
    ingestor = Ingestor(engine, raw_store_for(settings))
    # Scrapy sets its loggers to DEBUG while it starts; keep to the level the application chose.
    level = logging.root.level or logging.WARNING
    logging.disable(level - 1)
    try:
        process = CrawlerProcess(
            settings={**scrapy_settings(outlets, settings.user_agent, polite=polite), "LOG_INSTALL_ROOT_HANDLER": False},
        )
    finally:
        logging.disable(logging.NOTSET)
    logging.getLogger("scrapy").setLevel(level)
    crawler = process.create_crawler(OutletSpider)
    process.crawl(crawler, outlets=outlets, journal=journal, ingestor=ingestor, known=known_urls(engine, journal.outlets), since=since)
    if on_start is not None:
        on_start(journal)
    process.start()
    reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
    status = "finished" if reason == "finished" else "interrupted"
    journal.finish(status)
    return CrawlSummary(status=status, run_ids=dict(journal.run_ids),
                        counts={outlet_id: dict(counts) for outlet_id, counts in journal.counts.items()})
