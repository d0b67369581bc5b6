"""The outlet registry: ``config/outlets.yaml`` validated into resolved, per-outlet settings.

The file holds CMS *families* (the markup most provincial sites share, research §3.3) and one
entry per merged provincial outlet that names its family and overrides only what differs.
Resolution happens once, here, so the spider and the extractor read one flat
:class:`OutletConfig` and never merge defaults themselves. Every mistake in the file becomes
one :class:`RegistryError` line naming the entry and field.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal, Optional
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from genderwatch.errors import GenderwatchError

Evidence = Literal["C", "L", "G"]


class RegistryError(GenderwatchError):
    """The registry file is missing or invalid; the message names the place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(value: Optional[str]) -> Optional[str]:
    if value is not None:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"invalid regular expression {value!r}: {error}") from None
    return value


class Selectors(_Strict):
    """CSS selectors (parsel syntax, ``::text`` / ``::attr(x)`` allowed), tried in order.

    ``None`` means "inherit from the family"; an empty list means "none for this site".
    """

    title: Optional[list[str]] = None
    lead: Optional[list[str]] = None
    body: Optional[list[str]] = Field(default=None, description="Container(s) of the article text.")
    byline: Optional[list[str]] = None
    published: Optional[list[str]] = None
    section: Optional[list[str]] = None
    captions: Optional[list[str]] = None
    remove: Optional[list[str]] = Field(
        default=None, description="Boilerplate inside the body container (related links, tags)."
    )
    video: Optional[list[str]] = Field(
        default=None, description="Markers whose presence makes the item a video."
    )


class Listing(_Strict):
    """How category pages list articles and link to their next page."""

    next_page: Optional[str] = Field(default=None, description="CSS selector of the 'next' link.")
    max_pages: Optional[int] = Field(default=None, ge=1, le=200)


class Quirks(_Strict):
    """Site behaviour the crawler must know about."""

    js_body: Optional[str] = Field(
        default=None,
        description="Regex whose first group is the JavaScript string literal holding the body.",
    )
    insecure_tls: Optional[bool] = Field(
        default=None,
        description="The current host's certificate chain is broken: the probe does not verify it. "
        "(Scrapy does not verify certificates and allows legacy renegotiation for every host.)",
    )
    fallback_encoding: Optional[str] = Field(
        default=None, description="Encoding to assume when a page declares none and is not UTF-8."
    )
    note: Optional[str] = None

    @field_validator("js_body")
    @classmethod
    def _valid_regex(cls, value: Optional[str]) -> Optional[str]:
        return _check_regex(value)


class Politeness(_Strict):
    """Per-host request pacing; the crawler never goes faster than this."""

    delay: Optional[float] = Field(default=None, ge=0, le=120, description="Seconds between requests.")
    concurrency: Optional[int] = Field(default=None, ge=1, le=2, description="Requests in flight.")
    timeout: Optional[float] = Field(default=None, gt=0, le=300)
    retries: Optional[int] = Field(default=None, ge=0, le=10)


class SiteRules(_Strict):
    """What a family defines and an outlet may override, field by field."""

    article_url: Optional[str] = Field(default=None, description="Regex an article URL path matches.")
    feeds: Optional[list[str]] = None
    sitemaps: Optional[list[str]] = None
    categories: Optional[list[str]] = None
    listing: Listing = Listing()
    selectors: Selectors = Selectors()
    date_formats: Optional[list[str]] = None
    lead_code: Optional[str] = Field(default=None, description="Regex of the outlet code opening the lead.")
    quirks: Quirks = Quirks()
    politeness: Politeness = Politeness()

    @field_validator("article_url", "lead_code")
    @classmethod
    def _valid_regex(cls, value: Optional[str]) -> Optional[str]:
        return _check_regex(value)


class Family(SiteRules):
    """A CMS family shared by several outlets (research §3.3)."""

    description: str


class LegacySource(_Strict):
    """A pre-merger host whose history belongs to this outlet."""

    host: str
    kind: Literal["newspaper", "broadcaster", "subdomain"]
    name: str
    evidence: Evidence


