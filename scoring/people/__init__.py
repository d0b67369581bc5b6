"""People in the news: who appears, their gender, their role, who is quoted.

:func:`find_people` is the stage's entry point (called by :mod:`scoring.analyzer`).
Offsets in the report are offsets into ``Document.text``; the analyser maps them back to
the input.
"""

from __future__ import annotations

from scoring.contract import PeopleReport
from scoring.document import Document
from scoring.versioning import stage_version, version_attribute

# The code's version; ``VERSION`` adds a digest of the lexicon and name-list files
# (versioning.py). 0.2.0: byline authors' gender (bylines.py).
CODE_VERSION = "0.2.0"


def _version() -> str:
    from genderwatch.settings import get_settings
    from scoring.people.names import RESOURCE_DIR

    lexicon = get_settings().config_dir / "lexicons" / "people"
    return stage_version(CODE_VERSION, [*lexicon.glob("*.yaml"), *RESOURCE_DIR.glob("*.txt")])


def find_people(document: Document) -> PeopleReport:
    """Persons (after coreference) with gender, function and flags, and their quotes."""
    from scoring.people.pipeline import default_pipeline

    return default_pipeline().run(document)


__getattr__ = version_attribute(__name__, _version)
