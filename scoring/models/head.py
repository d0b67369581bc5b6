"""The trained classifier head: logistic regressions over sentence embeddings, plus the
calibration and decision thresholds fitted on the dev split.

It is one small JSON file committed beside ``MODEL_CARD.md``: readable in review, diffable
between trainings, and byte-identical when ``genderwatch train`` is re-run on the same data
(no timestamps, floats written with ``repr``). Inference is a few dot products in NumPy.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from genderwatch.errors import GenderwatchError

HEAD_FILE = Path(__file__).resolve().parent / "stereotype_head.json"
FORMAT_VERSION = 2


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression: ``classes`` rows of ``coef`` (binary: one row, class 1)."""

    classes: list[str]
    coef: list[list[float]]
    intercept: list[float]

    def scores(self, features: np.ndarray) -> np.ndarray:
        return features @ np.asarray(self.coef, dtype=np.float64).T + np.asarray(self.intercept)

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Binary: P(class 1) per row. Multiclass: softmax over ``classes`` per row."""
        scores = self.scores(features)
        if len(self.classes) == 2 and scores.shape[1] == 1:
            return 1.0 / (1.0 + np.exp(-scores[:, 0]))
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def labels(self, features: np.ndarray) -> list[str]:
        """The most probable class of each row."""
        probability = self.probability(features)
        if probability.ndim == 1:
            return [self.classes[int(value >= 0.5)] for value in probability]
        return [self.classes[int(index)] for index in probability.argmax(axis=1)]

    @classmethod
    def from_sklearn(cls, model: Any) -> "LinearModel":
        return cls(classes=[str(label) for label in model.classes_],
                   coef=[[float(value) for value in row] for row in model.coef_],
                   intercept=[float(value) for value in model.intercept_])


@dataclass(frozen=True)
class Calibration:
    """Platt scaling of the combined evidence into P(sentence carries a finding).

    Features per candidate sentence (see ``Candidate.features``): a strong rule hit, a weak
    rule hit, the prefilter's logit, the transformer's logit and whether it ran.
    """

    weights: list[float]
    bias: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(features @ np.asarray(self.weights) + self.bias)))


@dataclass(frozen=True)
class Prefilter:
    """The cheap filter: logistic regression over hashed character n-grams of the folded
    sentence. Sub-millisecond per sentence, so it runs on every gendered sentence and only
    those scoring at least ``threshold`` reach the transformer (chosen on dev to keep
    nearly all stereotyped sentences)."""

    n_features: int
    ngram_range: list[int]
    indices: list[int]
    weights: list[float]
    intercept: float
    threshold: float

    def probability(self, folded_texts: list[str]) -> np.ndarray:
        if not folded_texts:
            return np.zeros(0)
        vectorizer = prefilter_vectorizer(self.n_features, tuple(self.ngram_range))
        features = vectorizer.transform(folded_texts)
        scores = features[:, self.indices] @ np.asarray(self.weights) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(scores).ravel()))


def prefilter_vectorizer(n_features: int, ngram_range: tuple[int, int]):
    """The (stateless) featuriser shared by training and inference."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char_wb", ngram_range=ngram_range, n_features=n_features,
                             alternate_sign=False, norm="l2", lowercase=False)


@dataclass(frozen=True)
class Thresholds:
    """Model probabilities needed to turn evidence into a finding (chosen on dev)."""

    weak_rule: float  # a weak lexicon hit becomes a finding when the model agrees this much
    model_only: float  # a sentence with no lexicon hit becomes a finding (>1: never)


@dataclass(frozen=True)
class StereotypeHead:
    """Everything trained: the cheap prefilter, the binary, category and severity heads on
    the encoder, calibration and thresholds."""

    encoder_fingerprint: str
    encoder_layers: int
    prefilter: Prefilter
    binary: LinearModel
    category: LinearModel
    severity: LinearModel
    calibration: Calibration
    thresholds: Thresholds
    training: dict[str, Any] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def save(self, path: Path = HEAD_FILE) -> None:
        try:
            path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
        except OSError as error:
            raise GenderwatchError(f"cannot write classifier head {path}: {error.strerror}") from None

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> "StereotypeHead":
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise GenderwatchError(f"cannot read classifier head {path}: {error.strerror}; "
                                   "run `genderwatch train`") from None
        except ValueError as error:
            raise GenderwatchError(f"classifier head {path} is not valid JSON: {error}") from None
        if raw.get("format_version") != FORMAT_VERSION:
            raise GenderwatchError(f"classifier head {path} has format {raw.get('format_version')},"
                                   f" expected {FORMAT_VERSION}; run `genderwatch train`")
        return cls(
            encoder_fingerprint=raw["encoder_fingerprint"], encoder_layers=raw["encoder_layers"],
            prefilter=Prefilter(**raw["prefilter"]),
            binary=LinearModel(**raw["binary"]), category=LinearModel(**raw["category"]),
            severity=LinearModel(**raw["severity"]), calibration=Calibration(**raw["calibration"]),
            thresholds=Thresholds(**raw["thresholds"]), training=raw.get("training", {}),
        )
