"""The demo outlets' articles: one JSON object per line in ``corpus/<outlet_id>.jsonl``.

The corpus is the truth the demo web is rendered from and the expected extraction of each
page is copied from; nothing here is produced by the extractor under test.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from genderwatch.errors import GenderwatchError

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


class CorpusError(GenderwatchError):
    """A corpus file is missing or malformed; the message names file and line."""


class CorpusArticle(BaseModel):
    """One article as the writers specified it (see the issue for the field list)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    section: str
    title: str
    lead: str
    paragraphs: list[str]
    byline: str
    authors: list[str]
    wire_source: Optional[str]
    published_at: datetime
    captions: list[str]
    media_kind: Literal["text", "video"]
    syndicated_from: Optional[str]

    @field_validator("slug")
    @classmethod
    def _ascii_slug(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise ValueError(f"slug must be ASCII words joined by dashes: {value!r}")
        return value

    @field_validator("published_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("published_at needs a UTC offset")
        return value

    @property
    def section_slug(self) -> str:
        return slugify(self.section)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


class OutletCorpus(BaseModel):
    """The articles of one demo outlet, newest first."""

    outlet_id: str
    articles: list[CorpusArticle]

    def published_before(self, cutoff: Optional[date]) -> "OutletCorpus":
        """Only what the outlet had published before ``cutoff`` (it 'stopped publishing')."""
        if cutoff is None:
            return self
        kept = [article for article in self.articles if article.published_at.date() < cutoff]
        return OutletCorpus(outlet_id=self.outlet_id, articles=kept)


def slugify(text: str) -> str:
    """'Thời sự' -> 'thoi-su' (đ becomes d, other diacritics are dropped)."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = plain.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def stable_number(outlet_id: str, slug: str) -> int:
    """A six-digit article number that never changes between renders."""
    digest = hashlib.sha1(f"{outlet_id}/{slug}".encode()).hexdigest()
    return int(digest[:8], 16) % 900_000 + 100_000


def stable_hex(outlet_id: str, slug: str) -> str:
    """A seven-hex-digit article key (the YYYYMM-hex family)."""
    return hashlib.sha1(f"{outlet_id}/{slug}".encode()).hexdigest()[:7]


def read_outlet_corpus(path: Path) -> OutletCorpus:
    """Read ``<outlet_id>.jsonl``; every bad line is reported with its number."""
    articles: list[CorpusArticle] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(CorpusArticle.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as error:
            reason = str(error).splitlines()[0] if not isinstance(error, ValidationError) else (
                f"{'.'.join(map(str, error.errors()[0]['loc']))}: {error.errors()[0]['msg']}")
            raise CorpusError(f"{path.name} line {number}: {reason}") from None
    slugs = [article.slug for article in articles]
    repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if repeated:
        raise CorpusError(f"{path.name}: duplicate slugs {', '.join(repeated)}")
    articles.sort(key=lambda article: article.published_at, reverse=True)
    return OutletCorpus(outlet_id=path.stem, articles=articles)


def read_corpus(directory: Path = CORPUS_DIR) -> dict[str, OutletCorpus]:
    """Every outlet corpus in ``directory``, keyed by outlet id."""
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise CorpusError(f"no corpus files (*.jsonl) in {directory}")
    return {path.stem: read_outlet_corpus(path) for path in files}
