"""The people lexicon: YAML files in ``config/lexicons/people/``, validated on load.

Forms of address, titles with their GMMP occupation group, reporting verbs, organisation and
place heads, family names and the cues for the person flags are data, kept where editors can
extend them without touching code. A malformed file stops loading with the file and the
field named, because a silently skipped entry would quietly lower recall.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from scoring.folding import fold
from scoring.lexicon_files import load_validated

Gender = Literal["female", "male"]
Role = Literal["official", "expert", "ordinary", "subject"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _unique_folded(words: tuple[str, ...] | dict[str, object], what: str) -> None:
    folded = [fold(word) for word in words]
    repeated = sorted({word for word in folded if folded.count(word) > 1})
    if repeated:
        raise ValueError(
            f"{what} listed twice (ignoring case and tone placement): {', '.join(repeated)}"
        )


def _unique(*fields: str, what: str) -> classmethod:  # type: ignore[type-arg]
    """A validator refusing entries of ``fields`` that repeat after folding."""

    def check(cls: type, words: tuple[str, ...] | dict[str, object]) -> object:
        _unique_folded(words, what)
        return words

    return field_validator(*fields)(check)  # type: ignore[return-value]


class FormsOfAddress(_Strict):
    """Words before a name (honorifics, kinship words, family nouns), pronouns, group words,
    and honorific-looking phrases that name no one."""

    honorifics: dict[str, Gender | None] = Field(min_length=1)
    gendered_nouns: dict[str, Gender] = Field(min_length=1)
    kinship: dict[str, Gender | None] = Field(min_length=1)
    family_nouns: dict[str, Gender] = Field(min_length=1)
    group_words: tuple[str, ...] = Field(min_length=1)
    pronouns: dict[str, Gender | None] = Field(min_length=1)
    not_people: tuple[str, ...] = ()

    _no_repeats = _unique(
        "honorifics",
        "gendered_nouns",
        "kinship",
        "family_nouns",
        "group_words",
        "pronouns",
        "not_people",
        what="word",
    )


class Title(_Strict):
    """A title, position or occupation: its GMMP occupation group and story role."""

    group: int = Field(ge=0, le=27)
    role: Role
    generic: bool = False
    place_follows: bool = False
    gender: Gender | None = None


class Titles(_Strict):
    academic_parts: dict[str, int] = Field(min_length=1)
    titles: dict[str, Title] = Field(min_length=1)
    organisation_groups: dict[str, int] = Field(min_length=1)

    _no_repeats = _unique("titles", "organisation_groups", what="title")


class Speech(_Strict):
    speech_verbs: tuple[str, ...] = Field(min_length=1)
    not_speech: tuple[str, ...] = Field(min_length=1)
    manner_verbs: tuple[str, ...] = Field(min_length=1)
    clause_openers: tuple[str, ...] = Field(min_length=1)
    unnamed_speakers: tuple[str, ...] = Field(min_length=1)
    quotation_name_heads: tuple[str, ...] = Field(min_length=1)
    byline_prefixes: tuple[str, ...] = Field(min_length=1)

    _no_repeats = _unique(
        "speech_verbs", "manner_verbs", "unnamed_speakers", "quotation_name_heads", what="phrase"
    )


class Places(_Strict):
    heads: tuple[str, ...] = Field(min_length=1)
    unit_heads: tuple[str, ...] = Field(min_length=1)
    body_heads: tuple[str, ...] = Field(min_length=1)
    ethnic_groups: tuple[str, ...] = Field(min_length=1)
    locative_prepositions: tuple[str, ...] = Field(min_length=1)
    places: tuple[str, ...] = Field(min_length=1)

    _no_repeats = _unique(
        "heads",
        "unit_heads",
        "body_heads",
        "ethnic_groups",
        "locative_prepositions",
        "places",
        what="name",
    )


class Names(_Strict):
    surnames: tuple[str, ...] = Field(min_length=1)
    gendered_middle_names: dict[str, Gender] = Field(min_length=1)
    name_particles: tuple[str, ...] = ()
    byline_groups: tuple[str, ...] = Field(min_length=1)

    _no_repeats = _unique("surnames", what="family name")
    _no_repeated_groups = _unique("byline_groups", what="byline group word")


class FlagCues(_Strict):
    appearance: tuple[str, ...] = Field(min_length=1)
    victim: tuple[str, ...] = Field(min_length=1)
    survivor: tuple[str, ...] = Field(min_length=1)
    eyewitness: tuple[str, ...] = Field(min_length=1)
    popular_opinion: tuple[str, ...] = Field(min_length=1)


class PeopleLexicon(_Strict):
    """Everything the people stage reads from ``config/lexicons/people/``."""

    forms: FormsOfAddress
    titles: Titles
    speech: Speech
    places: Places
    names: Names
    flags: FlagCues


_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "forms": ("forms_of_address.yaml", FormsOfAddress),
    "titles": ("titles.yaml", Titles),
    "speech": ("speech.yaml", Speech),
    "places": ("places.yaml", Places),
    "names": ("names.yaml", Names),
    "flags": ("flags.yaml", FlagCues),
}


@lru_cache(maxsize=4)
def load_people_lexicon(directory: Path) -> PeopleLexicon:
    """Read and validate ``directory`` (``<config_dir>/lexicons/people``) once per process."""
    parts = {field: load_validated(model, directory / name, "people lexicon")
             for field, (name, model) in _FILES.items()}
    return PeopleLexicon(**parts)  # type: ignore[arg-type]
