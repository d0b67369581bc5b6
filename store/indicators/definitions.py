"""Indicator definitions from ``config/indicators.yaml``, validated with line numbers.

A definition says what is counted (``unit``), how counts become a value (``measure``), the
numerator and denominator filters, and how the value is judged (direction, default target,
minimum sample). Semantic rules that a JSON schema cannot express (unique ids, shares whose
denominator excludes unknown gender, a band's order) are checked here with the same
``file:line: reason`` messages.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from store.indicators.fields import FIELDS, UNITS, filter_schema
from store.indicators.yaml_validation import ConfigFileError, line_of, read_config_text, validate_text

DEFINITIONS_FILE = "indicators.yaml"
MEASURES = ("share", "rate", "rate_ratio", "per_1000")
DIRECTIONS = ("higher_is_better", "lower_is_better", "band")
# Which measures make sense for which unit.
MEASURE_UNITS = {
    "share": ("person", "quote", "byline"),
    "rate": ("article",),
    "rate_ratio": ("person",),
    "per_1000": ("article",),
}
# Bump when the way values are computed changes, so stored values are recomputed.
FORMULA_VERSION = "1"


@dataclass(frozen=True)
class Population:
    """Which articles count as the outlet's own journalism (see the method note)."""

    exclude_wire_copy: bool
    exclude_syndicated_copies: bool
    note_vi: str
    note_en: str


@dataclass(frozen=True)
class IndicatorDefinition:
    """One content indicator, as written in ``config/indicators.yaml``."""

    id: str
    name_vi: str
    name_en: str
    section: str
    reference: str
    unit: str
    measure: str
    numerator: Mapping[str, Any] = field(hash=False)
    denominator: Mapping[str, Any] = field(hash=False)
    groups: tuple[Mapping[str, Any], Mapping[str, Any]] | None = field(hash=False)
    direction: str
    target: float
    target_high: float | None
    min_sample: int
    method_vi: str
    method_en: str
    line: int

    @property
    def value_format(self) -> str:
        """``percent`` for shares and rates, ``ratio`` for rate ratios, ``per_1000`` for densities."""
        return {"rate_ratio": "ratio", "per_1000": "per_1000"}.get(self.measure, "percent")


@dataclass(frozen=True)
class IndicatorSet:
    """All definitions plus the population rule and a digest of the file's content."""

    definitions: tuple[IndicatorDefinition, ...]
    population: Population
    digest: str
    source: Path

    def by_id(self) -> dict[str, IndicatorDefinition]:
        return {definition.id: definition for definition in self.definitions}


def _text(max_length: int = 400) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": max_length}


