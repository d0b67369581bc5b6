"""Per outlet × day counts for every indicator, as three SQL aggregates.

One query per kind of row (people, quotes, analysed articles) computes the counts of every
indicator at once with filtered counts, grouped by outlet and publication day; people and
quotes are also grouped by gender, so "women with X" and "women or men with X" are one
filtered count split three ways instead of two counts. Day counts are additive, so any
period — month, quarter, year, Action Month, custom range — is a sum over its days;
:class:`DayCounts` does those sums with prefix sums, without touching the rows again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.engine import Connection

from store.indicators.definitions import IndicatorDefinition, IndicatorSet
from store.indicators.fields import (
    SqlSources,
    author_weights,
    compile_filter,
    nested_filters,
    nested_key,
    topic_keys,
)
from store.indicators.periods import Period
from store.indicators.reviewed import effective_findings
from store.indicators.scope import Scope, create_scoped_table, drop_scoped_table, scoped_table
from store.models import GENDERS, Person, Quote

# The field holding the gender of the counted row, per unit grouped by gender.
GENDER_FIELDS = {"person": "gender", "quote": "speaker_gender"}


def _count(condition: ColumnElement[bool], weight: Any = None) -> ColumnElement[Any]:
    """COUNT (or SUM of ``weight``) over the rows meeting ``condition``.

    ``FILTER (WHERE ...)`` rather than ``SUM(CASE ...)``: the database skips the aggregate for
    rows that do not match, which is most rows for most indicators (SQLite 3.30+, PostgreSQL).
    The result is NULL when no row matches; readers treat NULL as 0.
    """
    aggregate = func.count() if weight is None else func.sum(weight)
    return aggregate.filter(condition)


@dataclass
class _Query:
    """Aggregates collected for one query; identical ones are computed once."""

    groups: tuple[str, ...] = ("",)  # values of the extra grouping column (genders), if any
    columns: list[ColumnElement[Any]] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)

    def add(self, expression: ColumnElement[Any]) -> int:
        key = str(expression.compile(compile_kwargs={"literal_binds": True}))
        if key not in self.seen:
            self.seen[key] = len(self.columns)
            self.columns.append(expression.label(f"c{len(self.columns)}"))
        return self.seen[key]

    @property
    def width(self) -> int:
        return len(self.columns) * len(self.groups)


@dataclass(frozen=True)
class CountSlots:
    """Which day-count columns add up to an indicator's counts (empty: not used)."""

    numerator: tuple[int, ...]
    denominator: tuple[int, ...]
    ref_numerator: tuple[int, ...] = ()
    ref_denominator: tuple[int, ...] = ()