class OutletEntry(SiteRules):
    """One merged provincial outlet as written in the file."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")
    name: str
    province: str
    host: str = Field(description="Current host, optionally with :port.")
    scheme: Literal["https", "http"] = "https"
    family: str
    evidence: Evidence
    legacy: list[LegacySource] = []
    active: bool = True


class RegistryFile(_Strict):
    """The whole YAML document."""

    schema_version: Literal[1]
    families_from: Optional[str] = Field(
        default=None, description="Another registry file (relative path) whose families this one uses."
    )
    expected_units: Optional[int] = Field(
        default=None, description="Distinct provinces the file must cover (34 for the real registry)."
    )
    defaults: SiteRules = SiteRules()
    families: dict[str, Family]
    outlets: list[OutletEntry]

    @model_validator(mode="after")
    def _consistent(self) -> "RegistryFile":
        ids = [outlet.id for outlet in self.outlets]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate outlet ids: {', '.join(duplicates)}")
        hosts: dict[str, str] = {}
        for outlet in self.outlets:
            if outlet.family not in self.families:
                raise ValueError(f"outlet '{outlet.id}': unknown family '{outlet.family}'")
            for host in [outlet.host, *(source.host for source in outlet.legacy)]:
                if host in hosts:
                    raise ValueError(f"host {host} belongs to both '{hosts[host]}' and '{outlet.id}'")
                hosts[host] = outlet.id
        if self.expected_units is not None:
            provinces = {outlet.province for outlet in self.outlets}
            if len(provinces) != self.expected_units:
                raise ValueError(
                    f"expected {self.expected_units} provincial units, found {len(provinces)}"
                )
        return self


class OutletConfig(BaseModel):
    """One outlet with its family defaults applied: what the crawler and extractor read."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    province: str
    host: str
    scheme: str
    family: str
    evidence: str
    legacy: tuple[LegacySource, ...]
    active: bool
    article_url: str
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    categories: tuple[str, ...]
    next_page: Optional[str]
    max_pages: int
    selectors: dict[str, tuple[str, ...]]
    date_formats: tuple[str, ...]
    lead_code: Optional[str]
    quirks: Quirks
    delay: float
    concurrency: int
    timeout: float
    retries: int

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host}"

    @property
    def hosts(self) -> tuple[str, ...]:
        """The current host first, then every legacy host, without any leading 'www.'."""
        return tuple(_bare(host) for host in (self.host, *(source.host for source in self.legacy)))

    def absolute(self, path: str) -> str:
        """``path`` on this outlet's origin; absolute URLs pass through."""
        return path if "://" in path else self.origin + ("" if path.startswith("/") else "/") + path

    @cached_property
    def article_pattern(self) -> re.Pattern[str]:
        return re.compile(self.article_url)

    def is_article_url(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.hostname is not None and self.owns_host(parts.netloc) and bool(
            self.article_pattern.search(parts.path)
        )

    def owns_host(self, netloc: str) -> bool:
        return _bare(netloc) in self.hosts


def _bare(netloc: str) -> str:
    return netloc.lower().removeprefix("www.")


# What every outlet gets when neither its family nor the file's defaults say otherwise.
_BUILTIN = {
    "article_url": r"\.html?$",
    "max_pages": 5,
    "delay": 2.0,
    "concurrency": 1,
    "timeout": 30.0,
    "retries": 2,
}
SELECTOR_FIELDS = tuple(Selectors.model_fields)


def _layered(*layers: Optional[object]) -> Optional[object]:
    """The last layer that is set (outlet over family over defaults)."""
    chosen = None
    for layer in layers:
        if layer is not None:
            chosen = layer
    return chosen


def _resolve(entry: OutletEntry, family: Family, defaults: SiteRules) -> OutletConfig:
    layers = (defaults, family, entry)

    def pick(name: str) -> Optional[object]:
        return _layered(*(getattr(layer, name) for layer in layers))

    def sub(group: str, name: str) -> Optional[object]:
        return _layered(*(getattr(getattr(layer, group), name) for layer in layers))

    quirks = Quirks(**{name: sub("quirks", name) for name in Quirks.model_fields})
    return OutletConfig(
        id=entry.id,
        name=entry.name,
        province=entry.province,
        host=entry.host.lower(),
        scheme=entry.scheme,
        family=entry.family,
        evidence=entry.evidence,
        legacy=tuple(entry.legacy),
        active=entry.active,
        article_url=pick("article_url") or _BUILTIN["article_url"],
        feeds=tuple(pick("feeds") or ()),
        sitemaps=tuple(pick("sitemaps") or ()),
        categories=tuple(pick("categories") or ()),
        next_page=sub("listing", "next_page"),
        max_pages=sub("listing", "max_pages") or _BUILTIN["max_pages"],
        selectors={name: tuple(sub("selectors", name) or ()) for name in SELECTOR_FIELDS},
        date_formats=tuple(pick("date_formats") or ()),
        lead_code=pick("lead_code"),
        quirks=quirks,
        delay=_layered(_BUILTIN["delay"], sub("politeness", "delay")),
        concurrency=_layered(_BUILTIN["concurrency"], sub("politeness", "concurrency")),
        timeout=_layered(_BUILTIN["timeout"], sub("politeness", "timeout")),
        retries=_layered(_BUILTIN["retries"], sub("politeness", "retries")),
    )


class Registry:
    """The resolved outlets of one registry file, looked up by id or by URL host."""

    def __init__(self, source: RegistryFile, path: Optional[Path] = None) -> None:
        self.source = source
        self.path = path
        self.outlets: dict[str, OutletConfig] = {
            entry.id: _resolve(entry, source.families[entry.family], source.defaults)
            for entry in source.outlets
        }
        self._by_host = {
            host: outlet for outlet in self.outlets.values() for host in outlet.hosts
        }

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.outlets.values())

    def __len__(self) -> int:
        return len(self.outlets)

    def get(self, outlet_id: str) -> OutletConfig:
        try:
            return self.outlets[outlet_id]
        except KeyError:
            raise RegistryError(
                f"unknown outlet '{outlet_id}' in {self.path or 'registry'}"
            ) from None

    def for_url(self, url: str) -> Optional[OutletConfig]:
        """The outlet whose current or legacy host serves ``url``, if any."""
        return self._by_host.get(_bare(urlsplit(url).netloc))

    def select(self, outlet_ids: Optional[list[str]]) -> list[OutletConfig]:
        """The named outlets (all active ones when ``None``), unknown ids refused."""
        if outlet_ids is None:
            return [outlet for outlet in self if outlet.active]
        return [self.get(outlet_id) for outlet_id in outlet_ids]


