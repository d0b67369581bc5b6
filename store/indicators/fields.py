"""The vocabulary of indicator filters and its translation into SQL conditions.

An indicator's numerator and denominator are *filters*: YAML mappings from a field name to a
value (or a list of accepted values), all of which must hold; ``any: [filter, ...]`` accepts a
row when one of the listed filters holds. Which fields exist depends on the unit counted:

- ``person``: a person in the news (after coreference), plus the article fields below;
- ``quote``: one quote, with its speaker's gender, plus the article fields;
- ``byline``: the gendered authors of one article, counted fractionally (1/n each);
- ``article``: one analysed article; ``person: {...}`` / ``finding: {...}`` hold when the
  article has at least one such person / one such finding (after review decisions).

This module is the single source of that vocabulary: the JSON schema of
``config/indicators.yaml`` and the SQL both come from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Float, Numeric, and_, case, cast, false, or_, true

from store.models import CATEGORIES, FUNCTIONS, GENDERS, SEVERITIES, VOICES

UNITS = ("person", "quote", "byline", "article")
ASSESSED = "assessed"
BYLINE_GENDERS = ("female", "male", "mixed", "unknown")


@dataclass(frozen=True)
class FieldSpec:
    """One filter field: how its value is written and which table column it reads."""

    kind: str  # "enum" | "bool" | "int_set" | "topics" | "nested"
    source: str  # "person" | "quote" | "analysis" | "finding" | "byline"
    column: str
    values: tuple[Any, ...] = ()


_ARTICLE_FIELDS: dict[str, FieldSpec] = {
    "women_central": FieldSpec("bool", "analysis", "women_central"),
    "topic_gender_equality": FieldSpec("bool", "analysis", "topic_gender_equality"),
    "topic_gbv": FieldSpec("bool", "analysis", "topic_gbv"),
    "topics": FieldSpec("topics", "analysis", "topics"),
    "byline": FieldSpec("enum", "byline", "byline", BYLINE_GENDERS),
}
_PERSON_FIELDS: dict[str, FieldSpec] = {
    "gender": FieldSpec("enum", "person", "gender", GENDERS),
    "quoted": FieldSpec("enum", "person", "quoted", ("direct", "indirect", "none")),
    "function": FieldSpec("enum", "person", "function", FUNCTIONS),
    "occupation_group": FieldSpec("int_set", "person", "occupation_group", tuple(range(28))),
    "occupation_given": FieldSpec("bool", "person", "occupation"),
    "family_role": FieldSpec("bool", "person", "family_role"),
    "age_given": FieldSpec("bool", "person", "age_given"),
    "appearance_described": FieldSpec("bool", "person", "appearance_described"),
    "victim": FieldSpec("bool", "person", "victim"),
    "survivor": FieldSpec("bool", "person", "survivor"),
}
_FINDING_FIELDS: dict[str, FieldSpec] = {
    "category": FieldSpec("enum", "finding", "category", CATEGORIES),
    "severity": FieldSpec("enum", "finding", "severity", SEVERITIES),
    "voice": FieldSpec("enum", "finding", "voice", VOICES),
}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "person": {**_PERSON_FIELDS, **_ARTICLE_FIELDS},
    "quote": {
        "kind": FieldSpec("enum", "quote", "kind", ("direct", "indirect")),
        "speaker_gender": FieldSpec("enum", "quote", "speaker_gender", GENDERS),
        **_ARTICLE_FIELDS,
    },
    "byline": {
        "author_gender": FieldSpec("enum", "byline", "author_gender", ("female", "male")),
        **_ARTICLE_FIELDS,
    },
    "article": {
        **_ARTICLE_FIELDS,
        "person": FieldSpec("nested", "person", "person"),
        "finding": FieldSpec("nested", "finding", "finding"),
    },
    "person_in_article": _PERSON_FIELDS,
    "finding": _FINDING_FIELDS,
}


def _one_or_many(item_schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [item_schema, {"type": "array", "items": item_schema, "minItems": 1,
                                    "uniqueItems": True}]}


def filter_schema(unit: str) -> dict[str, Any]:
    """JSON schema of a filter for ``unit`` (a nested ``any`` list included)."""
    properties: dict[str, Any] = {}
    for name, spec in FIELDS[unit].items():
        if spec.kind == "enum":
            properties[name] = _one_or_many({"enum": list(spec.values)})
        elif spec.kind == "int_set":
            properties[name] = _one_or_many({"type": "integer", "minimum": 0, "maximum": 27})
        elif spec.kind == "bool":
            properties[name] = {"type": "boolean"}
        elif spec.kind == "topics":
            properties[name] = {
                "type": "object", "minProperties": 1,
                "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                "additionalProperties": {"oneOf": [{"type": "boolean"}, {"const": ASSESSED}]},
            }
        else:
            nested = "person_in_article" if name == "person" else "finding"
            properties[name] = {"$ref": f"#/$defs/filter_{nested}"}
    properties["any"] = {"type": "array", "minItems": 2, "items": {"$ref": f"#/$defs/filter_{unit}"}}
    return {"type": "object", "properties": properties, "additionalProperties": False}


@dataclass
class SqlSources:
    """The columns a filter may read in one aggregate query."""

    analysis: Any
    person: Any = None
    quote: Any = None
    finding: Any = None
    byline: ColumnElement[Any] | None = None  # the article's byline class, see byline_class
    nested_flags: Mapping[str, ColumnElement[bool]] | None = None  # nested_key → "the article has one"


def nested_key(kind: str, spec: Mapping[str, Any]) -> str:
    """A stable name for an ``article`` unit's nested person/finding filter."""
    import json

    return kind + ":" + json.dumps(spec, sort_keys=True, ensure_ascii=False)


