"""Which analyses the indicators read, and a per-run table of them with their article fields.

The population rule: current, successfully analysed, published in the range, in the outlets,
and the outlet's own journalism (wire and syndicated copies left out as configured).

For a recompute the analyses in scope are written once to a temporary table together with
the article-level fields the filters read (byline counts, ``topics`` keys as booleans), so the
JSON is parsed once per article and not once per person or quote row, and the three aggregate
queries share the work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, ColumnElement, Date, Integer, Select, String, false, func, or_, select, text, true
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement, ColumnClause, Executable, TableClause, column, table

from store.indicators.definitions import Population
from store.indicators.fields import topic_column
from store.models import Analysis, Article

SCOPED_TABLE = "gw_scoped_analysis"
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


class _TopicsDocument(ColumnElement[Any]):
    """The ``topics`` column as a document that is cheap to read several keys from."""

    type = JSON()
    inherit_cache = True

    def __init__(self, source: ColumnElement[Any]) -> None:
        self.source = source


@compiles(_TopicsDocument)
def _topics_as_is(element: _TopicsDocument, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.source, **kw)


@compiles(_TopicsDocument, "postgresql")
def _topics_as_jsonb(element: _TopicsDocument, compiler: SQLCompiler, **kw: Any) -> str:
    # json is stored as text and re-parsed by every ->>; jsonb is parsed once per row.
    return f"CAST({compiler.process(element.source, **kw)} AS JSONB)"


class _CreateTemporaryTableAs(Executable, ClauseElement):
    inherit_cache = False

    def __init__(self, name: str, query: Select[Any]) -> None:
        self.name = name
        self.query = query


@compiles(_CreateTemporaryTableAs)
def _create_temporary_table_as(element: _CreateTemporaryTableAs, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CREATE TEMPORARY TABLE {element.name} AS {compiler.process(element.query, **kw)}"


def scoped_table(keys: Iterable[str]) -> TableClause:
    """The temporary table's columns, for building queries on it."""
    columns: list[ColumnClause[Any]] = [
        column("id", Integer), column("outlet_id", String), column("published_date", Date),
        column("women_central", Boolean), column("topic_gender_equality", Boolean),
        column("topic_gbv", Boolean), column("byline_women", Integer), column("byline_men", Integer),
    ]
    columns += [column(topic_column(key), Boolean) for key in sorted(set(keys))]
    return table(SCOPED_TABLE, *columns)


def create_scoped_table(connection: Connection, scope: Scope, keys: Iterable[str]) -> TableClause:
    """(Re)create the temporary table of the analyses in scope; drop it with :func:`drop_scoped_table`."""
    analysis = Analysis.__table__
    inner = (
        select(analysis.c.id, analysis.c.outlet_id, analysis.c.published_date, analysis.c.women_central,
               analysis.c.topic_gender_equality, analysis.c.topic_gbv, analysis.c.byline_women,
               analysis.c.byline_men, _TopicsDocument(analysis.c.topics).label("topics"))
        .where(*analysis_conditions(scope))
        .offset(0)  # keeps the planner from re-inlining the document into every key lookup
        .subquery("in_scope")
    )
    keys = sorted(set(keys))
    query = select(
        inner.c.id, inner.c.outlet_id, inner.c.published_date, inner.c.women_central,
        inner.c.topic_gender_equality, inner.c.topic_gbv,
        func.coalesce(inner.c.byline_women, 0).label("byline_women"),
        func.coalesce(inner.c.byline_men, 0).label("byline_men"),
        *(inner.c.topics[key].as_boolean().label(topic_column(key)) for key in keys),
    )
    drop_scoped_table(connection)
    if connection.dialect.name == "postgresql":
        # The aggregates hash a million-row table; the 4 MB default makes them spill to disk.
        connection.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
    connection.execute(_CreateTemporaryTableAs(SCOPED_TABLE, query))
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"ANALYZE {SCOPED_TABLE}"))
    return scoped_table(keys)


def drop_scoped_table(connection: Connection) -> None:
    connection.execute(text(f"DROP TABLE IF EXISTS {SCOPED_TABLE}"))
