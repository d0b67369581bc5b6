"""The organisational self-assessment (A1–A5): form, answers, storage and scoring.

The form lives in ``config/self_assessment.yaml``. Answers are a mapping item id → answer
(``null`` for not answered / not applicable), validated against a JSON schema built from the
form, stored in ``self_assessment.answers`` per outlet and year, and scored like content
indicators: each answered item gets a value, a target and met / not met; an area's and the
whole form's compliance is items met / items evaluable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from sqlmodel import Session, select

from genderwatch.errors import GenderwatchError
from store.indicators.stats import target_met
from store.indicators.yaml_validation import ConfigFileError, explain, load_validated
from store.models import Outlet, SelfAssessment
from store.types import utcnow

FORM_FILE = "self_assessment.yaml"
ITEM_TYPES = ("ratio", "staff_table", "yes_no", "count")
AREAS = ("A1", "A2", "A3", "A4", "A5")

_COUNT = {"type": "integer", "minimum": 0}
_RATIO = {"type": "object", "required": ["women", "total"], "additionalProperties": False,
          "properties": {"women": _COUNT, "total": _COUNT}}


def form_schema() -> dict[str, Any]:
    """JSON schema of ``config/self_assessment.yaml``."""
    text = {"type": "string", "minLength": 1, "maxLength": 300}
    item = {
        "type": "object",
        "required": ["id", "area", "label_vi", "label_en", "type"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^ORG-A[1-5]-[0-9]+$"},
            "area": {"enum": list(AREAS)},
            "label_vi": text, "label_en": text,
            "type": {"enum": list(ITEM_TYPES)},
            "categories": {"type": "object", "minProperties": 1,
                           "propertyNames": {"pattern": "^[a-z_]+$"}, "additionalProperties": text},
            "direction": {"enum": ["higher_is_better", "band"]},
            "target": {"oneOf": [{"type": "number", "minimum": 0},
                                 {"type": "array", "items": {"type": "number", "minimum": 0},
                                  "minItems": 2, "maxItems": 2}]},
        },
        "allOf": [
            {"if": {"properties": {"type": {"const": "staff_table"}}}, "then": {"required": ["categories"]},
             "else": {"not": {"required": ["categories"]}}},
            {"if": {"properties": {"type": {"enum": ["ratio", "staff_table", "count"]}}},
             "then": {"required": ["direction", "target"]}},
            {"if": {"properties": {"direction": {"const": "band"}}},
             "then": {"properties": {"target": {"type": "array"}}}},
        ],
    }
    area = {"type": "object", "required": ["name_vi", "name_en"], "additionalProperties": False,
            "properties": {"name_vi": text, "name_en": text}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object", "required": ["version", "areas", "items"], "additionalProperties": False,
        "properties": {
            "version": {"const": 1},
            "areas": {"type": "object", "required": list(AREAS), "additionalProperties": False,
                      "properties": {name: area for name in AREAS}},
            "items": {"type": "array", "minItems": 1, "items": item},
        },
    }


@dataclass(frozen=True)
class FormItem:
    """One question of the form and how its answer is judged."""

    id: str
    area: str
    label_vi: str
    label_en: str
    type: str
    categories: Mapping[str, str]
    direction: str
    target: float
    target_high: float | None

    def answer_schema(self) -> dict[str, Any]:
        if self.type == "ratio":
            answer: dict[str, Any] = _RATIO
        elif self.type == "staff_table":
            answer = {"type": "object", "minProperties": 1, "additionalProperties": False,
                      "properties": {name: _RATIO for name in self.categories}}
        elif self.type == "yes_no":
            answer = {"type": "boolean"}
        else:
            answer = _COUNT
        return {"oneOf": [{"type": "null"}, answer]}


@dataclass(frozen=True)
class SelfAssessmentForm:
    """The A1–A5 form: area names and items in order."""

    areas: Mapping[str, tuple[str, str]]  # area → (Vietnamese, English) name
    items: tuple[FormItem, ...]

    def answers_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": False,
                "properties": {item.id: item.answer_schema() for item in self.items}}


@dataclass(frozen=True)
class ItemScore:
    item: FormItem
    value: float | None
    met: bool | None


@dataclass(frozen=True)
class SelfAssessmentScore:
    """Scores of one filled-in form."""

    items: tuple[ItemScore, ...]

    def area(self, area: str) -> tuple[int, int]:
        """(items met, items evaluable) in ``area``."""
        scores = [score for score in self.items if score.item.area == area and score.met is not None]
        return sum(1 for score in scores if score.met), len(scores)

    @property
    def percent(self) -> float | None:
        evaluable = [score for score in self.items if score.met is not None]
        return 100.0 * sum(1 for score in evaluable if score.met) / len(evaluable) if evaluable else None


def load_form(config_dir: Path) -> SelfAssessmentForm:
    """Read and validate ``config_dir/self_assessment.yaml``."""
    path = Path(config_dir) / FORM_FILE
    data, _ = load_validated(path, form_schema())
    ids = [raw["id"] for raw in data["items"]]
    if len(ids) != len(set(ids)):
        duplicate = next(item_id for item_id in ids if ids.count(item_id) > 1)
        raise ConfigFileError(f"{path}: duplicate item id '{duplicate}'")
    items = []
    for raw in data["items"]:
        target = raw.get("target", 1)
        items.append(FormItem(
            id=raw["id"], area=raw["area"], label_vi=raw["label_vi"], label_en=raw["label_en"],
            type=raw["type"], categories=raw.get("categories", {}),
            direction=raw.get("direction", "higher_is_better"),
            target=float(target[0] if isinstance(target, list) else target),
            target_high=float(target[1]) if isinstance(target, list) else None,
        ))
    areas = {name: (area["name_vi"], area["name_en"]) for name, area in data["areas"].items()}
    return SelfAssessmentForm(areas, tuple(items))


def validate_answers(form: SelfAssessmentForm, answers: Any) -> dict[str, Any]:
    """Check answers against the form; returns them with every item present (None if blank)."""
    error = best_match(Draft202012Validator(form.answers_schema()).iter_errors(answers))
    if error is not None:
        where = ".".join(str(step) for step in error.absolute_path) or "answers"
        message = explain(error)
        if error.validator == "additionalProperties":
            message = f"{message}; the form's items are {', '.join(item.id for item in form.items)}"
        raise GenderwatchError(f"phiếu tự đánh giá không hợp lệ / invalid self-assessment: {where}: {message}")
    for item in form.items:
        answer = answers.get(item.id)
        for ratio in _ratios(item, answer):
            if ratio["women"] > ratio["total"]:
                raise GenderwatchError(
                    f"phiếu tự đánh giá không hợp lệ / invalid self-assessment: {item.id}: "
                    f"women ({ratio['women']}) exceeds total ({ratio['total']})"
                )
    return {item.id: answers.get(item.id) for item in form.items}


def _ratios(item: FormItem, answer: Any) -> list[Mapping[str, int]]:
    if answer is None:
        return []
    if item.type == "ratio":
        return [answer]
    if item.type == "staff_table":
        return list(answer.values())
    return []


def _value(item: FormItem, answer: Any) -> float | None:
    if answer is None:
        return None
    if item.type == "yes_no":
        return 1.0 if answer else 0.0
    if item.type == "count":
        return float(answer)
    ratios = _ratios(item, answer)
    total = sum(ratio["total"] for ratio in ratios)
    return sum(ratio["women"] for ratio in ratios) / total if total else None


def score_self_assessment(form: SelfAssessmentForm, answers: Mapping[str, Any]) -> SelfAssessmentScore:
    """Value and met / not met for every item (None where unanswered or empty)."""
    scores = []
    for item in form.items:
        value = _value(item, answers.get(item.id))
        scores.append(ItemScore(item, value, target_met(value, item.direction, item.target, item.target_high)))
    return SelfAssessmentScore(tuple(scores))


def save_self_assessment(session: Session, form: SelfAssessmentForm, outlet_id: str, year: int,
                         answers: Any, *, submit: bool, user_id: int | None = None) -> SelfAssessment:
    """Store an outlet's answers for ``year`` as a draft or as submitted.

    A submitted assessment is only replaced by another submission, never turned back into a
    draft, so the adoption count cannot drop by accident.
    """
    if session.get(Outlet, outlet_id) is None:
        raise GenderwatchError(f"không có cơ quan báo chí / unknown outlet '{outlet_id}'")
    if not 2000 <= year <= 2100:
        raise GenderwatchError(f"năm không hợp lệ / invalid year {year}")
    clean = validate_answers(form, answers)
    row = session.exec(select(SelfAssessment).where(
        SelfAssessment.outlet_id == outlet_id, SelfAssessment.year == year
    )).first()
    if row is not None and row.status == "submitted" and not submit:
        raise GenderwatchError(
            f"{outlet_id} đã nộp phiếu năm {year} / already submitted for {year}: submit again to replace it"
        )
    row = row or SelfAssessment(outlet_id=outlet_id, year=year)
    row.answers, row.updated_at = clean, utcnow()
    if submit:
        row.status, row.submitted_by, row.submitted_at = "submitted", user_id, utcnow()
    session.add(row)
    session.flush()
    return row


def stored_self_assessment(session: Session, outlet_id: str, year: int) -> SelfAssessment | None:
    return session.exec(select(SelfAssessment).where(
        SelfAssessment.outlet_id == outlet_id, SelfAssessment.year == year
    )).first()