def byline_class(women: ColumnElement[Any], men: ColumnElement[Any]) -> ColumnElement[Any]:
    """female / male / mixed / unknown from the byline gender counts of an analysis."""
    w, m = women, men
    return case(
        (and_(w > 0, m > 0), "mixed"),
        (w > 0, "female"),
        (m > 0, "male"),
        else_="unknown",
    )


def compile_filter(spec: Mapping[str, Any], unit: str, sources: SqlSources) -> ColumnElement[bool]:
    """The SQL condition of ``spec`` for one row of ``unit`` (an empty filter is TRUE)."""
    return and_(true(), *_conditions(spec, unit, sources))


def filter_conditions(specs: Iterable[Mapping[str, Any]], unit: str,
                      sources: SqlSources) -> dict[str, ColumnElement[bool]]:
    """The conditions that together say every filter in ``specs`` holds, by their SQL text.

    A numerator repeats its denominator's conditions; each distinct condition is kept once.
    """
    conditions: dict[str, ColumnElement[bool]] = {}
    for spec in specs:
        for condition in _conditions(spec, unit, sources):
            conditions.setdefault(sql_key(condition), condition)
    return conditions


def all_of(conditions: Mapping[str, ColumnElement[bool]]) -> ColumnElement[bool] | None:
    """The conjunction of ``conditions`` in a canonical order (None when there are none).

    Equal sets of conditions compile to equal SQL, so equal counts share one aggregate.
    """
    return and_(*(conditions[key] for key in sorted(conditions))) if conditions else None


def compile_filters(specs: Iterable[Mapping[str, Any]], unit: str,
                    sources: SqlSources) -> ColumnElement[bool] | None:
    """The condition that every filter in ``specs`` holds, or None when they all accept every row."""
    return all_of(filter_conditions(specs, unit, sources))


def sql_key(expression: ColumnElement[Any]) -> str:
    """The SQL text of ``expression`` with its values inlined: equal text, equal result."""
    return str(expression.compile(compile_kwargs={"literal_binds": True}))


def _conditions(spec: Mapping[str, Any], unit: str, sources: SqlSources) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for name, value in spec.items():
        if name == "any":
            conditions.append(or_(*(compile_filter(option, unit, sources) for option in value)))
            continue
        field = FIELDS[unit][name]
        conditions.append(_field_condition(name, field, value, sources))
    return conditions


def _field_condition(name: str, field: FieldSpec, value: Any, sources: SqlSources) -> ColumnElement[bool]:
    if field.kind == "nested":
        assert sources.nested_flags is not None
        return sources.nested_flags[nested_key(name, value)]
    if field.kind == "topics":
        return and_(*(_topic_condition(sources.analysis, key, wanted) for key, wanted in value.items()))
    if field.source == "byline":
        assert sources.byline is not None
        if field.column == "author_gender":
            raise ValueError("author_gender is a weight, not a condition")  # handled by the caller
        return sources.byline.in_(_as_list(value))
    table = {
        "analysis": sources.analysis, "person": sources.person, "quote": sources.quote,
        "finding": sources.finding,
    }[field.source]
    column = table.c[field.column]
    if field.kind == "bool":
        if field.column == "occupation":
            return column.isnot(None) if value else column.is_(None)
        return column.is_(true()) if value else column.is_(false())
    return column.in_(_as_list(value))


def topic_column(key: str) -> str:
    """Name of the column holding ``topics[key]`` in the scoped analyses."""
    return f"topic__{key}"


def topic_keys(spec: Mapping[str, Any]) -> set[str]:
    """Every ``topics`` key a filter reads, nested ``any`` lists included."""
    keys = set(spec.get("topics", {}))
    for option in spec.get("any", []):
        keys |= topic_keys(option)
    return keys


def _topic_condition(analysis: Any, key: str, wanted: bool | str) -> ColumnElement[bool]:
    flag = analysis.c[topic_column(key)]
    if wanted == ASSESSED:
        return flag.isnot(None)
    return flag == (true() if wanted else false())


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def nested_filters(spec: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Every nested ``person``/``finding`` filter inside an ``article`` filter."""
    found: list[tuple[str, Mapping[str, Any]]] = []
    for name, value in spec.items():
        if name == "any":
            for option in value:
                found.extend(nested_filters(option))
        elif name in ("person", "finding"):
            found.append((name, value))
    return found


# Exact decimals on PostgreSQL: their sums do not depend on the order rows are added in, which
# parallel aggregation changes from run to run (float sums would differ in the last digit).
_WEIGHT = Float().with_variant(Numeric(), "postgresql")


def author_weights(spec: Mapping[str, Any], women: ColumnElement[Any],
                   men: ColumnElement[Any]) -> ColumnElement[Any]:
    """Fraction of an article's gendered authors selected by ``author_gender`` (1/n each)."""
    wanted = _as_list(spec.get("author_gender", ["female", "male"]))
    parts = [women if gender == "female" else men for gender in wanted]
    selected = parts[0] if len(parts) == 1 else parts[0] + parts[1]
    return case((women + men > 0, cast(selected, _WEIGHT) / (women + men)), else_=0)
