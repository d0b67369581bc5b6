"""One configuration-driven Scrapy spider for every outlet of the registry.

Discovery runs in the order of the design: RSS/Atom feeds first (cheap, incremental, sent with
If-None-Match/If-Modified-Since), then sitemaps (hints from the registry and every ``Sitemap:``
line of robots.txt, filtered by ``lastmod``), then category pages followed through their
pagination up to the outlet's page limit. Article URLs are those matching the outlet's
pattern; URLs already in the database are never requested again. Every fetch, good or bad,
ends in the fetch log with its reason.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time
from typing import Any, AsyncIterator, Callable, Iterator, Optional
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import url_query_cleaner

from crawler.dates import VIETNAM
from crawler.discovery import DiscoveryError, Link, feed_links, sitemap_links
from crawler.ingest import Ingestor, Page
from crawler.journal import CrawlJournal
from crawler.registry import OutletConfig

MAX_SITEMAPS_PER_OUTLET = 200
MAX_SITEMAP_DEPTH = 3
TRACKING_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gidzl", "zarsrc")
PRIORITY = {"feed": 40, "sitemap": 20, "category": 10, "article": 0}


def canonical_url(url: str) -> str:
    """The URL an article is stored under: no fragment, no tracking parameters."""
    return url_query_cleaner(url, TRACKING_PARAMETERS, remove=True, unique=False)


def describe_failure(failure: Failure, request: Request) -> tuple[Optional[int], str]:
    """HTTP status (if any) and a one-line reason for a failed request."""
    error = failure.value
    status: Optional[int] = None
    if isinstance(error, HttpError):
        status = error.response.status
        reason = f"HTTP {status}"
    elif isinstance(error, IgnoreRequest) and "robots.txt" in str(error):
        reason = "disallowed by robots.txt"
    elif isinstance(error, IgnoreRequest) and "redirect" in str(error):
        reason = "redirect loop: too many redirections"
    elif isinstance(error, DownloadTimeoutError) or "timeout" in type(error).__name__.lower():
        reason = f"timed out after {request.meta.get('download_timeout', '?')} s"
    elif isinstance(error, DownloadCancelledError):
        reason = f"page too large, download cancelled: {str(error).split(' in request')[0]}"
    else:
        reason = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else 'no detail'}"
    retries = request.meta.get("retry_reasons") or []
    if retries:
        reason += f" (after retries: {'; '.join(retries)})"
    return status, reason


class OutletSpider(Spider):
    """Crawls the given outlets; storage happens in :class:`crawler.pipeline.StorePipeline`."""

    name = "genderwatch-outlets"

    def __init__(self, outlets: list[OutletConfig], journal: CrawlJournal, ingestor: Ingestor, known: set[str],
                 since: Optional[date] = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outlets = {outlet.id: outlet for outlet in outlets}
        self.journal = journal
        self.ingestor = ingestor
        self.known = known
        self.since = datetime.combine(since, time.min, tzinfo=VIETNAM) if since else None
        self.validators = journal.validators()
        self.allowed_domains = sorted({urlsplit(f"//{host}").hostname or host
                                       for outlet in outlets for host in outlet.hosts})
        self._sitemaps_seen: set[str] = set()
        self._sitemap_count: Counter[str] = Counter()

    # -- requests ---------------------------------------------------------------------------
    def _request(self, outlet: OutletConfig, url: str, kind: str, callback: Callable[..., Any],
                 **meta: Any) -> Request:
        return Request(
            url, callback=callback, errback=self.failed, priority=PRIORITY[kind],
            meta={"outlet": outlet.id, "kind": kind, "download_timeout": outlet.timeout,
                  "max_retry_times": outlet.retries, **meta},
        )

    def _document(self, outlet: OutletConfig, url: str, kind: str, callback: Callable[..., Any],
                  **meta: Any) -> Request:
        """A feed or sitemap request, conditional on what the last complete run saw."""
        request = self._request(outlet, url, kind, callback, handle_httpstatus_list=[304], **meta)
        etag, last_modified = self.validators.get(url, (None, None))
        if etag:
            request.headers["If-None-Match"] = etag
        if last_modified:
            request.headers["If-Modified-Since"] = last_modified
        return request

    def _article(self, outlet: OutletConfig, url: str, source: str) -> Optional[Request]:
        url = canonical_url(url)
        if not outlet.is_article_url(url) or url in self.known:
            return None
        self.journal.link(source, url)
        return self._request(outlet, url, "article", self.parse_article)

    def _recent(self, link: Link) -> bool:
        return self.since is None or link.modified is None or link.modified >= self.since

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "OutletSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        return spider

    def request_dropped(self, request: Request) -> None:
        """A redirect back to a URL already requested is a loop the duplicate filter broke."""
        chain = request.meta.get("redirect_urls")
        if chain and request.meta.get("outlet") in self.outlets:
            self.journal.log(request.meta["outlet"], chain[0], request.meta["kind"], "failed", None,
                             f"redirect loop: {' -> '.join([*chain, request.url])}")

    async def start(self) -> AsyncIterator[Request]:
        for outlet in self.outlets.values():
            for path in outlet.feeds:
                yield self._document(outlet, outlet.absolute(path), "feed", self.parse_feed)
            for path in outlet.sitemaps:
                sitemap = self._sitemap(outlet, outlet.absolute(path), depth=0)
                if sitemap is not None:
                    yield sitemap
            for path in outlet.categories:
                yield self._request(outlet, outlet.absolute(path), "category", self.parse_category, page=1)

    def _sitemap(self, outlet: OutletConfig, url: str, depth: int) -> Optional[Request]:
        if url in self._sitemaps_seen:
            if depth:
                self.journal.log(outlet.id, url, "sitemap", "skipped",
                                 reason="sitemap index loop: this sitemap was already read in this run")
            return None
        self._sitemaps_seen.add(url)
        self._sitemap_count[outlet.id] += 1
        if self._sitemap_count[outlet.id] > MAX_SITEMAPS_PER_OUTLET:
            self.journal.log(outlet.id, url, "sitemap", "skipped",
                             reason=f"sitemap limit reached ({MAX_SITEMAPS_PER_OUTLET} per outlet and run)")
            return None
        return self._document(outlet, url, "sitemap", self.parse_sitemap, sitemap_depth=depth)

    # -- callbacks --------------------------------------------------------------------------
    def _outlet(self, response: Response) -> OutletConfig:
        return self.outlets[response.meta["outlet"]]

    def _not_modified(self, response: Response) -> bool:
        outlet, kind = self._outlet(response), response.meta["kind"]
        if response.status == 304:
            self.journal.log(outlet.id, response.url, kind, "not_modified", 304)
            return True
        self.journal.remember(outlet.id, response.url, _header(response, "ETag"), _header(response, "Last-Modified"))
        return False

    def _follow(self, outlet: OutletConfig, response: Response, links: list[str]) -> Iterator[Request]:
        """Article requests for the new links of a document, logging what was found."""
        requests = [request for request in (self._article(outlet, link, response.url) for link in links) if request]
        self.journal.log(outlet.id, response.url, response.meta["kind"], "parsed", response.status,
                         f"{len(links)} links, {len(requests)} new")
        yield from requests

    def parse_feed(self, response: Response) -> Iterator[Request]:
        outlet = self._outlet(response)
        if self._not_modified(response):
            return
        try:
            links = [link.url for link in feed_links(response.body, response.url) if self._recent(link)]
        except DiscoveryError as error:
            self.journal.log(outlet.id, response.url, "feed", "failed", response.status, str(error))
            return
        yield from self._follow(outlet, response, links)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        """Scrapy read a host's robots.txt (once, for robots rules): follow its Sitemap: lines.

        Reading the same parse avoids fetching robots.txt a second time ourselves.
        """
        outlet = self.outlets.get(request.meta.get("outlet", ""))
        if outlet is None:
            return
        sitemaps = list(getattr(getattr(robotparser, "rp", None), "sitemaps", []) or [])
        robots_url = outlet.absolute("/robots.txt")
        self.journal.log(outlet.id, robots_url, "robots", "parsed", None, f"{len(sitemaps)} sitemaps announced")
        for url in sitemaps:
            sitemap = self._sitemap(outlet, url, depth=0)
            if sitemap is not None:
                self.crawler.engine.crawl(sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        outlet = self._outlet(response)
        if self._not_modified(response):
            return
        try:
            kind, links = sitemap_links(response.body)
        except DiscoveryError as error:
            self.journal.log(outlet.id, response.url, "sitemap", "failed", response.status, str(error))
            return
        recent = [link.url for link in links if self._recent(link)]
        if kind == "urlset":
            yield from self._follow(outlet, response, recent)
            return
        depth = response.meta["sitemap_depth"] + 1
        if depth >= MAX_SITEMAP_DEPTH:
            self.journal.log(outlet.id, response.url, "sitemap", "failed", response.status,
                             f"sitemap indexes nested more than {MAX_SITEMAP_DEPTH} deep")
            return
        self.journal.log(outlet.id, response.url, "sitemap", "parsed", response.status,
                         f"index of {len(links)} sitemaps, {len(recent)} modified since the cut-off")
        for url in recent:
            request = self._sitemap(outlet, url, depth)
            if request is not None:
                yield request

    def parse_category(self, response: Response) -> Iterator[Request]:
        outlet = self._outlet(response)
        links = [urljoin(response.url, href) for href in response.css("a::attr(href)").getall()]
        yield from self._follow(outlet, response, [link for link in links if outlet.is_article_url(link)])
        page = response.meta["page"]
        if outlet.next_page and page < outlet.max_pages:
            following = response.css(f"{outlet.next_page}::attr(href)").get()
            if following:
                yield self._request(outlet, urljoin(response.url, following), "category", self.parse_category,
                                    page=page + 1)

    def parse_article(self, response: Response) -> Iterator[dict[str, Page]]:
        outlet = self._outlet(response)
        url = canonical_url(response.url)
        if url != response.request.url and url in self.known:
            self.journal.log(outlet.id, response.request.url, "article", "skipped", response.status,
                             f"redirected to the already stored {url}")
            return
        notes = list(response.meta.get("retry_reasons") or [])
        if "dataloss" in response.flags:
            notes.append("response cut short by the server (data loss)")
        yield {"page": Page(url=url, outlet=outlet, raw=response.body, content_type=_header(response, "Content-Type"),
                            http_status=response.status, notes=tuple(notes))}

    def failed(self, failure: Failure) -> None:
        request = failure.request
        status, reason = describe_failure(failure, request)
        outcome = "skipped" if reason == "disallowed by robots.txt" else "failed"
        self.journal.log(request.meta["outlet"], request.url, request.meta["kind"], outcome, status, reason)


def _header(response: Response, name: str) -> Optional[str]:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
