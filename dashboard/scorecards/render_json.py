"""Scorecard as JSON: every figure with its counts, for other systems and archiving."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dashboard.scorecards.atomic import write_atomically
from dashboard.scorecards.model import Scorecard
from dashboard.scorecards.text import status_text


def _period(period) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"label": period.label, "label_vi": period.label_vi, "kind": period.kind,
            "start": period.start.isoformat(), "end": period.end.isoformat()}


def scorecard_dict(card: Scorecard) -> dict[str, Any]:
    """A plain, JSON-ready dictionary of the scorecard."""
    return {
        "scope": card.scope, "subject": card.subject, "outlet_id": card.outlet_id,
        "province": card.province, "period": _period(card.period),
        "previous_period": _period(card.previous_period),
        "generated_at": card.generated_at.isoformat(),
        "compliance": {"met": card.met, "evaluable": card.evaluable, "percent": card.compliance_percent},
        "indicators": [
            {
                "id": row.definition.id, "name_vi": row.definition.name_vi,
                "name_en": row.definition.name_en, "section": row.definition.section,
                "unit": row.definition.unit, "measure": row.definition.measure,
                **{key: value for key, value in asdict(row.result).items() if key != "indicator_id"},
                "status_vi": status_text(row.result),
                "previous_value": row.previous.value if row.previous else None,
                "change": row.change, "method_vi": row.definition.method_vi,
                "method_en": row.definition.method_en,
            }
            for row in card.rows
        ],
        "samples": {key: value.isoformat() if hasattr(value, "isoformat") else value
                    for key, value in asdict(card.samples).items()},
        "flagged_articles": [
            {"article_id": article.article_id, "outlet_id": article.outlet_id, "title": article.title,
             "url": article.url,
             "published_date": article.published_date.isoformat() if article.published_date else None,
             "findings": [asdict(finding) for finding in article.findings]}
            for article in card.flagged
        ],
        "self_assessment": None if card.self_assessment is None else {
            "status": card.self_assessment_status, "percent": card.self_assessment.percent,
            "items": [{"id": score.item.id, "area": score.item.area, "label_vi": score.item.label_vi,
                       "value": score.value, "met": score.met} for score in card.self_assessment.items],
        },
        "outlets": [asdict(outlet) for outlet in card.outlets],
        "adoption": None if card.adoption is None else {
            **asdict(card.adoption), "share": card.adoption.share,
            "targets": {"2025": 0.70, "2030": 0.90},
        },
        "population": asdict(card.population),
    }


def render_json(card: Scorecard, path: Path) -> Path:
    text = json.dumps(scorecard_dict(card), ensure_ascii=False, indent=2)
    return write_atomically(path, lambda temporary: temporary.write_text(text + "\n", encoding="utf-8"))
