"""Quality of the topic keys (``genderwatch eval topics``, ``genderwatch eval topic-sections``).

* :func:`evaluate`: labelled passages (``scoring/data/topics/eval.jsonl``, conventions in its
  data card) analysed exactly as ``genderwatch analyze`` would, with or without the outlet
  section; precision, recall and F1 per key, and the macro F1 of the six major topics.
* :func:`section_agreement`: a sanity check on unlabelled articles that carry their outlet
  section (the demo corpus): each article is analysed from its text alone and counted as
  agreeing when one of its major topics is one the topic lexicon files its section under.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.labelled_data import load_jsonl
from scoring.stereotypes.evaluation import Counts
from scoring.topics.detector import KEYS, TopicDetector
from scoring.topics.lexicon import MAJOR_TOPICS

# Every key the labelled file gives: the stereotype stage's two topics and this stage's keys.
EVALUATED_KEYS = ("gender_equality", "gbv", *KEYS)
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "topics"

Topics = dict[str, bool]
Analyse = Callable[[str | None, str | None, str, str | None], Topics]


class Passage(BaseModel):
    """One labelled passage with a gold yes/no for every key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    section: str | None = None
    title: str = Field(min_length=1)
    lead: str | None = None
    body: str = Field(min_length=1)
    topics: dict[str, bool]

    @model_validator(mode="after")
    def _every_key(self) -> "Passage":
        missing = [key for key in EVALUATED_KEYS if key not in self.topics]
        unknown = sorted(set(self.topics) - set(EVALUATED_KEYS))
        if missing or unknown:
            raise ValueError(f"topics must give exactly the keys {', '.join(EVALUATED_KEYS)} "
                             f"(missing: {', '.join(missing) or '-'}; unknown: "
                             f"{', '.join(unknown) or '-'})")
        return self


def load_passages(path: Path) -> list[Passage]:
    """Every passage of ``path``; a malformed line stops loading with its number."""
    return load_jsonl(path, Passage)


@dataclass
class Report:
    """Per-key counts over a labelled file, and the passages with a wrong key."""

    records: int = 0
    keys: dict[str, Counts] = field(default_factory=lambda: {key: Counts() for key in EVALUATED_KEYS})
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def major_macro_f1(self) -> float:
        return sum(self.keys[topic].f1 for topic in MAJOR_TOPICS) / len(MAJOR_TOPICS)

    def as_dict(self) -> dict[str, object]:
        return {"records": self.records, "major_topics_macro_f1": round(self.major_macro_f1, 4),
                "keys": {key: counts.as_dict() for key, counts in self.keys.items()}}


def evaluate(passages: Iterable[Passage], analyse: Analyse, use_section: bool = True) -> Report:
    """Analyse every passage (with its section unless ``use_section`` is false) and compare
    each key with the gold value."""
    report = Report()
    for passage in passages:
        predicted = analyse(passage.title, passage.lead, passage.body,
                            passage.section if use_section else None)
        report.records += 1
        wrong = []
        for key in EVALUATED_KEYS:
            gold, system = passage.topics[key], bool(predicted.get(key, False))
            report.keys[key] = report.keys[key].add(gold, system)
            if gold != system:
                wrong.append(f"{key}: gold {gold}, system {system}")
        if wrong:
            report.errors.append({"id": passage.id, "title": passage.title, "wrong": wrong})
    return report


@dataclass
class SectionRow:
    """Articles of one section: how many, how many agree, and the topics the system chose."""

    section: str
    expected: tuple[str, ...]
    articles: int = 0
    agreeing: int = 0
    without_topic: int = 0
    chosen: Counter[str] = field(default_factory=Counter)


class CorpusArticle(BaseModel):
    """An article of the demo corpus (``crawler/demo_web/corpus/*.jsonl``): what it needs."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    section: str
    title: str
    lead: str | None = None
    paragraphs: list[str]


def load_corpus(paths: Iterable[Path]) -> list[CorpusArticle]:
    return [article for path in paths for article in load_jsonl(path, CorpusArticle)]


def section_agreement(articles: Iterable[CorpusArticle], detector: TopicDetector,
                      analyse: Analyse) -> list[SectionRow]:
    """One row per section, analysing each article without its section; the topics expected
    for a section are those the detector's lexicon files it under."""
    rows: dict[str, SectionRow] = {}
    for article in articles:
        expected = tuple(sorted(detector.section_topics(article.section)))
        row = rows.setdefault(article.section, SectionRow(article.section, expected))
        topics = analyse(article.title, article.lead, "\n".join(article.paragraphs), None)
        chosen = [topic for topic in MAJOR_TOPICS if topics.get(topic)]
        row.articles += 1
        row.agreeing += bool(set(chosen) & set(row.expected))
        row.without_topic += not chosen
        row.chosen.update(chosen)
    return sorted(rows.values(), key=lambda row: -row.articles)