def _describe(error: ValidationError, document: dict) -> str:
    first = error.errors()[0]
    location = list(first["loc"])
    if len(location) >= 2 and location[0] == "outlets" and isinstance(location[1], int):
        outlets = document.get("outlets") or []
        index = location[1]
        name = outlets[index].get("id", f"#{index + 1}") if index < len(outlets) else index
        location = [f"outlet '{name}'", *location[2:]]
    where = ".".join(str(part) for part in location)
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def parse_registry(text: str, path: Optional[Path] = None) -> Registry:
    """Validate registry YAML text; every problem becomes one RegistryError line."""
    label = str(path) if path else "registry"
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise RegistryError(f"{label}{line}: not valid YAML") from None
    if not isinstance(document, dict):
        raise RegistryError(f"{label}: expected a mapping with 'families' and 'outlets'")
    if document.get("families_from"):
        base = (path.parent if path else Path.cwd()) / str(document["families_from"])
        shared = load_registry(base).source.families
        document = {**document, "families": {**shared, **(document.get("families") or {})}}
    try:
        source = RegistryFile.model_validate(document)
    except ValidationError as error:
        raise RegistryError(f"{label}: {_describe(error, document)}") from None
    return Registry(source, path)


def load_registry(path: Path) -> Registry:
    """Read and validate the registry file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"outlet registry not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryError(f"cannot read outlet registry {path}: {error}") from None
    return parse_registry(text, path)
