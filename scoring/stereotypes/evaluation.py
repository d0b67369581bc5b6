"""Quality of the stereotype stage on a labelled file (``genderwatch eval stereotypes``).

Every record is analysed exactly as ``genderwatch analyze`` would (people stage, then
stereotypes, committed artefacts), and compared with its labels:

* article level: a record is an article; precision, recall and F1 of ``stereotyped``;
* per category: F1 of "the record has a finding of this category" (any voice);
* hard negatives: share of ``kind == hard_negative`` records flagged, overall and by type;
* quoted stereotypes: share of ``kind == quoted`` records kept out of the outlet's voice;
* calibration of ``stereotype_score``: Brier score and expected calibration error (10 bins).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from scoring.contract import AnalysisResult
from scoring.stereotypes.dataset import Record
from scoring.stereotypes.lexicon import CATEGORIES

Analyse = Callable[[str], AnalysisResult]
CALIBRATION_BINS = 10


@dataclass(frozen=True)
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        relevant = self.true_positive + self.false_negative
        return self.true_positive / relevant if relevant else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, gold: bool, predicted: bool) -> "Counts":
        return Counts(self.true_positive + (gold and predicted),
                      self.false_positive + (predicted and not gold),
                      self.false_negative + (gold and not predicted))

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.true_positive, "fp": self.false_positive, "fn": self.false_negative,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Report:
    records: int = 0
    article: Counts = field(default_factory=Counts)
    categories: dict[str, Counts] = field(default_factory=dict)
    hard_negatives: dict[str, list[int]] = field(default_factory=dict)  # type -> [flagged, total]
    quoted: list[int] = field(default_factory=lambda: [0, 0])  # [kept out of outlet voice, total]
    brier: float = 0.0
    ece: float = 0.0
    errors: list[dict] = field(default_factory=list)

    @property
    def hard_negative_fpr(self) -> float:
        flagged = sum(pair[0] for pair in self.hard_negatives.values())
        total = sum(pair[1] for pair in self.hard_negatives.values())
        return flagged / total if total else 0.0

    def as_dict(self) -> dict:
        return {
            "records": self.records,
            "article": self.article.as_dict(),
            "categories": {slug: counts.as_dict() for slug, counts in self.categories.items()},
            "hard_negatives": {
                "false_positive_rate": round(self.hard_negative_fpr, 4),
                "by_type": {kind: {"flagged": flagged, "total": total}
                            for kind, (flagged, total) in sorted(self.hard_negatives.items())},
            },
            "quoted_kept_out_of_outlet_voice": {"kept": self.quoted[0], "total": self.quoted[1]},
            "calibration": {"brier": round(self.brier, 4), "ece": round(self.ece, 4)},
        }


def calibration_errors(scores: list[float], gold: list[bool]) -> tuple[float, float]:
    """Brier score and expected calibration error over equal-width bins."""
    if not scores:
        return 0.0, 0.0
    probability, outcome = np.asarray(scores, dtype=float), np.asarray(gold, dtype=float)
    brier = float(np.mean((probability - outcome) ** 2))
    bins = np.minimum((probability * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    ece = sum(abs(probability[bins == b].mean() - outcome[bins == b].mean()) * np.sum(bins == b)
              for b in range(CALIBRATION_BINS) if np.any(bins == b)) / len(scores)
    return brier, float(ece)


def evaluate(records: Iterable[Record], analyse: Analyse) -> Report:
    """Analyse every record and compare with its labels."""
    report = Report(categories={slug: Counts() for slug in CATEGORIES})
    scores: list[float] = []
    gold_flags: list[bool] = []
    for record in records:
        result = analyse(record.text)
        stereotypes = result.stereotypes
        predicted = stereotypes.stereotyped
        report.records += 1
        report.article = report.article.add(record.stereotyped, predicted)
        found = {finding.category for finding in stereotypes.findings}
        for slug in CATEGORIES:
            report.categories[slug] = report.categories[slug].add(slug in record.categories,
                                                                  slug in found)
        if record.kind == "hard_negative":
            pair = report.hard_negatives.setdefault(record.negative_type or "unspecified", [0, 0])
            pair[0] += predicted
            pair[1] += 1
        if record.kind == "quoted":
            report.quoted[0] += not predicted
            report.quoted[1] += 1
        scores.append(stereotypes.stereotype_score)
        gold_flags.append(record.stereotyped)
        if predicted != record.stereotyped:
            report.errors.append({
                "id": record.id, "gold": record.stereotyped, "predicted": predicted,
                "text": record.text,
                "findings": [f"{f.category}/{f.voice}/{f.source}: {f.evidence}"
                             for f in stereotypes.findings],
            })
    report.brier, report.ece = calibration_errors(scores, gold_flags)
    report.categories = {slug: counts for slug, counts in report.categories.items()
                         if counts.true_positive + counts.false_negative + counts.false_positive}
    return report

