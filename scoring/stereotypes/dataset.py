"""Labelled stereotype records (JSON Lines), as the annotators write them.

Record format (taxonomy.md, plus the split and provenance fields of the data cards)::

    {"id", "split", "text", "stereotyped", "findings": [{"category", "severity", "voice",
     "evidence"}], "critique", "kind", "negative_type", "topic"}

``evidence`` must occur in ``text``; a record that breaks the format stops loading with its
file and line, because a silently dropped record changes every figure computed from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.labelled_data import load_jsonl
from scoring.stereotypes.lexicon import Category

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "stereotypes"


class LabelledFinding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    category: Category  # type: ignore[valid-type]
    severity: Literal["overt", "subtle"]
    voice: Literal["outlet", "quote"]
    evidence: str = Field(min_length=1)


class Record(BaseModel):
    """One labelled sentence or short passage."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    text: str = Field(min_length=1)
    stereotyped: bool
    findings: tuple[LabelledFinding, ...] = ()
    split: str | None = None
    critique: bool = False
    kind: Literal["positive", "quoted", "hard_negative", "neutral"] | None = None
    negative_type: str | None = None
    topic: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Record":
        for finding in self.findings:
            if finding.evidence not in self.text:
                raise ValueError(f"evidence {finding.evidence!r} does not occur in the text")
        outlet = any(finding.voice == "outlet" for finding in self.findings)
        if outlet != self.stereotyped:
            raise ValueError("'stereotyped' must be true exactly when a finding has voice 'outlet'")
        return self

    @property
    def categories(self) -> set[str]:
        return {finding.category for finding in self.findings}


def load_records(path: Path) -> list[Record]:
    """Every record of ``path``; raises :class:`GenderwatchError` naming the bad line."""
    return load_jsonl(path, Record)
