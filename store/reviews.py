"""The review workflow: monitors decide findings, editors contest them.

A decision (confirm, reject, recategorise) is stored as a ``review`` row with an audit entry,
and the outlet's indicator values for every period containing the article are recomputed in
the same transaction, so the dashboard shows the change at once. A contest is an editor's
objection with a note: it puts the finding back in the monitors' queue and changes no value
(``store.indicators.reviewed`` ignores it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, case, func, select
from sqlmodel import Session

from genderwatch.errors import GenderwatchError
from store.audit import record_action
from store.indicators.periods import Period, standard_periods
from store.indicators.recompute import recompute
from store.indicators.reviewed import DECISIVE_VERDICTS, latest_decisions
from store.models import CATEGORIES, Analysis, Article, Finding, IndicatorValue, Review, User

MAX_NOTE = 2000


class ReviewError(GenderwatchError):
    """A review request that cannot be recorded; the message says why."""


@dataclass(frozen=True)
class QueueItem:
    """A finding waiting for a monitor's decision."""

    finding_id: int
    article_id: int
    outlet_id: str
    title: str
    published_date: date | None
    category: str
    severity: str
    evidence: str
    sentence: str
    explanation: str
    confidence: float
    contested: bool  # an editor contested it after any decision


def _finding_context(session: Session, finding_id: int) -> tuple[Finding, Analysis, Article]:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise ReviewError(f"không có phát hiện / unknown finding {finding_id}")
    analysis = session.get(Analysis, finding.analysis_id)
    article = session.get(Article, analysis.article_id)  # type: ignore[union-attr]
    return finding, analysis, article  # type: ignore[return-value]


def finding_outlet(session: Session, finding_id: int) -> str:
    """The outlet a finding belongs to (for permission checks before acting on it)."""
    return _finding_context(session, finding_id)[2].outlet_id


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ReviewError(f"ghi chú quá dài / note too long: at most {MAX_NOTE} characters")
    return note


def affected_periods(session: Session, outlet_id: str, day: date) -> list[Period]:
    """Every standard period containing ``day``, plus stored custom ranges that contain it."""
    table = IndicatorValue.__table__
    custom = session.execute(
        select(table.c.period_start, table.c.period_end).distinct()
        .where(table.c.outlet_id == outlet_id, table.c.period_kind == "custom",
               table.c.period_start <= day, table.c.period_end >= day)
    ).all()
    return list(standard_periods(day, day)) + [Period(start, end, "custom") for start, end in custom]


def decide(session: Session, finding_id: int, reviewer: User, verdict: str, *, note: str = "",
           new_category: str | None = None, config_dir: Path | None = None) -> Review:
    """Record a monitor's decision and bring the outlet's affected indicator values up to date."""
    if reviewer.role not in ("monitor", "admin"):
        raise ReviewError("chỉ giám sát viên mới quyết định / only monitors decide findings")
    if verdict not in DECISIVE_VERDICTS:
        raise ReviewError(f"kết luận không hợp lệ / invalid verdict '{verdict}': use {', '.join(DECISIVE_VERDICTS)}")
    finding, analysis, article = _finding_context(session, finding_id)
    if verdict == "recategorise":
        if new_category not in CATEGORIES:
            raise ReviewError(f"nhóm khuôn mẫu không hợp lệ / unknown category {new_category!r}")
        if new_category == finding.category:
            raise ReviewError("nhóm mới trùng nhóm cũ / the new category is the same as the current one")
    else:
        new_category = None
    review = Review(finding_id=finding.id, article_id=article.id, reviewer_id=reviewer.id, verdict=verdict,
                    new_category=new_category, note=_clean_note(note))
    session.add(review)
    session.flush()
    record_action(session, reviewer.id, f"review.{verdict}", "finding", finding.id, review_id=review.id,
                  article_id=article.id, outlet_id=article.outlet_id, category=finding.category,
                  new_category=new_category, note=review.note)
    days = {day for day in (analysis.published_date, article.published_date) if day is not None}
    periods = sorted({period for day in days for period in affected_periods(session, article.outlet_id, day)})
    if periods:
        recompute(session, outlet_ids=[article.outlet_id], periods=periods, config_dir=config_dir)
    return review


def contest(session: Session, finding_id: int, editor: User, note: str) -> Review:
    """An editor's objection to a finding of their own outlet; it changes no value."""
    finding, _, article = _finding_context(session, finding_id)
    if editor.role == "editor" and editor.outlet_id != article.outlet_id:
        raise ReviewError("chỉ được phản hồi tin bài của cơ quan mình / editors contest their own outlet only")
    note = _clean_note(note)
    if not note:
        raise ReviewError("cần ghi rõ lý do / a contest needs a note saying why")
    review = Review(finding_id=finding.id, article_id=article.id, reviewer_id=editor.id, verdict="contest",
                    note=note)
    session.add(review)
    session.flush()
    record_action(session, editor.id, "review.contest", "finding", finding.id, review_id=review.id,
                  article_id=article.id, outlet_id=article.outlet_id, note=note)
    return review


def review_queue(session: Session, outlet_ids: Sequence[str], *, first_day: date | None = None,
                 last_day: date | None = None, limit: int = 50, offset: int = 0) -> list[QueueItem]:
    """Outlet-voice findings nobody decided yet, or contested since; contested and overt first."""
    finding, analysis, article, review = (Finding.__table__, Analysis.__table__, Article.__table__,
                                          Review.__table__)
    decision = latest_decisions()
    decided_at = (select(review.c.finding_id, func.max(review.c.created_at).label("at"))
                  .where(review.c.verdict.in_(DECISIVE_VERDICTS), review.c.finding_id.isnot(None))
                  .group_by(review.c.finding_id).subquery("decided_at"))
    contested_at = (select(review.c.finding_id, func.max(review.c.created_at).label("at"))
                    .where(review.c.verdict == "contest").group_by(review.c.finding_id).subquery("contested_at"))
    contested = and_(contested_at.c.at.isnot(None),
                     (decided_at.c.at.is_(None)) | (contested_at.c.at > decided_at.c.at))
    statement = (
        select(finding.c.id, article.c.id, article.c.outlet_id, article.c.title, analysis.c.published_date,
               finding.c.category, finding.c.severity, finding.c.evidence, finding.c.sentence,
               finding.c.explanation, finding.c.confidence, contested)
        .select_from(
            finding.join(analysis, analysis.c.id == finding.c.analysis_id)
            .join(article, article.c.id == analysis.c.article_id)
            .outerjoin(decision, decision.c.finding_id == finding.c.id)
            .outerjoin(decided_at, decided_at.c.finding_id == finding.c.id)
            .outerjoin(contested_at, contested_at.c.finding_id == finding.c.id)
        )
        .where(analysis.c.is_current.is_(True), analysis.c.outlet_id.in_(list(outlet_ids)),
               finding.c.voice == "outlet", decision.c.verdict.is_(None) | contested)
    )
    if first_day is not None:
        statement = statement.where(analysis.c.published_date >= first_day)
    if last_day is not None:
        statement = statement.where(analysis.c.published_date <= last_day)
    statement = statement.order_by(
        case((contested, 0), else_=1), case((finding.c.severity == "overt", 0), else_=1),
        finding.c.confidence.desc(), analysis.c.published_date.desc(), finding.c.id,
    ).offset(offset).limit(limit)
    return [QueueItem(*row[:11], contested=bool(row[11])) for row in session.execute(statement)]
