"""Reading discovery documents: RSS/Atom feeds (feedparser) and sitemaps (Scrapy's parser).

Both are untrusted. A feed that is not XML, a sitemap that decompresses to gigabytes, an index
that nests sitemaps without end or lists more than the protocol's 50,000 URLs: each becomes a
:class:`DiscoveryError` whose message is the reason recorded in the fetch log.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

import feedparser
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.dates import parse_date

SITEMAP_MAX_BYTES = 10 * 1024 * 1024  # decompressed; the protocol allows 50 MB, news sites need far less
SITEMAP_MAX_URLS = 50_000
_GZIP_MAGIC = b"\x1f\x8b"


class DiscoveryError(ValueError):
    """A feed or sitemap that cannot be used; the message says why."""


@dataclass(frozen=True)
class Link:
    """A URL found in a feed or sitemap, with its publication or modification time if given."""

    url: str
    modified: Optional[datetime] = None


def _feed_time(entry: feedparser.FeedParserDict) -> Optional[datetime]:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(moment), tz=timezone.utc) if moment else None


def feed_links(body: bytes, url: str) -> list[Link]:
    """The item links of an RSS or Atom feed."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.entries:
        if parsed.bozo:
            problem = str(parsed.get("bozo_exception", "unreadable")).splitlines()[0]
            raise DiscoveryError(f"feed is not valid XML ({problem})")
        if not parsed.version:
            raise DiscoveryError("not an RSS or Atom feed")
    return [Link(entry.link, _feed_time(entry)) for entry in parsed.entries if entry.get("link")]


def sitemap_links(body: bytes) -> tuple[str, list[Link]]:
    """``("urlset" | "sitemapindex", links)`` of a (possibly gzipped) sitemap, within the caps."""
    if body[:2] == _GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=SITEMAP_MAX_BYTES)
        except ValueError as error:
            if "max" in str(error).lower() or "size" in str(error).lower():
                raise DiscoveryError(
                    f"sitemap decompresses to more than {SITEMAP_MAX_BYTES // (1024 * 1024)} MiB (gzip bomb)"
                ) from None
            raise DiscoveryError(f"sitemap is not valid gzip ({error})") from None
        except (OSError, EOFError) as error:
            raise DiscoveryError(f"sitemap is not valid gzip ({error})") from None
    if len(body) > SITEMAP_MAX_BYTES:
        raise DiscoveryError(f"sitemap larger than {SITEMAP_MAX_BYTES // (1024 * 1024)} MiB")
    try:
        sitemap = Sitemap(body)
    except Exception as error:  # lxml raises several types for non-XML input
        raise DiscoveryError(f"sitemap is not XML ({type(error).__name__})") from None
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise DiscoveryError(f"not a sitemap (root element <{sitemap.type}>)")
    links: list[Link] = []
    for entry in sitemap:
        if len(links) >= SITEMAP_MAX_URLS:
            raise DiscoveryError(f"sitemap lists more than {SITEMAP_MAX_URLS} URLs")
        if entry.get("loc"):
            links.append(Link(entry["loc"].strip(), parse_date(entry.get("lastmod"))))
    return sitemap.type, links
