"""Fingerprints of the inputs behind each outlet × period, for incremental recompute.

Per outlet and day, one cheap aggregate over ``analysis`` records which analyses are current
(count, sum and max of their ids: a re-analysis or a version switch changes them), their byline
counts, how many are excluded as wire or syndicated copy, and the reviews touching them (count
and max id: reviews are append-only). A period's fingerprint hashes its days' tuples together
with the definitions' digest and the targets in force, so a change to any input, definition or
target makes exactly the affected periods stale.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date

from sqlalchemy import func, select, true, union_all
from sqlalchemy.engine import Connection

from store.indicators.scope import not_own_articles
from store.indicators.periods import Period
from store.indicators.targets import Target
from store.models import Analysis, Finding, Review

DayPrint = tuple[int, ...]


def _analysis_scope(outlet_ids: tuple[str, ...] | None, first: date, last: date) -> list:
    analysis = Analysis.__table__
    conditions = [analysis.c.is_current.is_(true()), analysis.c.published_date.between(first, last)]
    if outlet_ids is not None:
        conditions.append(analysis.c.outlet_id.in_(outlet_ids))
    return conditions


def day_fingerprints(connection: Connection, outlet_ids: tuple[str, ...] | None, first: date,
                     last: date) -> dict[str, dict[date, DayPrint]]:
    """outlet → day → input tuple, for every day with a current analysis."""
    analysis = Analysis.__table__
    review, finding = Review.__table__, Finding.__table__
    scope = _analysis_scope(outlet_ids, first, last)
    not_own = not_own_articles(None).subquery("not_own")
    keys = (analysis.c.outlet_id, analysis.c.published_date)
    analyses = (
        select(
            *keys, func.count(), func.sum(analysis.c.id), func.max(analysis.c.id),
            func.sum(func.coalesce(analysis.c.byline_women, -1)),
            func.sum(func.coalesce(analysis.c.byline_men, -1)),
            func.count(not_own.c.id),
        )
        .select_from(analysis.outerjoin(not_own, not_own.c.id == analysis.c.article_id))
        .where(*scope).group_by(*keys)
    )
    result: dict[str, dict[date, DayPrint]] = {}
    for outlet_id, day, *numbers in connection.execute(analyses):
        result.setdefault(outlet_id, {})[day] = tuple(int(number or 0) for number in numbers)
    on_findings = (
        select(*keys, review.c.id.label("review_id"))
        .select_from(review.join(finding, finding.c.id == review.c.finding_id)
                     .join(analysis, analysis.c.id == finding.c.analysis_id))
        .where(*scope)
    )
    on_articles = (
        select(*keys, review.c.id.label("review_id"))
        .select_from(review.join(analysis, analysis.c.article_id == review.c.article_id))
        .where(review.c.finding_id.is_(None), *scope)
    )
    touched = union_all(on_findings, on_articles).subquery("touched")
    reviews = select(
        touched.c.outlet_id, touched.c.published_date, func.count(), func.max(touched.c.review_id),
    ).group_by(touched.c.outlet_id, touched.c.published_date)
    for outlet_id, day, count, max_id in connection.execute(reviews):
        days = result.setdefault(outlet_id, {})
        days[day] = days.get(day, ()) + (int(count), int(max_id or 0))
    return result


def period_fingerprint(days: Mapping[date, DayPrint], sorted_days: list[date], period: Period,
                       digest: str, targets: Mapping[str, Target]) -> str | None:
    """Hash of the inputs inside ``period``; None when the period has no data."""
    low, high = bisect_left(sorted_days, period.start), bisect_right(sorted_days, period.end)
    if low == high:
        return None
    hasher = hashlib.sha256(digest.encode())
    hasher.update(repr(sorted(targets.items())).encode())
    for day in sorted_days[low:high]:
        hasher.update(f"{day.isoformat()}:{days[day]};".encode())
    return hasher.hexdigest()
