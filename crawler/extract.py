"""Article fields from one page: trafilatura for the body, the outlet's selectors for the rest.

trafilatura finds the body well but misses the sapo (lead) and takes the publisher for the
author (research §4.3). So the body comes from trafilatura run on the family's body container
(or the whole page for an unknown site), and title, lead, byline, time, section and captions
come from the family's selectors, with generic fallbacks (Open Graph, ``itemprop``, JSON-LD)
for pages of outlets outside the registry. Bylines come from where Vietnamese outlets print
them (:mod:`crawler.bylines`); lead codes such as "(CTO) - " are stripped. Video items keep
their title, description (lead) and transcript or summary (body).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Optional, Union

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector
from trafilatura.settings import use_config

from crawler.bylines import Byline, parse_byline
from crawler.dates import has_clock_time, parse_date
from crawler.decode import decode_html
from crawler.registry import OutletConfig

EXTRACTOR_VERSION = "crawler-extract/1"

# A parenthesised outlet code opening a lead, e.g. "(CTO) - ", "(Chinhphu.vn) - " (research §4.2).
GENERIC_LEAD_CODE = r"^\((?:[A-ZĐ][A-Za-zĐ.+]{1,15})\)\s*[-–:]?\s*"
_TITLE = ("meta[property='og:title']::attr(content)", "h1", "title")
_LEAD = ("meta[property='og:description']::attr(content)", "meta[name='description']::attr(content)")
_PUBLISHED = (
    "meta[property='article:published_time']::attr(content)",
    "meta[itemprop='datePublished']::attr(content)",
    "meta[name='pubdate']::attr(content)",
    "time::attr(datetime)",
)
_SECTION = ("meta[property='article:section']::attr(content)",)
_CAPTIONS = ("figcaption",)
_BLOCKS = "p, div, li, h2, h3, h4, blockquote"

# trafilatura warns "discarding data" for every empty container; our notes say what matters.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
_TRAFILATURA = use_config()
# Short items (video summaries, briefs) are still articles: do not discard them for length.
_TRAFILATURA.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
_TRAFILATURA.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
_TRAFILATURA.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")


@dataclass
class Extraction:
    """The fields of one article page, as stored and as ``genderwatch extract`` prints them."""

    url: str
    title: str
    lead: Optional[str]
    body: str
    authors: list[str]
    byline: Optional[str]
    wire_source: Optional[str]
    published_at: Optional[datetime]
    section: Optional[str]
    captions: list[str]
    media_kind: str
    outlet: Optional[str]
    encoding: str
    notes: list[str] = field(default_factory=list)

    @property
    def is_article(self) -> bool:
        return bool(self.title and self.body)

    @property
    def content_hash(self) -> str:
        """Identity of the text a reader sees; a new hash means a new article version."""
        text = "\n".join([self.title, self.lead or "", self.body])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        return data


def _clean(text: Optional[str]) -> str:
    return " ".join((text or "").split())


def _text_of(node: Selector) -> str:
    """Text of a node; selectors ending in ::text or ::attr() already yield strings."""
    if isinstance(node.root, str):
        return _clean(node.root)
    return _clean(" ".join(node.root.itertext()))


def _texts(root: Selector, selectors: tuple[str, ...]) -> list[str]:
    """Non-empty texts of every node the selectors match, in selector order."""
    found: list[str] = []
    for css in selectors:
        for node in root.css(css):
            text = _text_of(node)
            if text and text not in found:
                found.append(text)
    return found


def _first(root: Selector, selectors: tuple[str, ...]) -> Optional[str]:
    for css in selectors:
        for node in root.css(css):
            text = _text_of(node)
            if text:
                return text
    return None


def _js_string(literal: str) -> str:
    """The value of a JavaScript string literal ("...", '...' or `...`)."""
    quote, inner = literal[0], literal[1:-1]
    if quote == '"':
        return json.loads(literal)
    if quote == "'":
        return json.loads('"' + inner.replace('\\"', '"').replace('"', '\\"').replace("\\'", "'") + '"')
    return inner.replace("\\`", "`").replace("\\$", "$")


def _injected_body(html: str, pattern: Optional[str]) -> Optional[Selector]:
    """The body a page writes with JavaScript (baoquangngai), as its own document."""
    if not pattern:
        return None
    found = re.search(pattern, html, re.S)
    if not found:
        return None
    try:
        fragment = _js_string(found.group(1))
    except (ValueError, IndexError):
        return None
    return Selector(text=f"<html><body><article>{fragment}</article></body></html>")


def _container(root: Selector, selectors: tuple[str, ...]) -> HtmlElement:
    for css in selectors:
        nodes = root.css(css)
        if nodes:
            return copy.deepcopy(nodes[0].root)
    return copy.deepcopy(root.root)


def _drop(tree: HtmlElement, selectors: tuple[str, ...]) -> None:
    for css in selectors:
        for node in Selector(root=tree).css(css):
            element = node.root
            if isinstance(element, str):
                continue
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)


def _paragraphs_from(tree: HtmlElement) -> list[str]:
    """Body paragraphs by trafilatura; plain block text if trafilatura keeps nothing."""
    html = etree.tostring(tree, encoding="unicode", method="html")
    document = trafilatura.bare_extraction(
        f"<html><body>{html}</body></html>", include_comments=False, include_tables=True,
        favor_recall=True, config=_TRAFILATURA,
    )
    paragraphs: list[str] = []
    if document is not None and document.body is not None:
        for element in document.body:
            items = element.findall(".//item") if element.tag == "list" else [element]
            paragraphs += [_clean(" ".join(item.itertext())) for item in items]
    paragraphs = [text for text in paragraphs if text]
    if paragraphs:
        return paragraphs
    leaves = [node for node in Selector(root=tree).css(_BLOCKS) if not node.css(_BLOCKS)]
    return [text for text in (_text_of(node) for node in leaves) if text]


def _strip_lead_code(lead: str, pattern: Optional[str]) -> str:
    for code in (pattern, GENERIC_LEAD_CODE):
        if code:
            lead = re.sub(code, "", lead, count=1)
    return lead.strip()


def _json_ld(root: Selector) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for raw in root.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                objects += item.get("@graph", [item]) if "@graph" in item else [item]
    return objects


def _published(root: Selector, outlet: Optional[OutletConfig]) -> Optional[datetime]:
    """The first candidate with a time of day; a date-only one if that is all there is."""
    formats = outlet.date_formats if outlet else ()
    site = outlet.selectors["published"] if outlet else ()
    candidates = [text for css in (*site, *_PUBLISHED) for text in _texts(root, (css,))]
    candidates += [str(item["datePublished"]) for item in _json_ld(root) if item.get("datePublished")]
    date_only: Optional[datetime] = None
    for text in candidates:
        moment = parse_date(text, formats)
        if moment is None:
            continue
        if has_clock_time(text):
            return moment
        date_only = date_only or moment
    return date_only


def _section(root: Selector, outlet: Optional[OutletConfig]) -> Optional[str]:
    site = outlet.selectors["section"] if outlet else ()
    found = _first(root, (*site, *_SECTION))
    if found:
        return found
    for item in _json_ld(root):
        if item.get("articleSection"):
            return _clean(str(item["articleSection"]))
    return None


def _byline_from(texts: list[str]) -> Optional[Byline]:
    for text in texts:
        byline = parse_byline(text)
        if byline:
            return byline
    return None


def _split_byline(paragraphs: list[str], selected: Optional[Byline]) -> tuple[list[str], Optional[Byline]]:
    """Remove the byline from the end of the body; read it there if no selector found one."""
    byline = selected
    while paragraphs:
        tail = paragraphs[-1]
        if byline is not None and tail == byline.text:
            paragraphs = paragraphs[:-1]
            continue
        found = parse_byline(tail) if byline is None else None
        if found is None:
            break
        byline, paragraphs = found, paragraphs[:-1]
    return paragraphs, byline


def _media_kind(root: Selector, container: HtmlElement, outlet: Optional[OutletConfig]) -> str:
    markers = outlet.selectors["video"] if outlet else ()
    og_type = root.css("meta[property='og:type']::attr(content)").get("") or ""
    if any(root.css(css) for css in markers) or og_type.startswith("video"):
        return "video"
    inside = Selector(root=container)
    if inside.css("video"):
        return "video"
    if inside.css("audio") or og_type.startswith("music"):
        return "audio"
    return "text"


def extract_page(
    raw: Union[bytes, str],
    url: str,
    outlet: Optional[OutletConfig] = None,
    content_type: Optional[str] = None,
) -> Extraction:
    """Extract the article fields of one page (bytes as fetched, or decoded text)."""
    notes: list[str] = []
    if isinstance(raw, bytes):
        decoded = decode_html(raw, content_type, outlet.quirks.fallback_encoding if outlet else None)
        html, encoding = decoded.text, decoded.encoding
        if decoded.note:
            notes.append(decoded.note)
    else:
        html, encoding = raw, "utf-8"
    if "</html>" not in html[-4096:].lower():
        notes.append("truncated HTML (no closing </html>)")
    root = Selector(text=html)
    selectors = outlet.selectors if outlet else {name: () for name in ("title", "lead", "body", "byline", "captions", "remove")}
    injected = _injected_body(html, outlet.quirks.js_body if outlet else None)
    if outlet and outlet.quirks.js_body and injected is None:
        notes.append("JavaScript body not found")
    body_root = injected if injected is not None else root

    title = _first(root, (*selectors["title"], *_TITLE)) or ""
    raw_lead = _first(root, selectors["lead"]) or _first(root, _LEAD)
    lead = _strip_lead_code(raw_lead, outlet.lead_code if outlet else None) if raw_lead else None
    captions = _texts(body_root, (*selectors["captions"], *_CAPTIONS))
    if injected is not None:
        captions += [text for text in _texts(root, selectors["captions"]) if text not in captions]
    selected = _byline_from(_texts(body_root, selectors["byline"]) + (
        _texts(root, selectors["byline"]) if injected is not None else []))

    container = _container(body_root, selectors["body"] if injected is None else ("article",))
    _drop(container, (*selectors["remove"], *selectors["captions"], *_CAPTIONS, *selectors["lead"],
                      "script", "style"))
    skip = {text for text in (raw_lead, lead, *captions) if text}
    paragraphs = [text for text in _paragraphs_from(container) if text not in skip]
    if raw_lead and paragraphs and paragraphs[0].startswith(raw_lead[:40]):
        paragraphs = paragraphs[1:]
    paragraphs, byline = _split_byline(paragraphs, selected)

    return Extraction(
        url=url,
        title=title,
        lead=lead or None,
        body="\n\n".join(paragraphs),
        authors=list(byline.authors) if byline else [],
        byline=byline.text if byline else None,
        wire_source=byline.wire_source if byline else None,
        published_at=_published(root, outlet),
        section=_section(root, outlet),
        captions=captions,
        media_kind=_media_kind(root, container, outlet),
        outlet=outlet.id if outlet else None,
        encoding=encoding,
        notes=notes,
    )
