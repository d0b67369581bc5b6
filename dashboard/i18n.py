"""Vietnamese-first interface text: the catalogue in ``messages.yaml`` and number formats.

Vietnamese is the default; English is the switchable second language, remembered in a cookie.
A missing key is a programming error and raises, so an untranslated label never reaches a
user as a raw key.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import yaml

from scoring.people.evidence import parse_evidence

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_COOKIE = "lang"
CATALOGUE_FILE = Path(__file__).with_name("messages.yaml")
VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """key → {"vi": text, "en": text}, read once."""
    with CATALOGUE_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """Texts and formats for one language; templates call it as ``t('key', name=value)``."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        text = catalogue()[key][self.lang]
        return text.format(**values) if values else text

    def number(self, value: float | None, decimals: int = 0) -> str:
        """1.234,5 in Vietnamese, 1,234.5 in English; an em dash for no value."""
        if value is None:
            return "—"
        text = f"{value:,.{decimals}f}"
        if self.lang == "vi":
            text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
        return text

    def percent(self, value: float | None, decimals: int = 1) -> str:
        return "—" if value is None else self.number(100 * value, decimals) + "%"

    def measure(self, value_format: str, value: float | None) -> str:
        """An indicator value as its definition formats it: percent, ratio or per 1,000 articles."""
        if value is None:
            return "—"
        if value_format == "percent":
            return self.percent(value)
        if value_format == "ratio":
            return self.number(value, 2)
        return self.number(value, 1) + "‰"

    def gender_evidence(self, evidence: str) -> str:
        """The analyser's evidence for a gender in this language.

        The analyser records it in the contract's fixed English form (``honorific 'bà'``);
        forms it does not know (older analyser versions) are shown as stored.
        """
        parts = parse_evidence(evidence)
        if parts is None:
            return evidence
        key = "evidence." + parts.kind.replace(" ", "_")
        if parts.only_list:
            key += f".{parts.only_list}_only"
        return self(key, surface=parts.surface)

    def day(self, value: date | datetime | None) -> str:
        if value is None:
            return "—"
        if isinstance(value, datetime):
            local = value.astimezone(VIETNAM)
            return f"{local:%d/%m/%Y %H:%M}" if self.lang == "vi" else f"{local:%Y-%m-%d %H:%M}"
        return f"{value:%d/%m/%Y}" if self.lang == "vi" else value.isoformat()
