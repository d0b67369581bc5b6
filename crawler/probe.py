"""``genderwatch outlets check --probe``: is each outlet where the registry says it is?

Two polite requests per outlet, one after the other, with the crawler's User-Agent: its
robots.txt (reachable? which ``Sitemap:`` lines? is the home page allowed?) and, if allowed,
its home page (status, final URL after redirects, feeds it advertises with
``<link rel="alternate">``). Outlets are probed concurrently, never one host twice at once.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urljoin

import httpx
from parsel import Selector
from protego import Protego

from crawler.registry import OutletConfig

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


@dataclass
class ProbeResult:
    """What one outlet answered."""

    outlet_id: str
    robots_status: Optional[int] = None
    home_status: Optional[int] = None
    final_url: Optional[str] = None
    home_allowed: Optional[bool] = None
    sitemaps: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    error: Optional[str] = None

    @property
    def reachable(self) -> bool:
        return self.home_status is not None and self.home_status < 400


def _error(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else 'no detail'}"


async def _probe(client: httpx.AsyncClient, outlet: OutletConfig, user_agent: str) -> ProbeResult:
    result = ProbeResult(outlet.id)
    home = outlet.absolute("/")
    try:
        robots = await client.get(outlet.absolute("/robots.txt"))
        result.robots_status = robots.status_code
        rules = Protego.parse(robots.text if robots.status_code == 200 else "")
        result.sitemaps = list(rules.sitemaps)
        result.home_allowed = rules.can_fetch(home, user_agent)
        if not result.home_allowed:
            return result
        page = await client.get(home)
        result.home_status, result.final_url = page.status_code, str(page.url)
        links = Selector(text=page.text).css("link[rel=alternate]")
        result.feeds = [urljoin(str(page.url), link.attrib["href"]) for link in links
                        if link.attrib.get("type", "").split(";")[0] in FEED_TYPES and link.attrib.get("href")]
    except httpx.HTTPError as error:
        result.error = _error(error)
    return result


async def _probe_all(outlets: list[OutletConfig], user_agent: str, timeout: float, parallel: int) -> list[ProbeResult]:
    limit = asyncio.Semaphore(parallel)
    options = {"headers": {"User-Agent": user_agent}, "timeout": timeout, "follow_redirects": True}
    async with httpx.AsyncClient(**options) as verified, httpx.AsyncClient(verify=False, **options) as unverified:
        async def one(outlet: OutletConfig) -> ProbeResult:
            async with limit:
                return await _probe(unverified if outlet.quirks.insecure_tls else verified, outlet, user_agent)

        return list(await asyncio.gather(*(one(outlet) for outlet in outlets)))


def probe_outlets(outlets: list[OutletConfig], user_agent: str, *, timeout: float = 15.0,
                  parallel: int = 8) -> list[ProbeResult]:
    """Probe every outlet (robots.txt, then the home page), in registry order."""
    return asyncio.run(_probe_all(outlets, user_agent, timeout, parallel))
