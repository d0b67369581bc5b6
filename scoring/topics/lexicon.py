"""The topic lexicon ``config/lexicons/topics.yaml``, validated on load.

The file holds the GMMP major topics' cue phrases and scoring parameters, the cue groups,
and the rules of the judged keys (law/policy reference, inequality, counter-stereotypes).
A malformed file stops loading with the file and the field named: a silently ignored rule
would make an indicator quietly wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoring.cues import unfolded_words
from scoring.folding import fold
from scoring.lexicon_files import load_validated
from scoring.stereotypes.lexicon import CATEGORIES

MAJOR_TOPICS = ("politics", "economy", "science_health", "social_legal", "crime_violence",
                "culture_sport")
JUDGED_KEYS = ("law_policy_reference", "highlights_inequality", "challenges_stereotypes")
MajorTopic = Literal[MAJOR_TOPICS]  # type: ignore[valid-type]

# A phrase is words (letters or digits) separated by single spaces.
_PHRASE = r"^[^\W_]+(?: [^\W_]+)*$"
Phrase = Annotated[str, Field(pattern=_PHRASE)]
_GROUP_NAME = r"^[a-z][a-z_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_repeats(phrases: tuple[str, ...], what: str) -> tuple[str, ...]:
    folded = [fold(phrase) for phrase in phrases]
    repeated = sorted({phrase for phrase in folded if folded.count(phrase) > 1})
    if repeated:
        raise ValueError(f"{what} listed twice (ignoring case and tone placement): "
                         f"{', '.join(repeated)}")
    return phrases


def _checked_cue(cue: str) -> str:
    """A phrase, or a ``re:`` regex that compiles and is written in folded form."""
    if not cue.startswith("re:"):
        if not re.fullmatch(_PHRASE, cue):
            raise ValueError(f"cue {cue!r} is neither words separated by spaces nor a 're:' regex")
        return cue
    try:
        re.compile(cue[3:])
    except re.error as error:
        raise ValueError(f"cue {cue!r} does not compile: {error}") from None
    unfolded = unfolded_words(cue[3:])
    if unfolded:
        raise ValueError(f"cue {cue!r}: write '{unfolded[0]}' as '{fold(unfolded[0])}' "
                         "(regexes match folded text: lower case, new-style tones)")
    return cue


class Scoring(_Strict):
    """How cue phrases add up to a major topic, and when a topic is true."""

    strong_weight: float = Field(gt=0)
    cue_weight: float = Field(gt=0)
    section_weight: float = Field(ge=0)
    headline_factor: float = Field(ge=1)
    repeat_cap: int = Field(ge=1)
    min_score: float = Field(gt=0)
    relative: float = Field(gt=0, le=1)

    @model_validator(mode="after")
    def _strong_outweighs(self) -> "Scoring":
        if self.strong_weight < self.cue_weight:
            raise ValueError("strong_weight must be at least cue_weight")
        return self


class MajorTopicCues(_Strict):
    """One GMMP major topic: its section names and its strong and ordinary cue phrases."""

    sections: tuple[Phrase, ...] = ()
    strong: tuple[Phrase, ...] = Field(min_length=1)
    cues: tuple[Phrase, ...] = ()

    @model_validator(mode="after")
    def _each_phrase_once(self) -> "MajorTopicCues":
        _no_repeats(self.sections, "section")
        _no_repeats(self.strong + self.cues, "cue phrase")
        return self


class Rule(_Strict):
    """Cue groups that must all match in one sentence, or all in the headline."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    all: tuple[Annotated[str, Field(pattern=_GROUP_NAME)], ...] = Field(min_length=1)
    scope: Literal["sentence", "headline"] = "sentence"
    cancelled_by_stereotypes: bool = Field(
        default=True, description="Only for challenges_stereotypes: whether a stereotype "
                                  "finding in the outlet's voice cancels what this rule found.")


class JudgedKey(_Strict):
    """A key that is true when one of its rules holds."""

    rules: tuple[Rule, ...] = Field(min_length=1)


class ChallengeKey(JudgedKey):
    """``challenges_stereotypes``: rules, plus a central woman in a rare role, unless the
    outlet's own words stereotype (findings of ``compatible_findings`` excepted)."""

    compatible_findings: tuple[Literal[CATEGORIES], ...] = ()  # type: ignore[valid-type]
    rare_role_group: str = Field(pattern=_GROUP_NAME)


class TopicLexicon(_Strict):
    """Everything the topic stage reads from ``topics.yaml``."""

    version: Literal[1]
    scoring: Scoring
    major_topics: dict[MajorTopic, MajorTopicCues]  # type: ignore[valid-type]
    groups: dict[Annotated[str, Field(pattern=_GROUP_NAME)], tuple[str, ...]]
    law_policy_reference: JudgedKey
    highlights_inequality: JudgedKey
    challenges_stereotypes: ChallengeKey

    @field_validator("groups")
    @classmethod
    def _groups_are_cues(cls, groups: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for name, cues in groups.items():
            if not cues:
                raise ValueError(f"group {name} has no cues")
            _no_repeats(tuple(cue for cue in cues if not cue.startswith("re:")), f"{name} cue")
            for cue in cues:
                _checked_cue(cue)
        return groups

    @model_validator(mode="after")
    def _complete_and_connected(self) -> "TopicLexicon":
        missing = [topic for topic in MAJOR_TOPICS if topic not in self.major_topics]
        if missing:
            raise ValueError(f"major topics without cues: {', '.join(missing)}")
        named = {self.challenges_stereotypes.rare_role_group}
        for key in JUDGED_KEYS:
            for rule in self.judged(key).rules:
                named.update(rule.all)
        unknown = sorted(named - set(self.groups))
        if unknown:
            raise ValueError(f"rules name groups that are not defined: {', '.join(unknown)}")
        return self

    def judged(self, key: str) -> JudgedKey:
        """The rules of one judged key."""
        return getattr(self, key)


@lru_cache(maxsize=4)
def load_topic_lexicon(path: Path) -> TopicLexicon:
    """Read and validate ``path`` (``<config_dir>/lexicons/topics.yaml``) once per process."""
    return load_validated(TopicLexicon, path, "topic lexicon")
