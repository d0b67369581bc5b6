"""Per outlet × day counts for every indicator, as a handful of SQL aggregates.

One query per kind of row (people, quotes, analysed articles) computes every indicator's
counts at once with conditional sums, grouped by outlet and publication day. Day counts are
additive, so any period — month, quarter, year, Action Month, custom range — is a sum over its
days; :class:`DayCounts` does those sums with prefix sums, without touching the rows again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, true
from sqlalchemy.engine import Connection

from store.indicators.definitions import IndicatorDefinition, IndicatorSet, Population
from store.indicators.fields import (
    SqlSources,
    author_weights,
    compile_filter,
    nested_filters,
    nested_key,
)
from store.indicators.periods import Period
from store.indicators.reviewed import effective_findings
from store.models import Analysis, Article, Person, Quote


@dataclass(frozen=True)
class Scope:
    """Which analyses an aggregate reads: outlets, a day range and the population rule."""

    first_day: date
    last_day: date
    population: Population
    outlet_ids: tuple[str, ...] | None = None


def not_own_articles(population: Population | None) -> Select[Any]:
    """Ids of the wire and syndicated copies ``population`` leaves out (both kinds if None).

    Served by the partial index ``ix_article_not_own`` without reading article bodies.
    """
    article = Article.__table__
    kinds = []
    if population is None or population.exclude_wire_copy:
        kinds.append(article.c.wire_source.isnot(None))
    if population is None or population.exclude_syndicated_copies:
        kinds.append(article.c.syndicated_from_id.isnot(None))
    return select(article.c.id).where(or_(false(), *kinds))


def analysis_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    """Current, successfully analysed, in range, in the outlets, the outlet's own journalism."""
    analysis = Analysis.__table__
    conditions: list[ColumnElement[bool]] = [
        analysis.c.is_current.is_(true()),
        analysis.c.error.is_(None),
        analysis.c.published_date.between(scope.first_day, scope.last_day),
    ]
    if scope.outlet_ids is not None:
        conditions.append(analysis.c.outlet_id.in_(scope.outlet_ids))
    if scope.population.exclude_wire_copy or scope.population.exclude_syndicated_copies:
        conditions.append(analysis.c.article_id.not_in(not_own_articles(scope.population)))
    return conditions


def _count(condition: ColumnElement[bool], weight: Any = 1) -> ColumnElement[Any]:
    return func.sum(case((condition, weight), else_=0))


@dataclass
class _Query:
    """Columns being collected for one aggregate query."""

    columns: list[ColumnElement[Any]] = field(default_factory=list)

    def add(self, expression: ColumnElement[Any]) -> int:
        self.columns.append(expression.label(f"c{len(self.columns)}"))
        return len(self.columns) - 1


@dataclass(frozen=True)
class CountSlots:
    """Where an indicator's counts sit in the day-count matrix (-1: not used)."""

    numerator: int
    denominator: int
    ref_numerator: int = -1
    ref_denominator: int = -1


def _without_authors(spec: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in spec.items() if key != "author_gender"}


