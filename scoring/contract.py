"""The analyser's output contract (architecture.md §4, ``analyze.schema.json``).

Every stage fills these dataclasses; :meth:`AnalysisResult.to_dict` is the one place that
turns them into the JSON the CLI prints, the dashboard shows and the store saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Gender = Literal["female", "male", "unknown"]
QuotedKind = Literal["direct", "indirect", "none"]
Function = Literal[
    "subject", "spokesperson", "expert", "personal_experience", "eyewitness",
    "popular_opinion", "other",
]
Severity = Literal["overt", "subtle"]
Voice = Literal["outlet", "quote"]
FindingSource = Literal["rule", "model", "rule+model"]

Span = tuple[int, int]


@dataclass
class PersonResult:
    """A person in the news after within-article coreference."""

    name: str
    gender: Gender = "unknown"
    gender_evidence: str | None = None
    quoted: QuotedKind = "none"
    function: Function = "other"
    occupation: str | None = None
    occupation_group: int | None = None
    family_role: bool = False
    age_given: bool = False
    appearance_described: bool = False
    victim: bool = False
    survivor: bool = False
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "gender": self.gender,
            "gender_evidence": self.gender_evidence,
            "quoted": self.quoted,
            "function": self.function,
            "occupation": self.occupation,
            "occupation_group": self.occupation_group,
            "family_role": self.family_role,
            "age_given": self.age_given,
            "appearance_described": self.appearance_described,
            "victim": self.victim,
            "survivor": self.survivor,
            "mentions": [list(span) for span in self.mentions],
        }


@dataclass
class QuoteResult:
    """A direct or indirect quote; ``speaker`` is a person's ``name`` or None."""

    speaker: str | None
    kind: Literal["direct", "indirect"]
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "kind": self.kind, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass
class FindingResult:
    """A stereotype finding; ``evidence == input[start:end]`` always holds."""

    category: str
    severity: Severity
    voice: Voice
    evidence: str
    start: int
    end: int
    sentence: str
    confidence: float
    source: FindingSource
    explanation: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category, "severity": self.severity, "voice": self.voice,
            "evidence": self.evidence, "start": self.start, "end": self.end,
            "sentence": self.sentence, "confidence": round(self.confidence, 4),
            "source": self.source, "explanation": self.explanation,
            "suggestion": self.suggestion,
        }


@dataclass
class PeopleReport:
    """What the people stage finds: persons and the quotes attributed to them."""

    people: list[PersonResult] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)


@dataclass
class StereotypeReport:
    """What the stereotype stage finds, at the level of the whole text."""

    findings: list[FindingResult] = field(default_factory=list)
    stereotype_score: float = 0.0
    topics: dict[str, bool] = field(default_factory=lambda: {"gender_equality": False, "gbv": False})
    women_central: bool = False

    @property
    def stereotyped(self) -> bool:
        """True iff some finding is in the outlet's own voice (taxonomy: voice rules)."""
        return any(finding.voice == "outlet" for finding in self.findings)


@dataclass
class AnalysisResult:
    """One analysed text: the object ``genderwatch analyze`` prints."""

    people: PeopleReport
    stereotypes: StereotypeReport
    id: Any = None
    # Topic keys of the topic stage (scoring.topics); ``topics`` in the JSON adds them to the
    # stereotype stage's gender_equality and gbv.
    topics: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.id is not None:
            result["id"] = self.id
        result.update(
            people=[person.to_dict() for person in self.people.people],
            quotes=[quote.to_dict() for quote in self.people.quotes],
            findings=[finding.to_dict() for finding in self.stereotypes.findings],
            stereotyped=self.stereotypes.stereotyped,
            stereotype_score=round(self.stereotypes.stereotype_score, 4),
            topics={**self.stereotypes.topics, **self.topics},
            women_central=self.stereotypes.women_central,
        )
        return result
