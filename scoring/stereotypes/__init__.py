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
from scoring.versioning import stage_version, version_attribute

# The code's version; ``VERSION`` adds a digest of the head and lexicon files (versioning.py).
CODE_VERSION = "1.1.0"


def _version() -> str:
    from genderwatch.settings import get_settings
    from scoring.models.head import HEAD_FILE

    lexicons = get_settings().config_dir / "lexicons"
    return stage_version(CODE_VERSION, [HEAD_FILE, lexicons / "context.yaml",
                                        *(lexicons / "stereotypes").glob("*.yaml")])


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


__getattr__ = version_attribute(__name__, _version)