class AggregatePlan:
    """The SQL for every indicator of a definition set over one scope."""

    def __init__(self, indicator_set: IndicatorSet, scope: Scope) -> None:
        self.indicator_set = indicator_set
        self.scope = scope
        self.analysis = Analysis.__table__
        self.conditions = analysis_conditions(scope)
        self.women = func.coalesce(self.analysis.c.byline_women, 0)
        self.men = func.coalesce(self.analysis.c.byline_men, 0)
        self.speaker = Person.__table__.alias("speaker")
        self.queries: dict[str, _Query] = {"person": _Query(), "quote": _Query(), "analysis": _Query()}
        self.slots: dict[str, tuple[str, CountSlots]] = {}
        self._nested = self._nested_flag_subqueries()
        for definition in indicator_set.definitions:
            self.slots[definition.id] = self._plan(definition)

    # -- sources -------------------------------------------------------------------------
    def _nested_flag_subqueries(self) -> dict[str, Any]:
        """Per-analysis counts of the people/findings that article filters ask about."""
        wanted: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for definition in self.indicator_set.definitions:
            if definition.unit == "article":
                for spec in (definition.numerator, definition.denominator):
                    for kind, nested in nested_filters(spec):
                        wanted[nested_key(kind, nested)] = (kind, nested)
        person = Person.__table__
        findings = effective_findings(*self.conditions)
        person_columns, finding_columns, labels = [], [], {}
        for index, (key, (kind, nested)) in enumerate(sorted(wanted.items())):
            label = f"n{index}"
            labels[key] = (kind, label)
            if kind == "person":
                condition = compile_filter(nested, "person_in_article", SqlSources(self.analysis, person=person))
                person_columns.append(_count(condition).label(label))
            else:
                condition = compile_filter(nested, "finding", SqlSources(self.analysis, finding=findings))
                finding_columns.append(_count(condition).label(label))
        subqueries: dict[str, Any] = {}
        if person_columns:
            subqueries["person"] = (
                select(person.c.analysis_id, *person_columns)
                .select_from(person.join(self.analysis, self.analysis.c.id == person.c.analysis_id))
                .where(*self.conditions)
                .group_by(person.c.analysis_id)
                .subquery("person_flags")
            )
        if finding_columns:
            subqueries["finding"] = (
                select(findings.c.analysis_id, *finding_columns)
                .group_by(findings.c.analysis_id)
                .subquery("finding_flags")
            )
        self._nested_labels = labels
        return subqueries

    def _nested_columns(self) -> dict[str, Any]:
        return {
            key: func.coalesce(self._nested[kind].c[label], 0)
            for key, (kind, label) in self._nested_labels.items()
        }

    def _sources(self, unit: str) -> SqlSources:
        sources = SqlSources(self.analysis, byline_women=self.women, byline_men=self.men)
        if unit == "person":
            sources.person = Person.__table__
        elif unit == "quote":
            sources.quote = Quote.__table__
            sources.speaker = self.speaker
        elif unit == "article":
            sources.nested_flags = self._nested_columns()
        return sources

    # -- planning --------------------------------------------------------------------------
    def _plan(self, definition: IndicatorDefinition) -> tuple[str, CountSlots]:
        unit = definition.unit
        query_name = "analysis" if unit in ("article", "byline") else unit
        query = self.queries[query_name]
        sources = self._sources(unit)
        if unit == "byline":
            base = compile_filter(_without_authors(definition.denominator), unit, sources)
            selected = and_(base, compile_filter(_without_authors(definition.numerator), unit, sources))
            numerator = _count(selected, author_weights(definition.numerator, self.women, self.men))
            denominator = _count(base, author_weights(definition.denominator, self.women, self.men))
            return query_name, CountSlots(query.add(numerator), query.add(denominator))
        base = compile_filter(definition.denominator, unit, sources)
        hit = and_(base, compile_filter(definition.numerator, unit, sources))
        if definition.measure == "rate_ratio":
            assert definition.groups is not None
            focus, reference = (compile_filter(group, unit, sources) for group in definition.groups)
            return query_name, CountSlots(
                query.add(_count(and_(hit, focus))), query.add(_count(and_(base, focus))),
                query.add(_count(and_(hit, reference))), query.add(_count(and_(base, reference))),
            )
        if definition.measure == "per_1000":
            finding_filter = definition.numerator["finding"]
            events = sources.nested_flags[nested_key("finding", finding_filter)]  # type: ignore[index]
            return query_name, CountSlots(query.add(_count(base, events)), query.add(_count(base)))
        return query_name, CountSlots(query.add(_count(hit)), query.add(_count(base)))

    def statements(self) -> dict[str, Any]:
        """The SELECT of each non-empty query, grouped by outlet and day."""
        analysis = self.analysis
        keys = (analysis.c.outlet_id, analysis.c.published_date)
        statements: dict[str, Any] = {}
        for name, query in self.queries.items():
            if not query.columns:
                continue
            if name == "person":
                person = Person.__table__
                source = person.join(analysis, analysis.c.id == person.c.analysis_id)
            elif name == "quote":
                quote = Quote.__table__
                source = quote.join(analysis, analysis.c.id == quote.c.analysis_id).outerjoin(
                    self.speaker, self.speaker.c.id == quote.c.person_id
                )
            else:
                source = analysis
                for subquery in self._nested.values():
                    source = source.outerjoin(subquery, subquery.c.analysis_id == analysis.c.id)
            statements[name] = (
                select(*keys, *query.columns).select_from(source).where(*self.conditions).group_by(*keys)
            )
        return statements

    def run(self, connection: Connection) -> DayCounts:
        """Execute the aggregates and gather the counts per outlet and day."""
        offsets, width = {}, 0
        for name, query in self.queries.items():
            offsets[name] = width
            width += len(query.columns)
        per_key: dict[tuple[str, date], np.ndarray] = {}
        for name, statement in self.statements().items():
            start = offsets[name]
            for row in connection.execute(statement):
                vector = per_key.setdefault((row[0], row[1]), np.zeros(width))
                vector[start:start + len(row) - 2] = [float(value or 0) for value in row[2:]]
        slots = {
            indicator_id: CountSlots(*(index + offsets[name] if index >= 0 else -1 for index in (
                slot.numerator, slot.denominator, slot.ref_numerator, slot.ref_denominator)))
            for indicator_id, (name, slot) in self.slots.items()
        }
        return DayCounts(per_key, width, slots)


class DayCounts:
    """Counts per outlet and day, summed over any period on demand."""

    def __init__(self, per_key: Mapping[tuple[str, date], np.ndarray], width: int,
                 slots: Mapping[str, CountSlots]) -> None:
        self.width = width
        self.slots = dict(slots)
        self._days: dict[str, list[date]] = {}
        self._prefix: dict[str, np.ndarray] = {}
        by_outlet: dict[str, list[tuple[date, np.ndarray]]] = {}
        for (outlet_id, day), vector in per_key.items():
            by_outlet.setdefault(outlet_id, []).append((day, vector))
        for outlet_id, rows in by_outlet.items():
            rows.sort(key=lambda item: item[0])
            self._days[outlet_id] = [day for day, _ in rows]
            matrix = np.vstack([vector for _, vector in rows])
            self._prefix[outlet_id] = np.vstack([np.zeros(width), np.cumsum(matrix, axis=0)])

    def outlets(self) -> Iterable[str]:
        return self._days.keys()

    def days(self, outlet_id: str) -> Sequence[date]:
        return self._days.get(outlet_id, [])

    def totals(self, outlet_id: str, period: Period) -> np.ndarray:
        """Sum of the day counts of ``outlet_id`` inside ``period`` (zeros without data)."""
        days = self._days.get(outlet_id)
        if not days:
            return np.zeros(self.width)
        low, high = bisect_left(days, period.start), bisect_right(days, period.end)
        prefix = self._prefix[outlet_id]
        return prefix[high] - prefix[low]
