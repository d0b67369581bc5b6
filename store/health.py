"""Crawl health per outlet: is each outlet still being collected, and how fast?

One function computes it for the dashboard's overview and outlet registry. Issue 8 extends it
with a baseline per outlet, a green/amber/red status and alerts; the figures here are the
ones that status is judged on. Every figure is a per-outlet index lookup (newest article,
arrivals in a window, latest crawl run), so the cost does not grow with the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from store.models import Article, CrawlRun, Outlet
from store.types import utcnow

RECENT_DAYS = 7


@dataclass(frozen=True)
class CrawlHealth:
    """How collection of one outlet is going."""

    outlet_id: str
    last_article_at: datetime | None  # when the newest article was first collected
    last_published: date | None  # newest publication day among its articles
    articles_recent: int  # articles first collected in the last RECENT_DAYS days
    last_run_at: datetime | None
    last_run_status: str | None  # running / finished / failed / interrupted

    @property
    def articles_per_day(self) -> float:
        return self.articles_recent / RECENT_DAYS


def crawl_health(session: Session, outlet_ids: Sequence[str], now: datetime | None = None) -> dict[str, CrawlHealth]:
    """outlet id → its crawl health, for the given outlets."""
    if not outlet_ids:
        return {}
    now = now or utcnow()
    outlet, article, run = Outlet.__table__, Article.__table__, CrawlRun.__table__
    same_outlet = article.c.outlet_id == outlet.c.id

    def latest_run(column):
        return (select(column).where(run.c.outlet_id == outlet.c.id)
                .order_by(run.c.started_at.desc(), run.c.id.desc()).limit(1).correlate(outlet).scalar_subquery())

    statement = (
        select(
            outlet.c.id,
            select(func.max(article.c.first_seen_at)).where(same_outlet).scalar_subquery(),
            select(func.max(article.c.published_date)).where(same_outlet).scalar_subquery(),
            select(func.count()).where(same_outlet, article.c.first_seen_at >= now - timedelta(days=RECENT_DAYS))
            .scalar_subquery(),
            latest_run(run.c.started_at), latest_run(run.c.status),
        )
        .where(outlet.c.id.in_(list(outlet_ids)))
    )
    health = {}
    for outlet_id, last_seen, last_published, recent, run_at, run_status in session.execute(statement):
        health[outlet_id] = CrawlHealth(outlet_id, last_seen, last_published, int(recent), run_at, run_status)
    return health
