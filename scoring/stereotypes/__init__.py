"""Stereotype stage: explainable findings from a lexicon with context rules and a
transformer sentence classifier, plus topic flags and ``women_central``.

:func:`detect_stereotypes` is called by :mod:`scoring.analyzer` after the people stage.
Offsets in the report are offsets into ``Document.text``; the analyser maps them back to
the input.
"""

from __future__ import annotations

from scoring.contract import FindingResult, PeopleReport, StereotypeReport
from scoring.document import Document
from scoring.stereotypes.context import Context
from scoring.stereotypes.folding import fold
from scoring.stereotypes.lexicon import load_lexicon
from scoring.stereotypes.rules import RuleHit, find_rule_hits
from scoring.stereotypes.topics import detect_topics, women_central

VERSION = "0.1.0"

_RULE_CONFIDENCE = {"strong": 0.9, "weak": 0.6}


def _finding(hit: RuleHit, document: Document) -> FindingResult:
    return FindingResult(
        category=hit.category, severity=hit.entry.severity, voice=hit.voice,  # type: ignore[arg-type]
        evidence=document.text[hit.start:hit.end], start=hit.start, end=hit.end,
        sentence=hit.sentence.text, confidence=_RULE_CONFIDENCE[hit.entry.strength],
        source="rule", explanation=hit.entry.explanation, suggestion=hit.entry.suggestion,
    )


def detect_stereotypes(document: Document, people: PeopleReport) -> StereotypeReport:
    """Findings, article score, topics and ``women_central`` for one prepared document."""
    from genderwatch.settings import get_settings

    lexicon = load_lexicon(get_settings().config_dir / "lexicons")
    folded = fold(document.text)
    context = Context(document=document, folded=folded, cues=lexicon.context, people=people)
    hits = [hit for hit in find_rule_hits(lexicon, context)
            if hit.active and hit.entry.strength == "strong"]
    findings = [_finding(hit, document) for hit in hits]
    outlet = [finding.confidence for finding in findings if finding.voice == "outlet"]
    return StereotypeReport(
        findings=findings,
        stereotype_score=max(outlet, default=0.0),
        topics=detect_topics(folded, lexicon.context),
        women_central=women_central(document, folded, people, lexicon.context),
    )
