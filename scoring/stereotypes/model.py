"""Stage 2: the transformer sentence classifier (frozen encoder + trained head)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from genderwatch.errors import GenderwatchError
from scoring.models.encoder import SentenceEncoder
from scoring.models.head import StereotypeHead


@dataclass(frozen=True)
class SentencePrediction:
    probability: float  # P(the sentence carries a stereotype), uncalibrated
    category: str
    severity: str


class ModelStage:
    """Applies the committed head to embeddings of the encoder it was trained on."""

    def __init__(self, encoder: SentenceEncoder, head: StereotypeHead) -> None:
        if encoder.fingerprint != head.encoder_fingerprint:
            raise GenderwatchError(
                f"the classifier head was trained on encoder {head.encoder_fingerprint[:24]}..., "
                f"but the configured encoder {encoder.path} is {encoder.fingerprint[:24]}...; "
                "run `genderwatch train` for this encoder")
        if encoder.layers != head.encoder_layers:
            raise GenderwatchError(f"the classifier head pools layer {head.encoder_layers} of the "
                                   f"encoder, but the encoder was loaded with {encoder.layers}")
        self.encoder = encoder
        self.head = head

    def predict(self, sentences: Sequence[str]) -> list[SentencePrediction]:
        if not sentences:
            return []
        return self.predict_embeddings(self.encoder.embed(sentences))

    def predict_embeddings(self, embeddings: np.ndarray) -> list[SentencePrediction]:
        binary = self.head.binary.probability(embeddings)
        categories = self.head.category.labels(embeddings)
        severities = self.head.severity.labels(embeddings)
        return [SentencePrediction(probability=float(binary[row]), category=categories[row],
                                   severity=severities[row])
                for row in range(len(embeddings))]
