"""What the scheduled jobs still have to do, read from the stored data itself.

Jobs find their work here instead of remembering it, so a run that was killed, skipped or
coalesced leaves nothing behind: the next run finds the same backlog and finishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, exists, func, select, true
from sqlmodel import Session

from store.indicators.periods import Period
from store.models import Analysis, Article, IndicatorValue, Outlet

REPORTED_KINDS = ("month", "quarter", "action_month")


def _analysed_as_is(analyser_version: str) -> ColumnElement[bool]:
    """The article's current analysis is by ``analyser_version`` and of its current text."""
    article, analysis = Article.__table__, Analysis.__table__  # type: ignore[attr-defined]
    return exists().where(
        analysis.c.article_id == article.c.id, analysis.c.is_current.is_(true()),
        analysis.c.analyser_version == analyser_version,
        analysis.c.content_hash == article.c.content_hash,
    )


def unanalysed_article_ids(session: Session, analyser_version: str, limit: int) -> list[int]:
    """Articles to (re-)analyse, oldest first: no current analysis, or one by another analyser
    version, or one of an earlier text of the article."""
    article = Article.__table__  # type: ignore[attr-defined]
    statement = (select(article.c.id).where(~_analysed_as_is(analyser_version))
                 .order_by(article.c.id).limit(limit))
    return list(session.execute(statement).scalars())


def count_unanalysed(session: Session, analyser_version: str) -> int:
    article = Article.__table__  # type: ignore[attr-defined]
    statement = select(func.count()).select_from(article).where(~_analysed_as_is(analyser_version))
    return int(session.execute(statement).scalar() or 0)


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
