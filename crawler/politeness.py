"""Scrapy settings for a crawl: polite by default (research §5).

robots.txt is obeyed, every host gets its own download slot with the outlet's delay and at
most two requests in flight, AutoThrottle slows down for slow servers, the User-Agent says who
we are, and timeouts, retries with backoff, redirect limits and size caps bound every fetch.
``polite=False`` exists only for benchmarks against the local demo server: it removes delays
and throttling (robots.txt is still obeyed).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from crawler.registry import OutletConfig

MAX_PAGE_BYTES = 8 * 1024 * 1024
WARN_PAGE_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_AFTER_MAX = 60.0
BENCHMARK_CONCURRENCY = 8


def _hostname(outlet: OutletConfig) -> str:
    return urlsplit(outlet.origin).hostname or outlet.host


def scrapy_settings(outlets: list[OutletConfig], user_agent: str, *, polite: bool = True) -> dict[str, Any]:
    """The settings dict for :class:`scrapy.crawler.CrawlerProcess`."""
    delays = [outlet.delay for outlet in outlets] or [2.0]
    slots = {
        _hostname(outlet): (
            {"concurrency": outlet.concurrency, "delay": outlet.delay, "jitter": 0.5}
            if polite else {"concurrency": BENCHMARK_CONCURRENCY, "delay": 0.0}
        )
        for outlet in outlets
    }
    return {
        "BOT_NAME": "genderwatch",
        "USER_AGENT": user_agent,
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16 if polite else 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": max(slot["concurrency"] for slot in slots.values()) if slots else 1,
        "DOWNLOAD_SLOTS": slots,
        "DOWNLOAD_DELAY": min(delays) if polite else 0.0,
        "DOWNLOAD_DELAY_JITTER": 0.5 if polite else 0.0,
        "AUTOTHROTTLE_ENABLED": polite,
        "AUTOTHROTTLE_START_DELAY": max(delays),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": max(outlet.timeout for outlet in outlets) if outlets else 30,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RETRY_AFTER_MAX": RETRY_AFTER_MAX,
        "RETRY_BACKOFF_BASE": 1.0 if polite else 0.05,
        "REDIRECT_MAX_TIMES": MAX_REDIRECTS,
        "DOWNLOAD_MAXSIZE": MAX_PAGE_BYTES,
        "DOWNLOAD_WARNSIZE": WARN_PAGE_BYTES,
        "DOWNLOAD_FAIL_ON_DATALOSS": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "LOGSTATS_INTERVAL": 0,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.retry.PoliteRetryMiddleware": 550,
        },
        "ITEM_PIPELINES": {"crawler.pipeline.StorePipeline": 300},
    }
