"""Which analyses the indicators read, and a per-run table of them with their article fields.

The population rule: current, successfully analysed, published in the range, in the outlets,
and the outlet's own journalism (wire and syndicated copies left out as configured).

For a recompute the analyses in scope are written once to a per-run table together with the
article-level fields the filters read (byline counts and class, ``topics`` keys as booleans,
the number of people, how many of the findings nested filters ask about), so the aggregate
queries share that work and read each ``topics`` key once per article rather than once per
person or quote row. On PostgreSQL the table is unlogged rather than temporary so that those
queries run in parallel. Whether an article has people of a particular kind is not a column:
a lookup per article keeps PostgreSQL from filling the table in parallel, so the aggregates
semi-join ``person`` instead (see :mod:`store.indicators.aggregates`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean, ColumnElement, Date, Integer, Select, String, Subquery, false, func, or_, select,
    text, true,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement, ColumnClause, Executable, TableClause, column, table

from store.indicators.definitions import Population
from store.indicators.fields import byline_class, topic_column
from store.models import Analysis, Article

WORK_MEM = "256MB"  # per hash table, for the duration of one recompute transaction


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
    """Conditions on ``analysis`` selecting the population of ``scope``."""
    analysis = Analysis.__table__
    conditions: list[ColumnElement[bool]] = [
        analysis.c.is_current.is_(true()),
        analysis.c.error.is_(None),
        analysis.c.published_date.between(scope.first_day, scope.last_day),
    ]
    if scope.outlet_ids is not None:
        conditions.append(analysis.c.outlet_id.in_(scope.outlet_ids))
    if scope.population.exclude_wire_copy or scope.population.exclude_syndicated_copies:
        # NOT EXISTS (not NOT IN) lets the planner pick an anti-join: index probes for one
        # outlet-month, a hash of the few excluded ids for a full recompute.
        excluded = not_own_articles(scope.population).where(
            Article.__table__.c.id == analysis.c.article_id
        )
        conditions.append(~excluded.exists())
    return conditions


def analysis_ids(scope: Scope) -> Any:
    """A subquery of the ids of the analyses in scope (for small evidence queries)."""
    return select(Analysis.__table__.c.id).where(*analysis_conditions(scope)).subquery("in_scope")


class _CreateScopedTableAs(Executable, ClauseElement):
    inherit_cache = False

    def __init__(self, name: str, query: Select[Any]) -> None:
        self.name = name
        self.query = query


@compiles(_CreateScopedTableAs)
def _create_temporary_table_as(element: _CreateScopedTableAs, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CREATE TEMPORARY TABLE {element.name} AS {compiler.process(element.query, **kw)}"


@compiles(_CreateScopedTableAs, "postgresql")
def _create_unlogged_table_as(element: _CreateScopedTableAs, compiler: SQLCompiler, **kw: Any) -> str:
    # PostgreSQL never reads a temporary table with parallel workers (they cannot see the
    # session's local buffers); an unlogged table is parallel-safe and, like a temporary one,
    # writes no WAL. Created inside the recompute's transaction, no one else ever sees it, and
    # a rollback removes it.
    return f"CREATE UNLOGGED TABLE {element.name} AS {compiler.process(element.query, **kw)}"


@dataclass(frozen=True)
class ScopedTable:
    """A per-run table of the analyses in scope: its columns and what fills the derived ones."""

    table: TableClause
    topic_keys: tuple[str, ...]
    finding_counts: Subquery | None  # analysis_id and one count column per nested finding filter


def scoped_table(keys: Iterable[str], finding_counts: Subquery | None) -> ScopedTable:
    """A new scoped table's columns, for building queries on it before it exists.

    Each call names a new table, so concurrent recomputes never share one. The findings article
    filters ask about are counted once per analysis when the table is filled, not re-aggregated
    by the queries reading it: each count of ``finding_counts`` becomes an integer column (0
    without findings).
    """
    topic_keys = tuple(sorted(set(keys)))
    columns: list[ColumnClause[Any]] = [
        column("id", Integer), column("outlet_id", String), column("published_date", Date),
        column("women_central", Boolean), column("topic_gender_equality", Boolean),
        column("topic_gbv", Boolean), column("byline_women", Integer), column("byline_men", Integer),
        column("byline", String), column("people_count", Integer),
    ]
    columns += [column(topic_column(key), Boolean) for key in topic_keys]
    columns += [column(count.name, Integer) for count in _counts(finding_counts)]
    return ScopedTable(table(f"gw_scoped_{uuid.uuid4().hex}", *columns), topic_keys, finding_counts)


def _counts(finding_counts: Subquery | None) -> list[ColumnElement[Any]]:
    if finding_counts is None:
        return []
    return [count for count in finding_counts.c if count.name != "analysis_id"]


@contextmanager
def scoped_analyses(connection: Connection, scope: Scope, scoped: ScopedTable) -> Iterator[TableClause]:
    """Fill ``scoped`` with the analyses in scope for the duration of the block, then drop it."""
    name = scoped.table.name
    if connection.dialect.name == "postgresql":
        _tune_transaction(connection)
    connection.execute(_CreateScopedTableAs(name, _scoped_query(scope, scoped)))
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"ANALYZE {name}"))
    try:
        yield scoped.table
    except BaseException:
        with suppress(DBAPIError):  # an aborted transaction cannot drop it, but its rollback does
            _drop(connection, name)
        raise
    _drop(connection, name)


def _tune_transaction(connection: Connection) -> None:
    """Settings for the rest of the recompute's transaction (PostgreSQL)."""
    # The aggregates hash a million-row table; the 4 MB default makes them spill to disk.
    connection.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
    # Once plan costs pass jit_above_cost, compiling the wide filtered aggregates took about 3 s
    # of a full recompute in profiling, for queries that each run once.
    connection.execute(text("SET LOCAL jit = off"))
    # Filling the scoped table passes a million rows up from the parallel workers; at the
    # default cost of 0.1 per row the planner read them in one process instead (1.6 s → 1.1 s
    # in EXPLAIN ANALYZE with the lower cost, on the 1M benchmark).
    connection.execute(text("SET LOCAL parallel_tuple_cost = 0.01"))


def _scoped_query(scope: Scope, scoped: ScopedTable) -> Select[Any]:
    analysis = Analysis.__table__
    women = func.coalesce(analysis.c.byline_women, 0)
    men = func.coalesce(analysis.c.byline_men, 0)
    source: Any = analysis
    if scoped.finding_counts is not None:
        source = analysis.outerjoin(scoped.finding_counts, scoped.finding_counts.c.analysis_id == analysis.c.id)
    return select(
        analysis.c.id, analysis.c.outlet_id, analysis.c.published_date, analysis.c.women_central,
        analysis.c.topic_gender_equality, analysis.c.topic_gbv,
        women.label("byline_women"), men.label("byline_men"),
        # evaluated once here instead of once per person row and filter
        byline_class(women, men).label("byline"), analysis.c.people_count,
        *(analysis.c.topics[key].as_boolean().label(topic_column(key)) for key in scoped.topic_keys),
        *(func.coalesce(count, 0).label(count.name) for count in _counts(scoped.finding_counts)),
    ).select_from(source).where(*analysis_conditions(scope))


def _drop(connection: Connection, name: str) -> None:
    connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
