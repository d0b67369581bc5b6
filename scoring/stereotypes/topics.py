"""Story-level flags: gender-equality and GBV topics, and whether women are central.

The topic flags feed the coverage indicators (share of stories on gender equality, GBV
reporting quality), so they are deliberately literal: a story is on a topic when it uses
the topic's own vocabulary, which a monitor can verify by reading the story.
"""

from __future__ import annotations

from scoring.contract import PeopleReport
from scoring.document import Document
from scoring.cues import compile_cues
from scoring.stereotypes.lexicon import ContextFile


def detect_topics(folded: str, cues: ContextFile) -> dict[str, bool]:
    """One flag per topic in ``context.yaml``; always includes gender_equality and gbv."""
    return {topic: bool(compile_cues(terms).search(folded)) for topic, terms in cues.topics.items()}


def women_central(document: Document, folded: str, people: PeopleReport,
                  cues: ContextFile) -> bool:
    """Women are central when the most-mentioned person is a woman, a woman is named in
    the headline (first line), or the headline is about women as a group."""
    headline_end = document.text.find("\n")
    headline_end = len(document.text) if headline_end < 0 else headline_end
    if compile_cues(cues.women_terms).search(folded[:headline_end]):
        return True
    if any(person.gender == "female" and any(start < headline_end for start, _ in person.mentions)
           for person in people.people):
        return True
    ranked = sorted(people.people, key=lambda person: (-len(person.mentions),
                                                       min((s for s, _ in person.mentions),
                                                           default=len(folded))))
    return bool(ranked) and ranked[0].gender == "female"
