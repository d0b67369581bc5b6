"""Memoised page figures, keyed by a data version so a cached figure is never stale.

The overview and outlet pages aggregate over many rows but change only when indicator values
are recomputed, analyses are stored, reviews are decided or articles arrive. Each of those
writes rows with new primary keys (recompute replaces its rows), so the largest id of those
four tables is a version that four index lookups read; figures are reused while it holds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlmodel import Session

from store.models import Analysis, Article, IndicatorValue, Review

T = TypeVar("T")


def data_version(session: Session) -> tuple[Any, ...]:
    """Largest ids of the tables the figures read from (changes with every relevant write)."""
    return session.execute(select(*(
        select(func.max(table.id)).scalar_subquery()  # type: ignore[attr-defined]
        for table in (IndicatorValue, Analysis, Review, Article)
    ))).one()


class FigureCache:
    """A small thread-safe LRU of computed figures."""

    def __init__(self, size: int = 256) -> None:
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


class RequestMemo:
    """One request's view of the cache: every key is qualified by the version read once."""

    def __init__(self, cache: FigureCache, session: Session) -> None:
        self._cache = cache
        self.version = data_version(session)

    def get(self, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        return self._cache.get((*key, self.version), compute)
