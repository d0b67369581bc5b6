"""Sample sizes and the most serious flagged articles behind an outlet's figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from store.indicators.scope import Scope, analysis_conditions, analysis_ids, not_own_articles
from store.indicators.periods import Period
from store.indicators.definitions import Population
from store.indicators.results import SampleSizes
from store.indicators.reviewed import effective_findings
from store.models import Analysis, Article, Person, Quote


@dataclass(frozen=True)
class FlaggedFinding:
    """One stereotype finding as it counts after review."""

    category: str
    severity: str
    evidence: str
    sentence: str
    explanation: str
    suggestion: str | None
    confidence: float
    verdict: str | None  # the deciding review, None when the model's output stands


@dataclass(frozen=True)
class FlaggedArticle:
    """An article with stereotype findings in the outlet's own voice."""

    article_id: int
    outlet_id: str
    title: str
    url: str
    published_date: date | None
    findings: tuple[FlaggedFinding, ...]


def _scope(outlet_ids: Sequence[str], period: Period, population: Population) -> Scope:
    return Scope(period.start, period.end, population, tuple(outlet_ids))


def sample_sizes(connection: Connection, outlet_ids: Sequence[str], period: Period,
                 population: Population) -> SampleSizes:
    """Articles, people by gender, quotes and counted findings behind the period's figures."""
    analysis = Analysis.__table__
    person, quote = Person.__table__, Quote.__table__
    scope = _scope(outlet_ids, period, population)
    conditions = analysis_conditions(scope)
    articles, first_day, last_day = connection.execute(
        select(func.count(), func.min(analysis.c.published_date), func.max(analysis.c.published_date))
        .where(*conditions)
    ).one()
    excluded = connection.execute(
        select(func.count()).where(
            analysis.c.is_current.is_(True), analysis.c.outlet_id.in_(outlet_ids),
            analysis.c.published_date.between(period.start, period.end),
            analysis.c.article_id.in_(not_own_articles(population)),
        )
    ).scalar_one()
    people = dict(connection.execute(
        select(person.c.gender, func.count())
        .select_from(person.join(analysis, analysis.c.id == person.c.analysis_id))
        .where(*conditions).group_by(person.c.gender)
    ).all())
    quotes = connection.execute(
        select(func.count()).select_from(quote.join(analysis, analysis.c.id == quote.c.analysis_id))
        .where(*conditions)
    ).scalar_one()
    findings = effective_findings(analysis_ids(scope))
    outlet_findings = connection.execute(
        select(func.count()).select_from(findings).where(findings.c.voice == "outlet")
    ).scalar_one()
    return SampleSizes(
        articles=int(articles), articles_excluded=int(excluded),
        people_female=int(people.get("female", 0)), people_male=int(people.get("male", 0)),
        people_unknown=int(people.get("unknown", 0)), quotes=int(quotes),
        findings_outlet_voice=int(outlet_findings), first_day=first_day, last_day=last_day,
    )


def flagged_articles(connection: Connection, outlet_ids: Sequence[str], period: Period,
                     population: Population, limit: int = 10) -> list[FlaggedArticle]:
    """Articles with counted outlet-voice findings, most serious first.

    Serious means: more overt findings, then more findings, then higher model confidence.
    """
    analysis, article = Analysis.__table__, Article.__table__
    findings = effective_findings(analysis_ids(_scope(outlet_ids, period, population)))
    outlet_voice = findings.c.voice == "outlet"
    ranking = (
        select(
            findings.c.analysis_id,
            func.sum(case((findings.c.severity == "overt", 1), else_=0)).label("overt"),
            func.count().label("total"),
            func.max(findings.c.confidence).label("confidence"),
        )
        .where(outlet_voice)
        .group_by(findings.c.analysis_id)
        .order_by(*(column.desc() for column in (
            func.sum(case((findings.c.severity == "overt", 1), else_=0)), func.count(),
            func.max(findings.c.confidence))), findings.c.analysis_id)
        .limit(limit)
    )
    ranked = [row.analysis_id for row in connection.execute(ranking)]
    if not ranked:
        return []
    details = connection.execute(
        select(
            analysis.c.id.label("analysis_id"), article.c.id.label("article_id"), article.c.outlet_id,
            article.c.title, article.c.url, analysis.c.published_date, findings.c.category,
            findings.c.severity, findings.c.evidence, findings.c.sentence, findings.c.explanation,
            findings.c.suggestion, findings.c.confidence, findings.c.verdict,
        )
        .select_from(findings.join(analysis, analysis.c.id == findings.c.analysis_id)
                     .join(article, article.c.id == analysis.c.article_id))
        .where(outlet_voice, findings.c.analysis_id.in_(ranked))
        .order_by(case((findings.c.severity == "overt", 0), else_=1), findings.c.confidence.desc(),
                  findings.c.id)
    ).all()
    grouped: dict[int, list] = {analysis_id: [] for analysis_id in ranked}
    for row in details:
        grouped[row.analysis_id].append(row)
    return [
        FlaggedArticle(
            article_id=rows[0].article_id, outlet_id=rows[0].outlet_id, title=rows[0].title,
            url=rows[0].url, published_date=rows[0].published_date,
            findings=tuple(FlaggedFinding(
                category=row.category, severity=row.severity, evidence=row.evidence,
                sentence=row.sentence, explanation=row.explanation, suggestion=row.suggestion,
                confidence=float(row.confidence), verdict=row.verdict,
            ) for row in rows),
        )
        for rows in grouped.values() if rows
    ]
