"""The analyser: one function every stage, the CLI and the dashboard call.

It checks the input (:mod:`scoring.input_checks`), prepares the
:class:`~scoring.document.Document` once, runs the people stage (persons, gender, quotes,
functions), the stereotype stage (which needs the quotes for the voice rule and the people
for ``women_central``) and the topic stage (which needs both), and maps every span back to
the input.

``ANALYSER_VERSION`` names the three stages' versions, each with a digest of its data files,
so retraining the head or editing a lexicon makes the analysis job re-analyse.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scoring import people as people_stage
from scoring import stereotypes as stereotype_stage
from scoring import topics as topic_stage
from scoring.contract import AnalysisResult, PeopleReport, StereotypeReport
from scoring.document import Document
from scoring.input_checks import check_text
from scoring.versioning import version_attribute


def _analyser_version() -> str:
    stages = (("people", people_stage), ("stereotypes", stereotype_stage), ("topics", topic_stage))
    return ";".join(f"{name}-{stage.VERSION}" for name, stage in stages)


__getattr__ = version_attribute(__name__, _analyser_version, name="ANALYSER_VERSION")


def article_text(title: str | None, lead: str | None, body: str | None) -> str:
    """The text an article is analysed as; stored offsets refer to it (architecture §4)."""
    return "\n".join([title or "", lead or "", body or ""])


def analyze_text(text: str, *, id: Any = None, section: str | None = None) -> AnalysisResult:
    """Analyse one text; offsets in the result are offsets into ``text``. ``section`` is the
    outlet's section name when known (it helps to file the story under a topic).

    Raises :class:`~scoring.input_checks.InputError` for input that is not plain Vietnamese
    text of a sane length.
    """
    check_text(text)
    document = Document(text)
    people = people_stage.find_people(document)
    stereotypes = stereotype_stage.detect_stereotypes(document, people)
    topics = topic_stage.detect_topics(document, people, stereotypes, section)
    return AnalysisResult(
        people=_people_in_input(document, people),
        stereotypes=_stereotypes_in_input(document, stereotypes),
        topics=topics.flags,
        id=id,
    )


def analyze_article(title: str | None, lead: str | None, body: str | None, *,
                    id: Any = None, section: str | None = None) -> AnalysisResult:
    """Analyse an article given as its parts (``--jsonl`` with title/lead/body)."""
    return analyze_text(article_text(title, lead, body), id=id, section=section)


def error_result(message: str, *, id: Any = None) -> dict[str, Any]:
    """The contract object for an input that could not be analysed: empty results and the
    reason in ``error`` (``analyze.schema.json`` allows it), so a ``--jsonl`` consumer
    keeps one line per input."""
    result = AnalysisResult(people=PeopleReport(), stereotypes=StereotypeReport(), id=id).to_dict()
    result["error"] = message
    return result


def _people_in_input(document: Document, report: PeopleReport) -> PeopleReport:
    if document.raw == document.text:
        return report
    people = [replace(person, mentions=[document.to_input_span(*span) for span in person.mentions])
              for person in report.people]
    quotes = []
    for quote in report.quotes:
        start, end = document.to_input_span(quote.start, quote.end)
        quotes.append(replace(quote, start=start, end=end, text=document.raw[start:end]))
    return PeopleReport(people=people, quotes=quotes)


def _stereotypes_in_input(document: Document, report: StereotypeReport) -> StereotypeReport:
    if document.raw == document.text:
        return report
    findings = []
    for finding in report.findings:
        start, end = document.to_input_span(finding.start, finding.end)
        findings.append(replace(finding, start=start, end=end, evidence=document.raw[start:end]))
    return replace(report, findings=findings)
