"""Outlets, articles and crawl runs written straight into the store, for health and alert tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session

from store.models import Article, CrawlRun, Outlet

VN = timezone(timedelta(hours=7))


def days(first: date, last: date, step: int = 1) -> list[date]:
    """Every ``step``-th day from ``first`` to ``last`` inclusive."""
    return [first + timedelta(days=offset) for offset in range(0, (last - first).days + 1, step)]


def add_outlet(session: Session, outlet_id: str, name: str | None = None, province: str = "Lào Cai") -> None:
    session.add(Outlet(id=outlet_id, name=name or f"Báo {outlet_id}", province=province, host=f"{outlet_id}.vn"))
    session.flush()


def add_articles(session: Session, outlet_id: str, published: Iterable[date], per_day: int = 1) -> None:
    """``per_day`` articles on each day, collected an hour after publication."""
    for day in published:
        for number in range(per_day):
            moment = datetime.combine(day, time(8, number % 60), tzinfo=VN)
            session.add(Article(
                outlet_id=outlet_id, url=f"https://{outlet_id}.vn/{day.isoformat()}-{number}.html",
                title=f"Tin ngày {day:%d/%m/%Y} số {number}", body="Nội dung bài báo.", content_hash="0" * 64,
                extractor_version="test", published_at=moment, published_date=day,
                first_seen_at=moment + timedelta(hours=1)))
    session.flush()


def add_run(session: Session, outlet_id: str, status: str, started: datetime) -> None:
    """A crawl run that ended (unless still running) ten minutes after it started."""
    finished = None if status == "running" else started + timedelta(minutes=10)
    session.add(CrawlRun(outlet_id=outlet_id, status=status, started_at=started, finished_at=finished))
    session.flush()
