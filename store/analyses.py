"""Saving analyser output (the JSON contract of architecture.md §4) into the tables.

Kept free of any ``scoring`` import: the store receives the plain contract dictionary, so a
remote worker or another analyser implementation can feed it too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from store.models import Analysis, Article, Finding, Person, Quote


def save_analysis(session: Session, article: Article, result: dict[str, Any],
                  analyser_version: str, *, content_hash: str | None = None,
                  byline: tuple[int, int] | None = None) -> Analysis:
    """Store ``result`` as the current analysis of ``article``.

    ``content_hash`` is the article's ``content_hash`` for the text that was analysed (by
    default the article's current one; a caller that read the article earlier passes what it
    read, so an edit made meanwhile is analysed again). ``byline`` is the number of women and
    men among the article's authors (indicators C21/C22), None when not assessed.

    Earlier analyses stay (history, blue/green re-scoring, and the reviews attached to their
    findings) but stop being current. An analyser version is deterministic, so if this version
    already analysed this same text, that analysis simply becomes current again (with the
    byline counts and publication day refreshed): re-runs never duplicate rows and never drop
    review decisions.
    """
    analysed_hash = article.content_hash if content_hash is None else content_hash
    session.exec(  # type: ignore[call-overload]
        update(Analysis).where(Analysis.article_id == article.id).values(is_current=False)
    )
    existing = session.exec(
        select(Analysis).where(
            Analysis.article_id == article.id, Analysis.analyser_version == analyser_version,
            Analysis.content_hash == analysed_hash,
        )
    ).first()
    if existing is not None:
        existing.is_current = True
        existing.published_date = article.published_date
        if byline is not None:
            existing.byline_women, existing.byline_men = byline
        session.add(existing)
        session.flush()
        return existing
    topics = dict(result.get("topics") or {})
    people = result.get("people", [])
    analysis = Analysis(
        article_id=article.id,
        analyser_version=analyser_version,
        outlet_id=article.outlet_id,
        published_date=article.published_date,
        is_current=True,
        stereotyped=bool(result.get("stereotyped", False)),
        stereotype_score=float(result.get("stereotype_score", 0.0)),
        topic_gender_equality=bool(topics.get("gender_equality", False)),
        topic_gbv=bool(topics.get("gbv", False)),
        topics=topics,
        women_central=bool(result.get("women_central", False)),
        error=result.get("error"),
        content_hash=analysed_hash,
        byline_women=None if byline is None else byline[0],
        byline_men=None if byline is None else byline[1],
        people_count=len(people),
    )
    session.add(analysis)
    session.flush()
    people_by_name = _save_people(session, analysis.id, people)
    for quote in result.get("quotes", []):
        speaker = people_by_name.get(quote.get("speaker"))
        session.add(Quote(
            analysis_id=analysis.id, person_id=speaker.id if speaker else None,
            speaker=quote.get("speaker"), speaker_gender=speaker.gender if speaker else "unknown",
            kind=quote["kind"], text=quote["text"], start_offset=quote["start"], end_offset=quote["end"],
        ))
    for finding in result.get("findings", []):
        session.add(Finding(
            analysis_id=analysis.id, category=finding["category"], severity=finding["severity"],
            voice=finding["voice"], evidence=finding["evidence"],
            start_offset=finding["start"], end_offset=finding["end"],
            sentence=finding["sentence"], confidence=finding["confidence"],
            source=finding["source"], explanation=finding["explanation"],
            suggestion=finding.get("suggestion"),
        ))
    session.flush()
    return analysis


def _save_people(session: Session, analysis_id: int | None,
                 people: list[dict[str, Any]]) -> dict[str, Person]:
    """Store ``people``; returns their rows by name, for linking quotes to their speakers."""
    rows: dict[str, Person] = {}
    for person in people:
        row = Person(
            analysis_id=analysis_id, name=person["name"], gender=person["gender"],
            gender_evidence=person.get("gender_evidence"), quoted=person["quoted"],
            function=person["function"], occupation=person.get("occupation"),
            occupation_group=person.get("occupation_group"),
            family_role=person["family_role"], age_given=person["age_given"],
            appearance_described=person["appearance_described"],
            victim=person["victim"], survivor=person["survivor"],
            mentions=[list(span) for span in person.get("mentions", [])],
        )
        session.add(row)
        session.flush()
        rows[person["name"]] = row
    return rows
