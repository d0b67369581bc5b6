"""The stereotype lexicon: YAML files in ``config/lexicons/``, validated on load.

Each category file lists entries; an entry is a set of cue phrases (matched on folded
text, so tone-mark placement and case do not matter) and/or regular expressions, with the
severity, a Vietnamese explanation and an optional neutral rewrite. ``requires`` and
``unless`` name context conditions (see :mod:`scoring.stereotypes.context`) that must hold
or must not hold for a match to count. A malformed file stops loading with the file and
the field named, because a silently skipped entry would quietly lower recall.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from genderwatch.errors import GenderwatchError
from scoring.cues import unfolded_words
from scoring.folding import fold
from scoring.lexicon_files import load_validated

CATEGORIES = (
    "appearance", "objectifying_metaphor", "family_identity", "domestic_role",
    "weak_emotional", "competence_surprise", "derogatory_label", "age_marital",
    "gbv_framing", "male_norms", "gender_marking", "occupation_norms", "ad_gender_roles",
)
CONDITIONS = (
    "critique", "critique_nearby", "campaign", "statistic", "news_value", "violence",
    "female_referent", "male_referent", "appearance_story", "advertising",
    "sport_or_art_category", "family_relevant",
)
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Condition = Literal[CONDITIONS]  # type: ignore[valid-type]

# A phrase is words (letters or digits) separated by single spaces.
_PHRASE = r"^[^\W_]+(?: [^\W_]+)*$"
# Macros usable inside ``patterns``: one syllable, a short gap of up to four syllables, and a
# syllable that must be capitalised in the original text (a name; checked after matching,
# since patterns run on lower-cased text).
_MACROS = {"{w}": r"[^\W\d_]+", "{gap}": r"(?:[^\W\d_]+[\s,]+){0,4}",
           "{Name}": r"(?P<name>[^\W\d_]+)"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Entry(_Strict):
    """One cue: what to match, what it means and how to rewrite it."""

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    phrases: tuple[Annotated[str, Field(pattern=_PHRASE)], ...] = ()
    patterns: tuple[str, ...] = Field(
        default=(), description="Regexes over folded text; a group named 'ev' is the evidence.")
    severity: Literal["overt", "subtle"]
    strength: Literal["strong", "weak"] = Field(
        default="strong",
        description="strong: a hit is a finding on its own; weak: needs the model to agree.")
    explanation: str = Field(min_length=10)
    suggestion: str | None = None
    requires: tuple[Condition, ...] = ()  # type: ignore[valid-type]
    unless: tuple[Condition, ...] = ()  # type: ignore[valid-type]

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                _compile_patterns((pattern,))
            except re.error as error:
                raise ValueError(f"pattern {pattern!r} does not compile: {error}") from None
            unfolded = unfolded_words(pattern)
            if unfolded:
                raise ValueError(f"pattern {pattern!r}: write '{unfolded[0]}' as "
                                 f"'{fold(unfolded[0])}' (patterns match folded text: lower case, "
                                 "new-style tones)")
        return patterns

    @model_validator(mode="after")
    def _has_a_cue(self) -> "Entry":
        if not self.phrases and not self.patterns:
            raise ValueError(f"entry {self.id} has neither phrases nor patterns")
        return self

    @property
    def regex(self) -> re.Pattern[str] | None:
        """The entry's patterns as one regex (phrases are matched by :class:`PhraseIndex`)."""
        return _compile_patterns(self.patterns) if self.patterns else None


class CategoryFile(_Strict):
    """One YAML file: the entries of one category."""

    category: Category  # type: ignore[valid-type]
    entries: tuple[Entry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_match_category(self) -> "CategoryFile":
        for entry in self.entries:
            if not entry.id.startswith(self.category + "."):
                raise ValueError(f"entry id {entry.id} must start with '{self.category}.'")
        return self


class ConditionRule(_Strict):
    """Conditions that must hold / must not hold for a finding."""

    requires: tuple[Condition, ...] = ()  # type: ignore[valid-type]
    unless: tuple[Condition, ...] = ()  # type: ignore[valid-type]


class ContextFile(_Strict):
    """Cue lists for the context conditions, topics and the model's sentence filter."""

    conditions: dict[Condition, tuple[str, ...]]  # type: ignore[valid-type]
    model_only: dict[Literal[("all", *CATEGORIES)], ConditionRule] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description="Context rules for findings the model makes without a lexicon cue, by "
                    "predicted category ('all' applies to every category).")
    gender_terms: tuple[str, ...] = Field(min_length=1)
    topics: dict[str, tuple[str, ...]]
    women_terms: tuple[str, ...] = Field(min_length=1)
    speech_verbs: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_condition_has_cues(self) -> "ContextFile":
        missing = sorted(set(CONDITIONS) - set(self.conditions))
        if missing:
            raise ValueError(f"conditions without cues: {', '.join(missing)}")
        if not {"gender_equality", "gbv"} <= set(self.topics):
            raise ValueError("topics must define gender_equality and gbv")
        return self


class Lexicon(_Strict):
    """Everything the rules stage reads from ``config/lexicons/``."""

    categories: tuple[CategoryFile, ...]
    context: ContextFile

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for file in self.categories for entry in file.entries)

    def category_of(self, entry: Entry) -> str:
        return entry.id.split(".", 1)[0]


def _expand(pattern: str) -> str:
    for macro, regex in _MACROS.items():
        pattern = pattern.replace(macro, regex)
    return pattern


@lru_cache(maxsize=4096)
def _compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # A group name may occur once per regex: number 'ev' and 'name' groups apart.
    joined = "|".join(f"(?:{_expand(pattern)})" for pattern in patterns)
    counter = iter(range(10_000))
    joined = re.sub(r"\(\?P<(ev|name)>", lambda m: f"(?P<{m.group(1)}{next(counter)}>", joined)
    return re.compile(joined)


@lru_cache(maxsize=4)
def load_lexicon(directory: Path) -> Lexicon:
    """Read and validate ``directory`` (``<config_dir>/lexicons``) once per process."""
    category_dir = directory / "stereotypes"
    files = sorted(category_dir.glob("*.yaml"))
    if not files:
        raise GenderwatchError(f"no stereotype lexicon files in {category_dir}")
    categories = tuple(load_validated(CategoryFile, path, "lexicon") for path in files)
    seen = [file.category for file in categories]  # type: ignore[attr-defined]
    duplicates = sorted({slug for slug in seen if seen.count(slug) > 1})
    if duplicates:
        raise GenderwatchError(f"category defined twice in {category_dir}: {', '.join(duplicates)}")
    context = load_validated(ContextFile, directory / "context.yaml", "lexicon")
    return Lexicon(categories=categories, context=context)  # type: ignore[arg-type]
