"""Recompute stored indicator values, only where their inputs changed.

For the outlets and periods in scope, the input fingerprint of every outlet × period is
compared with the one stored beside its values; only stale pairs are counted again (one set
of SQL aggregates over the union of their day ranges), evaluated, and their rows replaced in
one transaction. Pairs whose data disappeared lose their stored rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from genderwatch.errors import GenderwatchError
from store.engine import session_scope
from store.indicators.aggregates import AggregatePlan
from store.indicators.scope import Scope
from store.indicators.definitions import IndicatorSet, load_indicator_set
from store.indicators.fingerprints import day_fingerprints, period_fingerprint
from store.indicators.periods import Period, standard_periods
from store.indicators.results import IndicatorResult, RecomputeReport
from store.indicators.targets import Target, province_targets
from store.indicators.values import evaluate
from store.models import Analysis, Article, IndicatorValue, Outlet
from store.types import utcnow

Pair = tuple[str, Period]


@contextmanager
def _session(bind: Session | Engine) -> Iterator[Session]:
    """Use the caller's session (the caller commits) or open one that commits on success."""
    if isinstance(bind, Session):
        yield bind
        return
    with session_scope(bind) as session:
        yield session


def default_config_dir() -> Path:
    from genderwatch.settings import get_settings

    return get_settings().config_dir


def outlet_provinces(session: Session, outlet_ids: Iterable[str] | None) -> dict[str, str]:
    """outlet id → province for the requested outlets (all when None); unknown ids are an error."""
    statement = select(Outlet.id, Outlet.province)
    if outlet_ids is not None:
        wanted = list(dict.fromkeys(outlet_ids))
        statement = statement.where(Outlet.id.in_(wanted))  # type: ignore[attr-defined]
    found = {outlet_id: province for outlet_id, province in session.execute(statement)}
    if outlet_ids is not None:
        missing = [outlet_id for outlet_id in wanted if outlet_id not in found]
        if missing:
            raise GenderwatchError(f"không có cơ quan báo chí / unknown outlet: {', '.join(missing)}")
    return found


def _stored(session: Session, outlets: Sequence[str]) -> dict[Pair, str | None]:
    """Fingerprint stored for each outlet × period (None if any row was marked dirty)."""
    table = IndicatorValue.__table__
    statement = (
        select(table.c.outlet_id, table.c.period_kind, table.c.period_start, table.c.period_end,
               func.min(table.c.inputs_fingerprint), func.max(table.c.inputs_fingerprint),
               func.count() - func.count(table.c.inputs_fingerprint))
        .where(table.c.outlet_id.in_(outlets))
        .group_by(table.c.outlet_id, table.c.period_kind, table.c.period_start, table.c.period_end)
    )
    stored: dict[Pair, str | None] = {}
    for outlet_id, kind, start, end, low, high, unmarked in session.execute(statement):
        clean = unmarked == 0 and low == high
        stored[(outlet_id, Period(start, end, kind))] = low if clean else None
    return stored


def recompute(bind: Session | Engine, *, outlet_ids: Iterable[str] | None = None,
              periods: Iterable[Period] | None = None, force: bool = False,
              config_dir: Path | None = None) -> RecomputeReport:
    """Bring stored indicator values up to date for the outlets and periods in scope.

    ``periods=None`` means every month, quarter, year and Action Month with data, plus any
    period already stored. ``force`` recomputes even when the fingerprint is unchanged.
    """
    started = time.perf_counter()
    indicator_set = load_indicator_set(config_dir or default_config_dir())
    requested = sorted(set(periods)) if periods is not None else None
    with _session(bind) as session:
        provinces = outlet_provinces(session, outlet_ids)
        outlets = tuple(sorted(provinces))
        if not outlets:
            return RecomputeReport(0, 0, 0, 0, 0, time.perf_counter() - started)
        first = requested[0].start if requested else date(1900, 1, 1)
        last = max(period.end for period in requested) if requested else date(2999, 12, 31)
        connection = session.connection()
        prints = day_fingerprints(connection, outlets, first, last)
        stored = _stored(session, outlets)
        targets = {province: province_targets(session, province, indicator_set.definitions)
                   for province in set(provinces.values())}
        candidates = _candidates(outlets, prints, stored, requested)
        stale, removed, unchanged = [], [], 0
        fresh_prints: dict[Pair, str] = {}
        for outlet_id, period in candidates:
            days = prints.get(outlet_id, {})
            fingerprint = period_fingerprint(days, sorted(days), period, indicator_set.digest,
                                             targets[provinces[outlet_id]])
            pair = (outlet_id, period)
            if fingerprint is None:
                if pair in stored:
                    removed.append(pair)
            elif force or stored.get(pair, "") != fingerprint:
                stale.append(pair)
                fresh_prints[pair] = fingerprint
            else:
                unchanged += 1
        results = _compute(connection, indicator_set, stale, provinces, targets)
        written = _replace(session, stale + removed, results, fresh_prints)
    return RecomputeReport(len(candidates), len(stale), unchanged, len(removed), written,
                           time.perf_counter() - started)


