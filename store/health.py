"""Crawl health per outlet: is each outlet still being collected, at its usual pace?

The dashboard's overview and outlet registry, the scheduler's health job and
``genderwatch health`` all read it here. Every figure is a per-outlet index lookup (newest
article, counts in a date window, latest crawl runs), so the cost does not grow with the archive.

**Status.** Green, amber or red, with a one-sentence reason in Vietnamese and English:

* crawling itself: never crawled (amber), the first crawl still running (amber), the latest
  crawl failed or was interrupted (amber), no crawl finished for :data:`CRAWL_STALE_AFTER`
  (red), crawls finish but no article was ever stored (red);
* silence: no article published since day *d*. The outlet's own baseline is its articles per
  day over the :data:`BASELINE_DAYS` days up to *d*; the chance of so long a silence at that
  rate is ``exp(-rate × days)`` (Poisson), red below :data:`P_RED`, amber below :data:`P_AMBER`;
* a drop: fewer articles in the last :data:`RECENT_DAYS` days than the preceding
  :data:`BASELINE_DAYS` days make plausible, judged by the Poisson lower tail with the same
  thresholds. A Poisson test rather than "below x % of a median" because provincial outlets
  publish a few articles a day or fewer: a fixed ratio raises false alarms on quiet days of
  small outlets and reacts late for large ones.

**Which "today".** Publication days are judged against the newest publication day of any
active outlet (never later than today in Vietnam), not the calendar: an outlet that stops while
the others go on turns red, yet an archive crawled long after the fact (a backfill, the demo's
2025 corpus) is not red everywhere. A crawler that stops altogether shows up through the
crawl-run check, which uses the real clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select
from sqlmodel import Session

from store.models import Article, CrawlRun, Outlet
from store.types import utcnow

RECENT_DAYS = 7
BASELINE_DAYS = 28
P_RED = 0.001
P_AMBER = 0.01
MIN_SILENT_DAYS = 2  # a single empty day is never judged: publication days are coarse
CRAWL_STALE_AFTER = timedelta(days=1)
LEVELS = ("green", "amber", "red")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class CrawlHealth:
    """How collection of one outlet is going, and the verdict on it."""

    outlet_id: str
    last_article_at: datetime | None  # when the newest article was first collected
    last_published: date | None  # newest publication day among its articles (not in the future)
    articles_recent: int  # articles published in the RECENT_DAYS days up to the reference day
    last_run_at: datetime | None
    last_run_status: str | None  # running / finished / failed / interrupted
    status: str = "green"
    reason: dict[str, str] = field(default_factory=dict)  # language → one sentence
    baseline_per_day: float | None = None  # articles/day over the BASELINE_DAYS before the recent days
    reference_day: date | None = None

    @property
    def articles_per_day(self) -> float:
        return self.articles_recent / RECENT_DAYS


@dataclass(frozen=True)
class _Figures:
    """What the verdict is judged on, for one outlet."""

    last_article_at: datetime | None
    last_published: date | None
    last_run_at: datetime | None
    last_run_status: str | None
    last_finished_at: datetime | None
    recent: int  # articles published in the recent days
    before: int  # articles published in the BASELINE_DAYS before them
    active: int  # articles published in the BASELINE_DAYS up to last_published (when silent)


@dataclass(frozen=True)
class _Verdict:
    level: str
    vi: str
    en: str


def _number(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "vi" else text


def _when(value: datetime) -> tuple[str, str]:
    local = value.astimezone(VIETNAM)
    return f"{local:%H:%M %d/%m/%Y}", f"{local:%Y-%m-%d %H:%M}"


def _crawl_verdicts(figures: _Figures, now: datetime) -> list[_Verdict]:
    if figures.last_run_at is None:
        if figures.last_article_at is None:
            return [_Verdict("amber", "Chưa thu thập lần nào.", "Never crawled.")]
        return []  # articles loaded by other means: judge them on publication alone
    if figures.last_finished_at is None:
        if figures.last_run_status == "running":
            return [_Verdict("amber", "Đang thu thập lần đầu.", "First crawl in progress.")]
        return [_Verdict("red", "Chưa có lần thu thập nào hoàn tất.", "No crawl has ever finished.")]
    verdicts = []
    if now - figures.last_finished_at > CRAWL_STALE_AFTER:
        vi, en = _when(figures.last_finished_at)
        verdicts.append(_Verdict("red", f"Không thu thập thành công từ {vi}.", f"No successful crawl since {en}."))
    if figures.last_run_status in ("failed", "interrupted"):
        vi, en = _when(figures.last_run_at)
        status_vi = "bị lỗi" if figures.last_run_status == "failed" else "bị gián đoạn"
        verdicts.append(_Verdict("amber", f"Lần thu thập gần nhất ({vi}) {status_vi}.",
                                 f"The latest crawl ({en}) {figures.last_run_status}."))
    if figures.last_article_at is None:
        verdicts.append(_Verdict("red", "Đã thu thập nhưng chưa lấy được bài nào.",
                                 "Crawled, but no article has been stored."))
    return verdicts


def _level(probability: float) -> str | None:
    if probability < P_RED:
        return "red"
    return "amber" if probability < P_AMBER else None


def _publication_verdicts(figures: _Figures, reference: date) -> list[_Verdict]:
    if figures.last_published is None:
        return []
    silent_days = (reference - figures.last_published).days
    active_rate = figures.active / BASELINE_DAYS
    if silent_days >= MIN_SILENT_DAYS:
        level = _level(math.exp(-active_rate * silent_days))
        if level:
            last = figures.last_published
            return [_Verdict(
                level,
                f"Không có bài mới từ {last:%d/%m/%Y} ({silent_days} ngày; thường lệ "
                f"{_number(active_rate, 'vi')} bài/ngày).",
                f"No new article since {last.isoformat()} ({silent_days} days; usually "
                f"{_number(active_rate, 'en')} articles/day).")]
    from scipy.stats import poisson  # imported here: scipy.stats costs ~0.8 s at CLI start-up

    expected = figures.before / BASELINE_DAYS * RECENT_DAYS
    level = _level(float(poisson.cdf(figures.recent, expected))) if expected > 0 else None
    if level:
        return [_Verdict(
            level,
            f"Số bài giảm mạnh: {figures.recent} bài trong {RECENT_DAYS} ngày qua, thường lệ khoảng "
            f"{expected:.0f}.",
            f"Sharp drop: {figures.recent} articles in the last {RECENT_DAYS} days, usually about "
            f"{expected:.0f}.")]
    return []


def _verdict(figures: _Figures, reference: date, now: datetime) -> _Verdict:
    """The worst finding about one outlet, or green with its pace."""
    verdicts = _crawl_verdicts(figures, now) + _publication_verdicts(figures, reference)
    if verdicts:
        return max(verdicts, key=lambda verdict: LEVELS.index(verdict.level))
    recent = figures.recent / RECENT_DAYS
    usual = figures.before / BASELINE_DAYS
    return _Verdict(
        "green",
        f"Bình thường: {_number(recent, 'vi')} bài/ngày trong {RECENT_DAYS} ngày qua (thường lệ "
        f"{_number(usual, 'vi')}).",
        f"Normal: {_number(recent, 'en')} articles/day over the last {RECENT_DAYS} days (usually "
        f"{_number(usual, 'en')}).")


def reference_day(session: Session, today: date) -> date:
    """The newest publication day of any active outlet, never after ``today``."""
    outlet, article = Outlet.__table__, Article.__table__  # type: ignore[attr-defined]
    newest = (select(func.max(article.c.published_date))
              .where(article.c.outlet_id == outlet.c.id, article.c.published_date <= today)
              .correlate(outlet).scalar_subquery())
    found = session.execute(select(func.max(newest)).where(outlet.c.active.is_(True))).scalar()
    return found or today


def _per_outlet(session: Session, outlet_ids: list[str], today: date) -> dict[str, tuple]:
    """outlet id → (last article, last published, last run at, its status, last finished run)."""
    outlet, article, run = Outlet.__table__, Article.__table__, CrawlRun.__table__  # type: ignore[attr-defined]
    same_outlet = article.c.outlet_id == outlet.c.id

    def latest_run(column, *conditions):
        return (select(column).where(run.c.outlet_id == outlet.c.id, *conditions)
                .order_by(run.c.started_at.desc(), run.c.id.desc()).limit(1).correlate(outlet).scalar_subquery())

    statement = select(
        outlet.c.id,
        select(func.max(article.c.first_seen_at)).where(same_outlet).scalar_subquery(),
        select(func.max(article.c.published_date)).where(same_outlet, article.c.published_date <= today)
        .scalar_subquery(),
        latest_run(run.c.started_at), latest_run(run.c.status),
        latest_run(run.c.finished_at, run.c.status == "finished"),
    ).where(outlet.c.id.in_(outlet_ids))
    return {row[0]: tuple(row[1:]) for row in session.execute(statement)}


def _window_counts(session: Session, outlet_ids: list[str], reference: date) -> dict[str, tuple[int, int]]:
    """outlet id → (articles in the recent days, articles in the baseline days before them)."""
    article = Article.__table__  # type: ignore[attr-defined]
    recent_start = reference - timedelta(days=RECENT_DAYS - 1)
    start = recent_start - timedelta(days=BASELINE_DAYS)
    is_recent = case((article.c.published_date >= recent_start, 1), else_=0)
    statement = (
        select(article.c.outlet_id, func.sum(is_recent), func.count())
        .where(article.c.outlet_id.in_(outlet_ids), article.c.published_date.between(start, reference))
        .group_by(article.c.outlet_id)
    )
    return {outlet_id: (int(recent), int(total) - int(recent)) for outlet_id, recent, total in session.execute(statement)}


def _active_count(session: Session, outlet_id: str, last_published: date) -> int:
    """Articles of the outlet published in the baseline days up to its last publication day."""
    article = Article.__table__  # type: ignore[attr-defined]
    start = last_published - timedelta(days=BASELINE_DAYS - 1)
    return int(session.execute(select(func.count()).where(and_(
        article.c.outlet_id == outlet_id, article.c.published_date.between(start, last_published)))).scalar() or 0)


def crawl_health(session: Session, outlet_ids: Sequence[str], now: datetime | None = None) -> dict[str, CrawlHealth]:
    """outlet id → its crawl health and verdict, for the given outlets."""
    if not outlet_ids:
        return {}
    now = now or utcnow()
    today = now.astimezone(VIETNAM).date()
    reference = reference_day(session, today)
    ids = list(outlet_ids)
    windows = _window_counts(session, ids, reference)
    health = {}
    for outlet_id, (last_seen, last_published, run_at, run_status, finished_at) in _per_outlet(session, ids, today).items():
        recent, before = windows.get(outlet_id, (0, 0))
        silent = last_published is not None and (reference - last_published).days >= MIN_SILENT_DAYS
        active = _active_count(session, outlet_id, last_published) if silent else 0
        figures = _Figures(last_seen, last_published, run_at, run_status, finished_at, recent, before, active)
        verdict = _verdict(figures, reference, now)
        health[outlet_id] = CrawlHealth(
            outlet_id, last_seen, last_published, recent, run_at, run_status, status=verdict.level,
            reason={"vi": verdict.vi, "en": verdict.en}, baseline_per_day=before / BASELINE_DAYS,
            reference_day=reference)
    return health
