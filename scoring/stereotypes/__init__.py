"""Stereotype stage: explainable findings from a lexicon with context rules and a
transformer sentence classifier, plus topic flags and ``women_central``.

:func:`detect_stereotypes` is called by :mod:`scoring.analyzer` after the people stage.
Offsets in the report are offsets into ``Document.text``; the analyser maps them back to
the input.
"""

from __future__ import annotations

from functools import lru_cache

from scoring.contract import PeopleReport, StereotypeReport
from scoring.document import Document
from scoring.stereotypes.detector import StereotypeDetector

VERSION = "1.0.0"


@lru_cache(maxsize=1)
def default_detector() -> StereotypeDetector:
    """The configured lexicon with the committed head on the configured encoder (once)."""
    from genderwatch.settings import get_settings
    from scoring.models.encoder import default_device, encoder_path, load_encoder
    from scoring.models.head import StereotypeHead
    from scoring.stereotypes.lexicon import load_lexicon
    from scoring.stereotypes.model import ModelStage

    settings = get_settings()
    head = StereotypeHead.load()
    encoder = load_encoder(encoder_path(settings), default_device(), head.encoder_layers)
    model = ModelStage(encoder, head)
    return StereotypeDetector(load_lexicon(settings.config_dir / "lexicons"), model)


def detect_stereotypes(document: Document, people: PeopleReport) -> StereotypeReport:
    """Findings, article score, topics and ``women_central`` for one prepared document."""
    return default_detector().detect(document, people)
