"""The wording of the people stage's gender evidence, written and read back in one place.

The analyser contract (architecture §4) records why a gender was decided as one English
string, ``honorific 'bà'`` or ``given name 'Lan' (female list only)``. The stage writes it
with :func:`evidence_text`; a reader that shows it in another language (the dashboard) takes
it apart with :func:`parse_evidence` instead of repeating the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# honorific / explicit / kinship: a word attached to the person's first mention or describing
# them; other mention: such a word on a later mention; reference: a pronoun or noun referring
# back; middle name, given name: the name itself.
KINDS = ("honorific", "explicit", "kinship", "other mention", "reference", "middle name", "given name")

_EVIDENCE = re.compile(
    rf"(?P<kind>{'|'.join(KINDS)}) '(?P<surface>.*)'(?: \((?P<only_list>female|male) list only\))?"
)


@dataclass(frozen=True)
class Evidence:
    """One piece of gender evidence: its kind, the words in the text, the only name list."""

    kind: str
    surface: str
    only_list: str | None = None  # for a given name: the one list ("female", "male") it is on


def evidence_text(kind: str, surface: str, only_list: str | None = None) -> str:
    """The contract's wording of one piece of evidence."""
    text = f"{kind} '{surface}'"
    return text if only_list is None else f"{text} ({only_list} list only)"


def parse_evidence(text: str) -> Evidence | None:
    """The parts of ``text`` written by :func:`evidence_text`; None for any other wording."""
    match = _EVIDENCE.fullmatch(text)
    if match is None:
        return None
    return Evidence(match["kind"], match["surface"], match["only_list"])
