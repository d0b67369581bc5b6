"""People in the news: who appears, their gender, their role, who is quoted.

:func:`find_people` is the stage's entry point (called by :mod:`scoring.analyzer`).
Offsets in the report are offsets into ``Document.text``; the analyser maps them back to
the input.
"""

from __future__ import annotations

from scoring.contract import PeopleReport
from scoring.document import Document

VERSION = "0.1.0"


def find_people(document: Document) -> PeopleReport:
    """Persons (after coreference) with gender, function and flags, and their quotes."""
    from scoring.people.pipeline import default_pipeline

    return default_pipeline().run(document)
