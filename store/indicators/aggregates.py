"""Per outlet × day counts for every indicator, as a few SQL aggregates.

One query per kind of row (people, quotes, analysed articles) computes the counts of every
indicator at once with filtered counts, grouped by outlet and publication day; people and
quotes are also grouped by gender, so "women with X" and "women or men with X" are one
filtered count split three ways instead of two counts. Article counts that hold only for
articles with a certain kind of person ("articles with people") get a query of their own,
restricted to those articles by a semi-join on ``person``, which the database runs in
parallel; a lookup per article inside the counts would not be. Day counts are additive, so any
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
from sqlalchemy import ColumnElement, Subquery, func, or_, select
from sqlalchemy.engine import Connection

from store.indicators.definitions import IndicatorDefinition, IndicatorSet
from store.indicators.fields import (
    SqlSources,
    all_of,
    author_weights,
    compile_filter,
    compile_filters,
    filter_conditions,
    nested_filters,
    nested_key,
    sql_key,
    topic_keys,
)
from store.indicators.periods import Period
from store.indicators.reviewed import effective_findings
from store.indicators.scope import Scope, ScopedTable, analysis_ids, scoped_analyses, scoped_table
from store.models import GENDERS, Person, Quote

# The field holding the gender of the counted row, per unit grouped by gender.
GENDER_FIELDS = {"person": "gender", "quote": "speaker_gender"}


def _count(condition: ColumnElement[bool] | None, weight: Any = None) -> ColumnElement[Any]:
    """COUNT (or SUM of ``weight``) over the rows meeting ``condition`` (None: every row).

    ``FILTER (WHERE ...)`` rather than ``SUM(CASE ...)``: the database skips the aggregate for
    rows that do not match, which is most rows for most indicators (SQLite 3.30+, PostgreSQL).
    The result is NULL when no row matches; readers treat NULL as 0.
    """
    aggregate = func.count() if weight is None else func.sum(weight)
    return aggregate if condition is None else aggregate.filter(condition)


@dataclass
class _Query:
    """Aggregates collected for one query; identical ones are computed once."""

    rows: str  # the rows counted: "person", "quote" or "analysis"
    groups: tuple[str, ...] = ("",)  # values of the extra grouping column (genders), if any
    # conditions every row counted by this query meets (article queries restricted to the
    # articles with a kind of person)
    required: tuple[ColumnElement[bool], ...] = ()
    columns: list[ColumnElement[Any]] = field(default_factory=list)
    conditions: dict[str, ColumnElement[bool] | None] = field(default_factory=dict)  # per column
    seen: dict[str, int] = field(default_factory=dict)
    groups_read: set[str] = field(default_factory=set)  # the groups some count adds up

    def add(self, condition: ColumnElement[bool] | None, weight: Any = None) -> int:
        expression = _count(condition, weight)
        key = sql_key(expression)
        if key not in self.seen:
            self.seen[key] = len(self.columns)
            self.columns.append(expression.label(f"c{len(self.columns)}"))
            self.conditions[key] = condition
        return self.seen[key]

    def rows_read(self) -> ColumnElement[bool] | None:
        """The rows at least one aggregate reads (None: all of them).

        The others need not be joined or aggregated at all, e.g. indirect quotes when every
        quote indicator counts direct ones.
        """
        if any(condition is None for condition in self.conditions.values()):
            return None
        return or_(*{sql_key(condition): condition for condition in self.conditions.values()}.values())

    @property
    def width(self) -> int:
        return len(self.columns) * len(self.groups)


Count = tuple[tuple[str, int, str], ...]  # (query, aggregate, group) triples that add up to one count


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
        nested = self._nested_filters()
        labels = {key: f"findings_{index}" for index, (key, (kind, _)) in enumerate(nested.items())
                  if kind == "finding"}
        self.scoped_spec = self._scoped_table(nested, labels)
        self.scoped = self.scoped_spec.table
        self.queries = {"person": _Query("person", GENDERS), "quote": _Query("quote", GENDERS),
                        "analysis": _Query("analysis")}
        self._finding_counts = {key: self.scoped.c[label] for key, label in labels.items()}
        self._nested_flags = {
            key: self._has_person(spec) if kind == "person" else self._finding_counts[key] > 0
            for key, (kind, spec) in nested.items()
        }
        # "has such a person" lookups (any person at all is the stored people_count instead)
        self._semi_joins = {sql_key(flag): flag for key, flag in self._nested_flags.items()
                            if nested[key][0] == "person" and nested[key][1]}
        self._local: dict[str, tuple[Count, ...]] = {}
        for definition in indicator_set.definitions:
            self._local[definition.id] = self._plan(definition)

    # -- sources -------------------------------------------------------------------------
    def _nested_filters(self) -> dict[str, tuple[str, Mapping[str, Any]]]:
        """nested_key → (person or finding, filter) for every nested filter of article indicators."""
        wanted: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for definition in self.indicator_set.definitions:
            if definition.unit == "article":
                for spec in (definition.numerator, definition.denominator):
                    for kind, nested in nested_filters(spec):
                        wanted[nested_key(kind, nested)] = (kind, nested)
        return dict(sorted(wanted.items()))

    def _scoped_table(self, nested: Mapping[str, tuple[str, Mapping[str, Any]]],
                      labels: Mapping[str, str]) -> ScopedTable:
        """The scoped table with the topics keys filters read and a column per nested finding filter."""
        keys = {key for definition in self.indicator_set.definitions
                for spec in (definition.numerator, definition.denominator, *(definition.groups or ()))
                for key in topic_keys(spec)}
        finding_counts = self._finding_counts_per_analysis(
            {labels[key]: spec for key, (kind, spec) in nested.items() if kind == "finding"})
        return scoped_table(keys, finding_counts)

    def _has_person(self, spec: Mapping[str, Any]) -> ColumnElement[bool]:
        """Whether the scoped article has at least one person meeting ``spec``."""
        if not spec:
            return self.scoped.c.people_count > 0
        person = Person.__table__
        condition = compile_filter(spec, "person_in_article", SqlSources(None, person=person))
        return select(person.c.id).where(person.c.analysis_id == self.scoped.c.id, condition).exists()

    def _finding_counts_per_analysis(self, wanted: Mapping[str, Mapping[str, Any]]) -> Subquery | None:
        """Per analysis in scope, the count of findings (after reviews) of each filter in ``wanted``."""
        if not wanted:
            return None
        findings = effective_findings(analysis_ids(self.scope))
        sources = SqlSources(None, finding=findings)  # finding fields read no other table
        return (
            select(findings.c.analysis_id, *(_count(compile_filters([spec], "finding", sources)).label(label)
                                             for label, spec in wanted.items()))
            .group_by(findings.c.analysis_id)
            .subquery("finding_counts")
        )

    def _sources(self, unit: str) -> SqlSources:
        sources = SqlSources(self.scoped, byline=self.scoped.c.byline)
        if unit == "person":
            sources.person = Person.__table__
        elif unit == "quote":
            sources.quote = Quote.__table__
        elif unit == "article":
            sources.nested_flags = self._nested_flags
        return sources

    @staticmethod
    def _gender(rows: str) -> ColumnElement[Any]:
        """The gender a row of the person or quote query is grouped by."""
        return Person.__table__.c.gender if rows == "person" else Quote.__table__.c.speaker_gender

    # -- planning --------------------------------------------------------------------------
    def _plan(self, definition: IndicatorDefinition) -> tuple[Count, ...]:
        """For each count of ``definition``: the (query, aggregate, group) triples adding up to it."""
        unit = definition.unit
        sources = self._sources(unit)
        if unit in GENDER_FIELDS:
            return self._gender_split_counts(definition, sources)
        if unit == "byline":
            denominator, numerator = (_without(spec, "author_gender") for spec in (definition.denominator,
                                                                                  definition.numerator))
            women, men = self.scoped.c.byline_women, self.scoped.c.byline_men
            return (self._article_count([denominator, numerator], unit, sources,
                                        author_weights(definition.numerator, women, men)),
                    self._article_count([denominator], unit, sources,
                                        author_weights(definition.denominator, women, men)))
        if definition.measure == "per_1000":
            events = self._finding_counts[nested_key("finding", definition.numerator["finding"])]
            return (self._article_count([definition.denominator], unit, sources, events),
                    self._article_count([definition.denominator], unit, sources))
        return (self._article_count([definition.denominator, definition.numerator], unit, sources),
                self._article_count([definition.denominator], unit, sources))

    def _article_count(self, specs: Sequence[Mapping[str, Any]], unit: str, sources: SqlSources,
                       weight: Any = None) -> Count:
        """A count (or sum of ``weight``) over the articles meeting every filter in ``specs``.

        "Has such a person" conditions that every counted article must meet become the
        query's semi-joins: counts sharing the same ones share a query. Inside an ``any`` list
        they stay a lookup per article.
        """
        conditions = filter_conditions(specs, unit, sources)
        required = sorted(key for key in conditions if key in self._semi_joins)
        name = "analysis" if not required else "analysis with " + " and ".join(required)
        query = self.queries.setdefault(
            name, _Query("analysis", required=tuple(self._semi_joins[key] for key in required)))
        rest = {key: condition for key, condition in conditions.items() if key not in required}
        return ((name, query.add(all_of(rest), weight), ""),)

    def _gender_split_counts(self, definition: IndicatorDefinition, sources: SqlSources) -> tuple[Count, ...]:
        """Counts of a person/quote indicator as filtered counts per gender group.

        Each count is (denominator ∧ numerator? ∧ group?); its gender condition becomes the
        set of gender groups summed, the rest a filtered count.
        """
        unit = definition.unit
        name = GENDER_FIELDS[unit]
        query = self.queries[unit]

        def count(*specs: Mapping[str, Any]) -> Count:
            genders = set(GENDERS)
            for spec in specs:
                genders &= _genders(spec, name)
            query.groups_read |= genders
            aggregate = query.add(compile_filters([_without(spec, name) for spec in specs], unit, sources))
            return tuple((unit, aggregate, gender) for gender in GENDERS if gender in genders)

        if definition.measure == "rate_ratio":
            assert definition.groups is not None
            focus, reference = definition.groups
            return (count(definition.denominator, definition.numerator, focus), count(definition.denominator, focus),
                    count(definition.denominator, definition.numerator, reference),
                    count(definition.denominator, reference))
        return count(definition.denominator, definition.numerator), count(definition.denominator)

    def statements(self) -> dict[str, Any]:
        """The SELECT of each non-empty query, grouped by outlet and day (and gender)."""
        scoped = self.scoped
        keys = [scoped.c.outlet_id, scoped.c.published_date]
        statements: dict[str, Any] = {}
        for name, query in self.queries.items():
            if not query.columns:
                continue
            rows_read = query.rows_read()
            conditions = [*query.required, *([] if rows_read is None else [rows_read])]
            group: list[ColumnElement[Any]] = []
            if query.rows == "person":
                person = Person.__table__
                source = person.join(scoped, scoped.c.id == person.c.analysis_id)
            elif query.rows == "quote":
                quote = Quote.__table__
                source = quote.join(scoped, scoped.c.id == quote.c.analysis_id)
            else:
                source = scoped
            if len(query.groups) > 1:
                group = [self._gender(query.rows)]
                if query.groups_read != set(query.groups):  # e.g. people of unknown gender
                    conditions.append(self._gender(query.rows).in_(sorted(query.groups_read)))
            statements[name] = (
                select(*keys, *group, *query.columns).select_from(source).where(*conditions)
                .group_by(*keys, *group)
            )
        return statements

    def run(self, connection: Connection) -> DayCounts:
        """Build the scoped table, execute the aggregates and gather the counts by outlet and day."""
        offsets, width = {}, 0
        for name, query in self.queries.items():
            offsets[name] = width
            width += query.width
        per_key: dict[tuple[str, date], np.ndarray] = {}
        with scoped_analyses(connection, self.scope, self.scoped_spec):
            for name, statement in self.statements().items():
                self._collect(connection, name, statement, offsets[name], width, per_key)
        slots = {}
        for indicator_id, counts in self._local.items():
            columns = [tuple(offsets[name] + aggregate * len(self.queries[name].groups)
                             + self.queries[name].groups.index(group) for name, aggregate, group in count)
                       for count in counts]
            slots[indicator_id] = CountSlots(*columns)
        return DayCounts(per_key, width, slots)

    def _collect(self, connection: Connection, name: str, statement: Any, offset: int, width: int,
                 per_key: dict[tuple[str, date], np.ndarray]) -> None:
        """Write one query's rows into the per outlet × day vectors, whole rows at a time."""
        query = self.queries[name]
        rows = connection.execute(statement).all()
        if not rows:
            return
        first = 3 if len(query.groups) > 1 else 2  # outlet, day (and gender), then the counts
        counts = np.nan_to_num(np.array([row[first:] for row in rows], dtype=float))
        columns = offset + np.arange(len(query.columns)) * len(query.groups)
        for row, values in zip(rows, counts):
            group = query.groups.index(row[2]) if first == 3 else 0
            per_key.setdefault((row[0], row[1]), np.zeros(width))[columns + group] = values


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
