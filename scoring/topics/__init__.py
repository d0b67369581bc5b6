"""Article topics: the GMMP major topic, reference to gender-equality law or policy, and
whether the story highlights inequality or challenges stereotypes (``detector.py``).

:func:`detect_topics` is called by :mod:`scoring.analyzer` after the stereotype stage
(stereotyped wording cancels a challenge to stereotypes); its flags join the stereotype
stage's ``gender_equality``/``gbv`` in the contract's ``topics``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scoring.contract import PeopleReport, StereotypeReport
from scoring.document import Document
from scoring.topics.detector import TopicDetector, TopicReport
from scoring.versioning import stage_version, version_attribute

# The code's version; ``VERSION`` adds a digest of topics.yaml (versioning.py).
CODE_VERSION = "1.0.0"


def _lexicon_path() -> Path:
    from genderwatch.settings import get_settings

    return get_settings().config_dir / "lexicons" / "topics.yaml"


def _version() -> str:
    return stage_version(CODE_VERSION, [_lexicon_path()])


@lru_cache(maxsize=1)
def default_detector() -> TopicDetector:
    """The detector on the configured ``<config_dir>/lexicons/topics.yaml`` (built once)."""
    from scoring.topics.lexicon import load_topic_lexicon

    return TopicDetector(load_topic_lexicon(_lexicon_path()))


def detect_topics(document: Document, people: PeopleReport, stereotypes: StereotypeReport,
                  section: str | None = None) -> TopicReport:
    """Topic keys for one prepared document; ``section`` is the outlet's section if known."""
    return default_detector().detect(document, people, stereotypes, section)


__getattr__ = version_attribute(__name__, _version)
