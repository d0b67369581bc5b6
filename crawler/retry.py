"""Retries that respect the server: Retry-After on 429/503, exponential backoff otherwise.

Scrapy's RetryMiddleware retries at once. This subclass waits before handing the retry back:
the Retry-After delay when the server names one (capped: a server asking for an hour is left
for the next run, with the reason logged), else ``BACKOFF_BASE * 2**attempt`` seconds. While
it waits the request still holds its download slot, so the whole host pauses, which is what
Retry-After asks for. Every retry reason is kept on the request for the fetch log.
"""

from __future__ import annotations

import random
from email.utils import parsedate_to_datetime
from typing import Optional

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from store.types import utcnow

RETRY_AFTER_CODES = (429, 503)


def retry_after_seconds(value: Optional[bytes]) -> Optional[float]:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, (parsedate_to_datetime(text) - utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor  # the reactor Scrapy installed, never a default one

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class PoliteRetryMiddleware(RetryMiddleware):
    """RetryMiddleware with Retry-After and exponential backoff (settings RETRY_AFTER_MAX, RETRY_BACKOFF_BASE)."""

    def __init__(self, settings) -> None:  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 60.0)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)

    def _note(self, request: Request, reason: str) -> None:
        request.meta.setdefault("retry_reasons", []).append(reason)

    def _backoff(self, request: Request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return self.backoff_base * (2 ** attempt) * random.uniform(0.8, 1.2)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After")) if response.status in RETRY_AFTER_CODES else None
        if wait is not None and wait > self.max_wait:
            self._note(request, f"HTTP {response.status} with Retry-After {wait:.0f} s (over the {self.max_wait:.0f} s cap: left for the next run)")
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        delay = wait if wait is not None else self._backoff(request)
        label = f"Retry-After {wait:.0f} s" if wait is not None else f"backoff {delay:.1f} s"
        self._note(retry, f"HTTP {response.status} ({label})")
        await _sleep(delay)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Optional[Request]:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        delay = self._backoff(request)
        self._note(retry, f"{type(exception).__name__} (backoff {delay:.1f} s)")
        await _sleep(delay)
        return retry