def definitions_schema() -> dict[str, Any]:
    """JSON schema (2020-12) of ``config/indicators.yaml``, built from the filter vocabulary."""
    filter_ref = {"$ref": "#/$defs/filter"}
    indicator = {
        "type": "object",
        "required": ["id", "name_vi", "name_en", "section", "unit", "measure", "numerator",
                     "denominator", "direction", "target", "min_sample", "method_vi", "method_en"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^C[0-9]{2}[a-z]?$"},
            "name_vi": _text(200), "name_en": _text(200),
            "section": {"type": "string", "pattern": "^B[12](\\.[0-9](\\.[a-f])?)?$"},
            "reference": _text(200),
            "unit": {"enum": list(UNITS)},
            "measure": {"enum": list(MEASURES)},
            "numerator": filter_ref, "denominator": filter_ref,
            "groups": {
                "type": "object", "required": ["focus", "reference"], "additionalProperties": False,
                "properties": {"focus": filter_ref, "reference": filter_ref},
            },
            "direction": {"enum": list(DIRECTIONS)},
            "target": {"oneOf": [
                {"type": "number", "minimum": 0},
                {"type": "array", "prefixItems": [{"type": "number", "minimum": 0}] * 2,
                 "minItems": 2, "maxItems": 2},
            ]},
            "min_sample": {"type": "integer", "minimum": 1},
            "method_vi": _text(), "method_en": _text(),
        },
        "allOf": [
            {"if": {"properties": {"unit": {"const": unit}}},
             "then": {"properties": {
                 "numerator": {"$ref": f"#/$defs/filter_{unit}"},
                 "denominator": {"$ref": f"#/$defs/filter_{unit}"},
                 "groups": {"properties": {"focus": {"$ref": f"#/$defs/filter_{unit}"},
                                           "reference": {"$ref": f"#/$defs/filter_{unit}"}}},
             }}}
            for unit in UNITS
        ] + [
            {"if": {"properties": {"direction": {"const": "band"}}},
             "then": {"properties": {"target": {"type": "array"}}}},
            {"if": {"properties": {"direction": {"enum": ["higher_is_better", "lower_is_better"]}}},
             "then": {"properties": {"target": {"type": "number"}}}},
            {"if": {"properties": {"measure": {"const": "rate_ratio"}}},
             "then": {"required": ["groups"]}, "else": {"not": {"required": ["groups"]}}},
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "genderwatch indicator definitions",
        "type": "object",
        "required": ["version", "population", "indicators"],
        "additionalProperties": False,
        "properties": {
            "version": {"const": 1},
            "population": {
                "type": "object", "additionalProperties": False,
                "required": ["exclude_wire_copy", "exclude_syndicated_copies", "note_vi", "note_en"],
                "properties": {
                    "exclude_wire_copy": {"type": "boolean"},
                    "exclude_syndicated_copies": {"type": "boolean"},
                    "note_vi": _text(1000), "note_en": _text(1000),
                },
            },
            "indicators": {"type": "array", "minItems": 1, "items": indicator},
        },
        "$defs": {
            "filter": {"type": "object"},
            **{f"filter_{unit}": filter_schema(unit) for unit in FIELDS},
        },
    }


def _semantic_errors(raw: Mapping[str, Any], index: int, root: yaml.Node) -> tuple[int, str] | None:
    base: list[str | int] = ["indicators", index]
    unit, measure = raw["unit"], raw["measure"]
    if unit not in MEASURE_UNITS[measure]:
        return line_of(root, base + ["measure"]), (
            f"{raw['id']}: measure '{measure}' cannot count unit '{unit}' "
            f"(allowed units: {', '.join(MEASURE_UNITS[measure])})"
        )
    gender_field = {"person": "gender", "quote": "speaker_gender", "byline": "author_gender"}.get(unit)
    if measure == "share" and gender_field:
        genders = raw["denominator"].get(gender_field)
        genders = set(genders if isinstance(genders, list) else [genders])
        if genders != {"female", "male"}:
            return line_of(root, base + ["denominator"]), (
                f"{raw['id']}: a share's denominator must set {gender_field}: [female, male] "
                "(unknown gender is excluded from shares)"
            )
    if measure == "per_1000" and set(raw["numerator"]) != {"finding"}:
        return line_of(root, base + ["numerator"]), (
            f"{raw['id']}: a per_1000 numerator counts findings and must be exactly 'finding: {{...}}'"
        )
    if isinstance(raw["target"], list):
        low, high = raw["target"]
        if low > high:
            return line_of(root, base + ["target"]), f"{raw['id']}: band target [{low}, {high}] is reversed"
    if raw["measure"] in ("share", "rate") and max(_as_pair(raw["target"])) > 1:
        return line_of(root, base + ["target"]), (
            f"{raw['id']}: a {measure} target is a proportion between 0 and 1, got {raw['target']}"
        )
    return None


def _as_pair(target: float | list[float]) -> list[float]:
    return list(target) if isinstance(target, list) else [target]


def _build(raw: Mapping[str, Any], line: int) -> IndicatorDefinition:
    target = raw["target"]
    groups = raw.get("groups")
    return IndicatorDefinition(
        id=raw["id"], name_vi=raw["name_vi"], name_en=raw["name_en"], section=raw["section"],
        reference=raw.get("reference", ""), unit=raw["unit"], measure=raw["measure"],
        numerator=raw["numerator"], denominator=raw["denominator"],
        groups=(groups["focus"], groups["reference"]) if groups else None,
        direction=raw["direction"],
        target=float(target[0] if isinstance(target, list) else target),
        target_high=float(target[1]) if isinstance(target, list) else None,
        min_sample=raw["min_sample"], method_vi=raw["method_vi"], method_en=raw["method_en"],
        line=line,
    )


def load_indicator_set(config_dir: Path, filename: str = DEFINITIONS_FILE) -> IndicatorSet:
    """Read and validate the definitions; any mistake raises ConfigFileError with its line.

    Validation runs once per distinct file content: the dashboard and every recompute call
    this, and the schema check is the slow part.
    """
    path = Path(config_dir) / filename
    return _parse_indicator_set(str(path), read_config_text(path))


@lru_cache(maxsize=8)
def _parse_indicator_set(source: str, text: str) -> IndicatorSet:
    data, root = validate_text(text, definitions_schema(), source=source)
    seen: dict[str, int] = {}
    definitions = []
    for index, raw in enumerate(data["indicators"]):
        line = line_of(root, ["indicators", index])
        if raw["id"] in seen:
            raise ConfigFileError(
                f"{source}:{line_of(root, ['indicators', index, 'id'])}: duplicate indicator id "
                f"'{raw['id']}' (first defined on line {seen[raw['id']]})"
            )
        seen[raw["id"]] = line
        if problem := _semantic_errors(raw, index, root):
            raise ConfigFileError(f"{source}:{problem[0]}: {problem[1]}")
        definitions.append(_build(raw, line))
    digest = hashlib.sha256((FORMULA_VERSION + text).encode()).hexdigest()
    return IndicatorSet(tuple(definitions), Population(**data["population"]), digest, Path(source))


def load_definitions(config_dir: Path) -> list[IndicatorDefinition]:
    """The content indicators of ``config_dir/indicators.yaml``, in file order."""
    return list(load_indicator_set(config_dir).definitions)