def _candidates(outlets: Sequence[str], prints: dict, stored: dict[Pair, str | None],
                requested: list[Period] | None) -> list[Pair]:
    if requested is not None:
        return [(outlet_id, period) for outlet_id in outlets for period in requested]
    pairs = set(stored)
    for outlet_id, days in prints.items():
        if days:
            pairs.update((outlet_id, period) for period in standard_periods(min(days), max(days)))
    return sorted(pairs, key=lambda pair: (pair[0], pair[1]))


def _compute(connection, indicator_set: IndicatorSet, stale: list[Pair], provinces: dict[str, str],
             targets: dict[str, dict[str, Target]]) -> list[list[IndicatorResult]]:
    if not stale:
        return []
    scope = Scope(
        first_day=min(period.start for _, period in stale),
        last_day=max(period.end for _, period in stale),
        population=indicator_set.population,
        outlet_ids=tuple(sorted({outlet_id for outlet_id, _ in stale})),
    )
    counts = AggregatePlan(indicator_set, scope).run(connection)
    totals = np.vstack([counts.totals(outlet_id, period) for outlet_id, period in stale])
    pair_targets = [targets[provinces[outlet_id]] for outlet_id, _ in stale]
    return evaluate(indicator_set.definitions, totals, counts.slots, pair_targets)


def _replace(session: Session, pairs: list[Pair], results: list[list[IndicatorResult]],
             fingerprints: dict[Pair, str]) -> int:
    table = IndicatorValue.__table__
    by_period: dict[Period, list[str]] = {}
    for outlet_id, period in pairs:
        by_period.setdefault(period, []).append(outlet_id)
    for period, outlet_ids in by_period.items():
        session.execute(delete(table).where(
            table.c.outlet_id.in_(outlet_ids), table.c.period_start == period.start,
            table.c.period_end == period.end,
        ))
    now = utcnow()
    rows = [
        {
            "outlet_id": outlet_id, "indicator_id": result.indicator_id, "period_kind": period.kind,
            "period_start": period.start, "period_end": period.end,
            "numerator": result.numerator, "denominator": result.denominator,
            "ref_numerator": result.ref_numerator, "ref_denominator": result.ref_denominator,
            "value": result.value, "ci_low": result.ci_low, "ci_high": result.ci_high,
            "target": result.target, "target_high": result.target_high, "met": result.met, "sufficient": result.sufficient,
            "inputs_fingerprint": fingerprints[(outlet_id, period)], "computed_at": now,
        }
        for (outlet_id, period), pair_results in zip(pairs, results)
        for result in pair_results
    ]
    _bulk_insert(session, rows)
    session.flush()
    return len(rows)


def _bulk_insert(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert many indicator rows: COPY on PostgreSQL (one round trip), executemany elsewhere."""
    if not rows:
        return
    table = IndicatorValue.__table__
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    columns = list(rows[0])
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(
        f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row([row[column] for column in columns])


def mark_dirty_for_article(session: Session, article_id: int) -> int:
    """Invalidate stored values of every period containing the article's dates.

    Fingerprints already notice new analyses and reviews; call this after changing an
    article in place (its publication date, wire source or syndication link). Returns the
    number of stored rows marked.
    """
    article = session.get(Article, article_id)
    if article is None:
        raise GenderwatchError(f"không có bài viết / unknown article id {article_id}")
    days = {article.published_date}
    days.update(session.execute(
        select(Analysis.published_date).where(Analysis.article_id == article_id)  # type: ignore[arg-type]
    ).scalars())
    days.discard(None)
    if not days:
        return 0
    table = IndicatorValue.__table__
    result = session.execute(
        update(table)
        .where(table.c.outlet_id == article.outlet_id,
               or_(*((table.c.period_start <= day) & (table.c.period_end >= day) for day in days)))
        .values(inputs_fingerprint=None)
    )
    session.flush()
    return result.rowcount or 0
