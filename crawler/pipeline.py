"""The item pipeline that hands each fetched article page to the :class:`~crawler.ingest.Ingestor`."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.ingest import Ingestor, Page


class StorePipeline:
    """Stores pages transactionally and counts the outcomes in the crawl journal."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        page: Page = item["page"]
        spider = self.crawler.spider
        ingestor: Ingestor = spider.ingestor  # type: ignore[union-attr]
        stored = ingestor.store(page, spider.journal.run_ids[page.outlet.id])  # type: ignore[union-attr]
        spider.journal.count(page.outlet.id, "article", stored.outcome)  # type: ignore[union-attr]
        if stored.outcome != "failed":
            spider.known.add(page.url)  # type: ignore[union-attr]
        return {"url": page.url, "outcome": stored.outcome, "article_id": stored.article_id}
