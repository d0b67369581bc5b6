"""Findings as reviewers decided them: the truth the stereotype indicators count.

A finding's effective state comes from the latest decisive review (confirm, reject,
recategorise) made either on the finding itself or on its whole article; the latest decision
wins, by time and then by id. ``contest`` is an editor's objection and changes nothing until a
monitor decides. Without any decision the model's output stands.

- reject: the finding does not count;
- confirm: it counts as the model stated it;
- recategorise: it counts under the reviewer's new category (severity and voice unchanged,
  because a review records only a new category).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Subquery, case, func, or_, select, union_all

from store.models import Analysis, Finding, Review

DECISIVE_VERDICTS = ("confirm", "reject", "recategorise")


def latest_decisions() -> Subquery:
    """finding_id → verdict and new_category of the latest decisive review touching it."""
    review = Review.__table__
    finding = Finding.__table__
    analysis = Analysis.__table__
    on_finding = select(
        review.c.finding_id.label("finding_id"), review.c.verdict, review.c.new_category,
        review.c.created_at, review.c.id.label("review_id"),
    ).where(review.c.finding_id.isnot(None), review.c.verdict.in_(DECISIVE_VERDICTS))
    on_article = (
        select(
            finding.c.id.label("finding_id"), review.c.verdict, review.c.new_category,
            review.c.created_at, review.c.id.label("review_id"),
        )
        .select_from(
            review.join(analysis, analysis.c.article_id == review.c.article_id)
            .join(finding, finding.c.analysis_id == analysis.c.id)
        )
        .where(review.c.finding_id.is_(None), review.c.verdict.in_(DECISIVE_VERDICTS))
    )
    decisions = union_all(on_finding, on_article).subquery("decisions")
    ranked = select(
        decisions.c.finding_id, decisions.c.verdict, decisions.c.new_category,
        func.row_number().over(
            partition_by=decisions.c.finding_id,
            order_by=(decisions.c.created_at.desc(), decisions.c.review_id.desc()),
        ).label("rank"),
    ).subquery("ranked_decisions")
    return (
        select(ranked.c.finding_id, ranked.c.verdict, ranked.c.new_category)
        .where(ranked.c.rank == 1)
        .subquery("latest_decision")
    )


def effective_findings(analyses: Any) -> Subquery:
    """Findings that count, with their effective category, for the analyses in ``analyses``.

    ``analyses`` is any selectable with an ``id`` column (the scoped analyses of a query), so
    the database only reads the findings of the analyses in scope.
    """
    finding = Finding.__table__
    decision = latest_decisions()
    return (
        select(
            finding.c.id, finding.c.analysis_id,
            case((decision.c.verdict == "recategorise", decision.c.new_category),
                 else_=finding.c.category).label("category"),
            finding.c.severity, finding.c.voice, finding.c.confidence, finding.c.evidence,
            finding.c.sentence, finding.c.explanation, finding.c.suggestion,
            decision.c.verdict.label("verdict"),
        )
        .select_from(
            finding.join(analyses, analyses.c.id == finding.c.analysis_id)
            .outerjoin(decision, decision.c.finding_id == finding.c.id)
        )
        .where(or_(decision.c.verdict.is_(None), decision.c.verdict != "reject"))
        .subquery("effective_finding")
    )