def _without(spec: Mapping[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in spec.items() if key != name}


def _genders(spec: Mapping[str, Any], name: str) -> set[str]:
    value = spec.get(name, list(GENDERS))
    return set(value if isinstance(value, list) else [value])


class AggregatePlan:
    """The SQL for every indicator of a definition set over one scope."""

    def __init__(self, indicator_set: IndicatorSet, scope: Scope) -> None:
        self.indicator_set = indicator_set
        self.scope = scope
        self.topic_keys = {key for definition in indicator_set.definitions
                           for spec in (definition.numerator, definition.denominator, *(definition.groups or ()))
                           for key in topic_keys(spec)}
        self.scoped = scoped_table(self.topic_keys)
        self.speaker = Person.__table__.alias("speaker")
        self.queries = {"person": _Query(GENDERS), "quote": _Query(GENDERS), "analysis": _Query()}
        self._nested, self._nested_labels = self._nested_flag_subqueries()
        self._local: dict[str, tuple[str, tuple[tuple[int, str], ...], ...]] = {}
        for definition in indicator_set.definitions:
            self._local[definition.id] = self._plan(definition)

    # -- sources -------------------------------------------------------------------------
    def _nested_flag_subqueries(self) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
        """Per-analysis counts of the people/findings that article filters ask about."""
        wanted: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for definition in self.indicator_set.definitions:
            if definition.unit == "article":
                for spec in (definition.numerator, definition.denominator):
                    for kind, nested in nested_filters(spec):
                        wanted[nested_key(kind, nested)] = (kind, nested)
        person = Person.__table__
        findings = effective_findings(self.scoped)
        person_columns, finding_columns, labels = [], [], {}
        for index, (key, (kind, nested)) in enumerate(sorted(wanted.items())):
            label = f"n{index}"
            labels[key] = (kind, label)
            if kind == "person":
                condition = compile_filter(nested, "person_in_article", SqlSources(self.scoped, person=person))
                person_columns.append(_count(condition).label(label))
            else:
                condition = compile_filter(nested, "finding", SqlSources(self.scoped, finding=findings))
                finding_columns.append(_count(condition).label(label))
        subqueries: dict[str, Any] = {}
        if person_columns:
            subqueries["person"] = (
                select(person.c.analysis_id, *person_columns)
                .select_from(person.join(self.scoped, self.scoped.c.id == person.c.analysis_id))
                .group_by(person.c.analysis_id)
                .subquery("person_flags")
            )
        if finding_columns:
            subqueries["finding"] = (
                select(findings.c.analysis_id, *finding_columns)
                .group_by(findings.c.analysis_id)
                .subquery("finding_flags")
            )
        return subqueries, labels

    def _sources(self, unit: str) -> SqlSources:
        sources = SqlSources(self.scoped, byline_women=self.scoped.c.byline_women,
                             byline_men=self.scoped.c.byline_men)
        if unit == "person":
            sources.person = Person.__table__
        elif unit == "quote":
            sources.quote = Quote.__table__
            sources.speaker = self.speaker
        elif unit == "article":
            sources.nested_flags = {
                key: func.coalesce(self._nested[kind].c[label], 0)
                for key, (kind, label) in self._nested_labels.items()
            }
        return sources

    # -- planning --------------------------------------------------------------------------
    def _plan(self, definition: IndicatorDefinition) -> tuple[Any, ...]:
        """(query name, then for each count: the (aggregate, group) pairs that add up to it)."""
        unit = definition.unit
        sources = self._sources(unit)
        if unit in GENDER_FIELDS:
            return ("person" if unit == "person" else "quote", *self._gender_split_counts(definition, sources))
        query = self.queries["analysis"]
        if unit == "byline":
            base = compile_filter(_without(definition.denominator, "author_gender"), unit, sources)
            selected = and_(base, compile_filter(_without(definition.numerator, "author_gender"), unit, sources))
            women, men = self.scoped.c.byline_women, self.scoped.c.byline_men
            numerator = query.add(_count(selected, author_weights(definition.numerator, women, men)))
            denominator = query.add(_count(base, author_weights(definition.denominator, women, men)))
            return "analysis", ((numerator, ""),), ((denominator, ""),)
        base = compile_filter(definition.denominator, unit, sources)
        hit = and_(base, compile_filter(definition.numerator, unit, sources))
        if definition.measure == "per_1000":
            events = sources.nested_flags[nested_key("finding", definition.numerator["finding"])]  # type: ignore[index]
            return "analysis", ((query.add(_count(base, events)), ""),), ((query.add(_count(base)), ""),)
        return "analysis", ((query.add(_count(hit)), ""),), ((query.add(_count(base)), ""),)

    def _gender_split_counts(self, definition: IndicatorDefinition,
                             sources: SqlSources) -> list[tuple[tuple[int, str], ...]]:
        """Counts of a person/quote indicator as filtered counts per gender group.

        Each count is (denominator ∧ numerator? ∧ group?); its gender condition becomes the
        set of gender groups summed, the rest a filtered count.
        """
        unit = definition.unit
        name = GENDER_FIELDS[unit]
        query = self.queries["person" if unit == "person" else "quote"]

        def count(*specs: Mapping[str, Any]) -> tuple[tuple[int, str], ...]:
            genders = set(GENDERS)
            for spec in specs:
                genders &= _genders(spec, name)
            rest = and_(*(compile_filter(_without(spec, name), unit, sources) for spec in specs))
            aggregate = query.add(_count(rest))
            return tuple((aggregate, gender) for gender in GENDERS if gender in genders)

        if definition.measure == "rate_ratio":
            assert definition.groups is not None
            focus, reference = definition.groups
            return [count(definition.denominator, definition.numerator, focus), count(definition.denominator, focus),
                    count(definition.denominator, definition.numerator, reference),
                    count(definition.denominator, reference)]
        return [count(definition.denominator, definition.numerator), count(definition.denominator)]

    def statements(self) -> dict[str, Any]:
        """The SELECT of each non-empty query, grouped by outlet and day (and gender)."""
        scoped = self.scoped
        keys = [scoped.c.outlet_id, scoped.c.published_date]
        statements: dict[str, Any] = {}
        for name, query in self.queries.items():
            if not query.columns:
                continue
            if name == "person":
                person = Person.__table__
                source = person.join(scoped, scoped.c.id == person.c.analysis_id)
                group = [person.c.gender]
            elif name == "quote":
                quote = Quote.__table__
                source = quote.join(scoped, scoped.c.id == quote.c.analysis_id).outerjoin(
                    self.speaker, self.speaker.c.id == quote.c.person_id
                )
                group = [func.coalesce(self.speaker.c.gender, "unknown")]
            else:
                source, group = scoped, []
                for subquery in self._nested.values():
                    source = source.outerjoin(subquery, subquery.c.analysis_id == scoped.c.id)
            statements[name] = (
                select(*keys, *group, *query.columns).select_from(source).group_by(*keys, *group)
            )
        return statements

    def run(self, connection: Connection) -> DayCounts:
        """Build the scoped table, execute the aggregates and gather the counts by outlet and day."""
        offsets, width = {}, 0
        for name, query in self.queries.items():
            offsets[name] = width
            width += query.width
        per_key: dict[tuple[str, date], np.ndarray] = {}
        create_scoped_table(connection, self.scope, self.topic_keys)
        try:
            for name, statement in self.statements().items():
                self._collect(connection, name, statement, offsets[name], width, per_key)
        finally:
            drop_scoped_table(connection)
        slots = {}
        for indicator_id, (name, *counts) in self._local.items():
            query, offset = self.queries[name], offsets[name]
            columns = [tuple(offset + aggregate * len(query.groups) + query.groups.index(group)
                             for aggregate, group in count) for count in counts]
            slots[indicator_id] = CountSlots(*columns)
        return DayCounts(per_key, width, slots)

    def _collect(self, connection: Connection, name: str, statement: Any, offset: int, width: int,
                 per_key: dict[tuple[str, date], np.ndarray]) -> None:
        query = self.queries[name]
        grouped = len(query.groups) > 1
        for row in connection.execute(statement):
            vector = per_key.setdefault((row[0], row[1]), np.zeros(width))
            group = query.groups.index(row[2]) if grouped else 0
            values = row[3:] if grouped else row[2:]
            for aggregate, value in enumerate(values):
                if value:
                    vector[offset + aggregate * len(query.groups) + group] = float(value)


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
