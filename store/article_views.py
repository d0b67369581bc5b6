"""Articles as the dashboard shows them: paged lists with filters, and one article in full.

An article's findings come with their review state: the latest decisive verdict (the same
rule the indicators count, ``store.indicators.reviewed``), whether an editor contested it
since, and the full review history with reviewers' names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlmodel import Session

from store.indicators.reviewed import latest_decisions
from store.models import Analysis, Article, Finding, Person, Quote, Review, User


def analysed_text(article: Article) -> str:
    """The text the analyser read: stored offsets index into it (architecture.md §4)."""
    return "\n".join([article.title or "", article.lead or "", article.body or ""])


@dataclass(frozen=True)
class ArticleRow:
    id: int
    outlet_id: str
    title: str
    url: str
    published_date: date | None
    analysed: bool
    stereotyped: bool


@dataclass(frozen=True)
class ArticlePage:
    rows: tuple[ArticleRow, ...]
    page: int
    has_next: bool


def list_articles(session: Session, outlet_ids: Sequence[str], *, first_day: date | None = None,
                  last_day: date | None = None, flagged_only: bool = False, search: str | None = None,
                  page: int = 1, page_size: int = 50) -> ArticlePage:
    """Newest first; ``flagged_only`` keeps articles whose current analysis is stereotyped.

    Paging fetches one row more than the page instead of counting, so a page costs the same
    whatever the size of the archive.
    """
    article, analysis = Article.__table__, Analysis.__table__
    statement = (
        select(article.c.id, article.c.outlet_id, article.c.title, article.c.url, article.c.published_date,
               analysis.c.id.isnot(None), analysis.c.stereotyped)
        .select_from(article.outerjoin(analysis, (analysis.c.article_id == article.c.id)
                                       & analysis.c.is_current.is_(True)))
        .where(article.c.outlet_id.in_(list(outlet_ids)))
    )
    if first_day is not None:
        statement = statement.where(article.c.published_date >= first_day)
    if last_day is not None:
        statement = statement.where(article.c.published_date <= last_day)
    if flagged_only:
        statement = statement.where(analysis.c.stereotyped.is_(True))
    if search:
        statement = statement.where(article.c.title.ilike(f"%{search.strip()}%"))
    page = max(page, 1)
    rows = session.execute(
        statement.order_by(article.c.published_date.desc(), article.c.id.desc())
        .offset((page - 1) * page_size).limit(page_size + 1)
    ).all()
    items = tuple(ArticleRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6]))
                  for row in rows[:page_size])
    return ArticlePage(items, page, len(rows) > page_size)


@dataclass(frozen=True)
class ReviewEntry:
    """One review of a finding or of the whole article."""

    id: int
    finding_id: int | None
    verdict: str
    new_category: str | None
    note: str
    reviewer: str
    reviewer_role: str
    at: datetime


@dataclass(frozen=True)
class ReviewedFinding:
    """A finding with the category that counts and the state of its review."""

    finding: Finding
    verdict: str | None  # latest decisive verdict; None while the model's output stands
    category: str  # the category that counts (a recategorisation replaces the model's)
    contested: bool  # an editor objected after the latest decision
    history: tuple[ReviewEntry, ...]


@dataclass(frozen=True)
class ArticleDetail:
    article: Article
    analysis: Analysis | None
    text: str
    people: tuple[Person, ...]
    quotes: tuple[Quote, ...]
    findings: tuple[ReviewedFinding, ...]


def review_history(session: Session, article_id: int, finding_ids: Sequence[int]) -> list[ReviewEntry]:
    """Reviews on these findings or on the whole article, oldest first."""
    review, user = Review.__table__, User.__table__
    rows = session.execute(
        select(review.c.id, review.c.finding_id, review.c.verdict, review.c.new_category, review.c.note,
               user.c.username, user.c.role, review.c.created_at)
        .select_from(review.join(user, user.c.id == review.c.reviewer_id))
        .where(or_(review.c.finding_id.in_(list(finding_ids)),
                   (review.c.article_id == article_id) & review.c.finding_id.is_(None)))
        .order_by(review.c.created_at, review.c.id)
    ).all()
    return [ReviewEntry(*row) for row in rows]


def reviewed_findings(session: Session, article_id: int, findings: Sequence[Finding]) -> tuple[ReviewedFinding, ...]:
    """Attach the deciding verdict, the counted category and the history to each finding."""
    ids = [finding.id for finding in findings if finding.id is not None]
    decision = latest_decisions()
    decided = {
        finding_id: (verdict, new_category)
        for finding_id, verdict, new_category in session.execute(
            select(decision.c.finding_id, decision.c.verdict, decision.c.new_category)
            .where(decision.c.finding_id.in_(ids))
        )
    }
    history = review_history(session, article_id, ids)
    result = []
    for finding in findings:
        own = tuple(entry for entry in history if entry.finding_id in (finding.id, None))
        verdict, new_category = decided.get(finding.id, (None, None))
        last_decision = max((entry.at for entry in own if entry.verdict != "contest"), default=None)
        contested = any(entry.verdict == "contest" and (last_decision is None or entry.at > last_decision)
                        for entry in own)
        category = new_category if verdict == "recategorise" and new_category else finding.category
        result.append(ReviewedFinding(finding, verdict, category, contested, own))
    return tuple(result)


def article_detail(session: Session, article_id: int) -> ArticleDetail | None:
    """The article, its current analysis with people, quotes and reviewed findings."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    analysis = session.execute(
        select(Analysis).where(Analysis.article_id == article_id, Analysis.is_current.is_(True))  # type: ignore[attr-defined]
    ).scalars().first()
    if analysis is None:
        return ArticleDetail(article, None, analysed_text(article), (), (), ())
    people = tuple(session.execute(select(Person).where(Person.analysis_id == analysis.id).order_by(Person.id)).scalars())
    quotes = tuple(session.execute(
        select(Quote).where(Quote.analysis_id == analysis.id).order_by(Quote.start_offset)).scalars())
    findings = list(session.execute(
        select(Finding).where(Finding.analysis_id == analysis.id).order_by(Finding.start_offset)).scalars())
    return ArticleDetail(article, analysis, analysed_text(article), people, quotes,
                         reviewed_findings(session, article_id, findings))
