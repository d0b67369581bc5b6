"""What the scheduled jobs still have to do, read from the stored data itself.

Jobs find their work here instead of remembering it, so a run that was killed, skipped or
coalesced leaves nothing behind: the next run finds the same backlog and finishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, func, select
from sqlmodel import Session

from store.indicators.periods import Period
from store.models import Analysis, Article, IndicatorValue, Outlet

REPORTED_KINDS = ("month", "quarter", "action_month")


def unanalysed_article_ids(session: Session, analyser_version: str, limit: int) -> list[int]:
    """Articles this analyser version has not analysed yet, oldest first."""
    article, analysis = Article.__table__, Analysis.__table__  # type: ignore[attr-defined]
    done = exists().where(analysis.c.article_id == article.c.id, analysis.c.analyser_version == analyser_version)
    statement = select(article.c.id).where(~done).order_by(article.c.id).limit(limit)
    return list(session.execute(statement).scalars())


def count_unanalysed(session: Session, analyser_version: str) -> int:
    article, analysis = Article.__table__, Analysis.__table__  # type: ignore[attr-defined]
    done = exists().where(analysis.c.article_id == article.c.id, analysis.c.analyser_version == analyser_version)
    return int(session.execute(select(func.count()).select_from(article).where(~done)).scalar() or 0)


@dataclass(frozen=True)
class ReportablePeriod:
    """A completed period with stored indicator values for one outlet."""

    outlet_id: str
    province: str
    period: Period
    computed_at: datetime  # newest value of the outlet in the period


def reportable_periods(session: Session, today: date) -> list[ReportablePeriod]:
    """Every outlet × month, quarter and Action Month that has ended and has stored values."""
    value, outlet = IndicatorValue.__table__, Outlet.__table__  # type: ignore[attr-defined]
    statement = (
        select(value.c.outlet_id, outlet.c.province, value.c.period_kind, value.c.period_start,
               value.c.period_end, func.max(value.c.computed_at))
        .join(outlet, outlet.c.id == value.c.outlet_id)
        .where(value.c.period_kind.in_(REPORTED_KINDS), value.c.period_end < today, outlet.c.active.is_(True))
        .group_by(value.c.outlet_id, outlet.c.province, value.c.period_kind, value.c.period_start,
                  value.c.period_end)
        .order_by(value.c.period_start, value.c.outlet_id)
    )
    return [ReportablePeriod(outlet_id, province, Period(start, end, kind), computed_at)
            for outlet_id, province, kind, start, end, computed_at in session.execute(statement)]
