"""Render the demo outlets' corpus into static sites, with each page's expected extraction.

``crawler/demo_web/site/<outlet_id>/`` gets what a provincial outlet serves (home page,
category pages with pagination, article pages in the family's markup, feeds, sitemaps,
robots.txt) and, beside every article page, ``<page>.expected.json`` copied from the corpus:
the truth the extractor is measured against. Absolute URLs in feeds, sitemaps and robots.txt
carry the placeholder ``__ORIGIN__``, which the demo server replaces with its own address.
Rendering is deterministic, so the committed site can be checked against a fresh render.

Run ``python -m crawler.demo_web.render`` (or ``genderwatch demo-web render``) after the
corpus or the templates change.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from collections import defaultdict
from datetime import date, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any, Iterable, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from crawler.dates import VIETNAM
from crawler.demo_web.corpus import CORPUS_DIR, CorpusArticle, OutletCorpus, read_corpus, slugify, stable_number
from crawler.demo_web.layouts import LAYOUTS, Layout
from crawler.registry import OutletConfig, Registry, load_registry
from genderwatch.settings import REPO_ROOT

HERE = Path(__file__).resolve().parent
SITE_DIR = HERE / "site"
DEMO_REGISTRY = REPO_ROOT / "config" / "demo_outlets.yaml"
ORIGIN = "__ORIGIN__"
LATEST = "tin-moi"
PAGE_SIZE = 8
HOME_FEED_SIZE = 15
SECTION_FEED_SIZE = 10
SITEMAP_CHUNK = 15
# The outlet code an outlet prints before its lead (research §4.2); the extractor strips it.
LEAD_CODES = {"a-id": "(CTO) - "}

_templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=False,
)


def file_for(path: str) -> str:
    """The file under an outlet's site directory that serves URL ``path``."""
    relative = path.lstrip("/")
    return relative + "index.html" if not relative or relative.endswith("/") else relative


class _SiteWriter:
    """Collects the files of one outlet's site before they are written."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def text(self, path: str, content: str) -> None:
        self.files[file_for(path)] = content.encode("utf-8")

    def gzipped(self, path: str, content: str) -> None:
        self.files[file_for(path)] = gzip.compress(content.encode("utf-8"), mtime=0)

    def json(self, path: str, data: dict[str, Any]) -> None:
        self.files[file_for(path)] = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _render(template: str, **context: Any) -> str:
    return _templates.get_template(template).render(**context)


def _rfc822(moment: datetime) -> str:
    return format_datetime(moment)


def _blocks(article: CorpusArticle) -> list[dict[str, str]]:
    """Paragraphs with the pictures placed after the first, second ... paragraph."""
    blocks: list[dict[str, str]] = []
    captions = list(article.captions)
    for index, paragraph in enumerate(article.paragraphs):
        blocks.append({"kind": "p", "text": paragraph})
        if captions and index < len(article.paragraphs) - 1:
            blocks.append({"kind": "figure", "text": captions.pop(0),
                           "image": f"/images/{article.slug}-{len(blocks)}.jpg"})
    blocks += [{"kind": "figure", "text": caption, "image": f"/images/{article.slug}-end.jpg"}
               for caption in captions]
    return blocks


class SiteRenderer:
    """Renders one demo outlet's corpus in its family's layout."""

    def __init__(self, outlet: OutletConfig, corpus: OutletCorpus) -> None:
        self.outlet = outlet
        self.layout: Layout = LAYOUTS[outlet.family]
        self.articles = corpus.articles  # newest first
        self.paths = {article.slug: self.layout.article_path(outlet.id, article) for article in self.articles}
        self.sections = sorted({(article.section_slug, article.section) for article in self.articles})
        self.out = _SiteWriter()

    # -- shared context -------------------------------------------------------------------
    def _item(self, article: CorpusArticle) -> dict[str, str]:
        return {"path": self.paths[article.slug], "title": article.title, "lead": article.lead}

    def _site(self) -> dict[str, Any]:
        return {
            "name": self.outlet.name,
            "province": self.outlet.province,
            "family": self.outlet.family,
            "sections": [{"name": name, "path": self.layout.listing_path(slug, 1)} for slug, name in self.sections],
            "latest_path": self.layout.listing_path(LATEST, 1),
            "home_feed": self.layout.home_feed,
            "most_read": [self._item(article) for article in self.articles[:5]],
            "robots_sitemaps": self._robots_sitemaps(),
        }

    # -- pages ----------------------------------------------------------------------------
    def _article_context(self, article: CorpusArticle) -> dict[str, Any]:
        same_section = [other for other in self.articles
                        if other.section == article.section and other.slug != article.slug]
        moment = article.published_at
        context: dict[str, Any] = {
            "title": article.title,
            "lead": article.lead,
            "lead_with_code": LEAD_CODES.get(self.outlet.family, "") + article.lead,
            "section": article.section,
            "section_path": self.layout.listing_path(article.section_slug, 1),
            "byline": article.byline,
            "blocks": _blocks(article),
            "video": article.media_kind == "video",
            "video_src": f"/media/{article.slug}.mp4",
            "poster": f"/images/{article.slug}-poster.jpg",
            "related": [self._item(other) for other in same_section[:3]],
            "tags": [{"name": article.section, "slug": article.section_slug},
                     {"name": self.outlet.province, "slug": slugify(self.outlet.province)}],
            "dates": {
                "text": self.layout.printed_date(article),
                "iso": moment.isoformat(),
                "iso_compact": moment.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "epoch": int(moment.timestamp()),
                "date_only": moment.date().isoformat(),
            },
        }
        context["js_body"] = _render("article/htm_body.html", article=context)
        return context

    def _expected(self, article: CorpusArticle) -> dict[str, Any]:
        return {
            "url_path": self.paths[article.slug],
            "outlet": self.outlet.id,
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "authors": article.authors,
            "byline": article.byline,
            "wire_source": article.wire_source,
            "published_at": article.published_at.isoformat(),
            "section": article.section,
            "captions": article.captions,
            "media_kind": article.media_kind,
            "syndicated_from": article.syndicated_from,
        }

    def article_html(self, article: CorpusArticle, site: Optional[dict[str, Any]] = None) -> str:
        """One article page in the family's markup."""
        context = self._article_context(article)
        return _render(f"article/{self.outlet.family}.html", site=site or self._site(), article=context)

    def _articles(self, site: dict[str, Any]) -> None:
        for article in self.articles:
            path = self.paths[article.slug]
            self.out.text(path, self.article_html(article, site))
            self.out.json(file_for(path) + ".expected.json", self._expected(article))

    def _listing(self, site: dict[str, Any], slug: str, name: str, articles: list[CorpusArticle],
                 hub: Optional[dict[str, str]] = None) -> None:
        pages = [articles[start:start + PAGE_SIZE] for start in range(0, len(articles), PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(pages, start=1):
            listing = {
                "name": name,
                "page": number,
                "entries": [self._item(article) for article in chunk],
                "previous": self.layout.listing_path(slug, number - 1) if number > 1 else None,
                "next": self.layout.listing_path(slug, number + 1) if number < len(pages) else None,
                "hub": hub if number == 1 else None,
            }
            self.out.text(self.layout.listing_path(slug, number),
                          _render("listing.html", site=site, listing=listing, style=self._style()))

    def _style(self) -> dict[str, str]:
        return LISTING_STYLES[self.outlet.family]

    def _listings(self, site: dict[str, Any]) -> None:
        home = {"name": self.outlet.name, "page": 1, "entries": [self._item(a) for a in self.articles[:PAGE_SIZE]],
                "previous": None, "next": self.layout.listing_path(LATEST, 1), "hub": None}
        self.out.text("/", _render("listing.html", site=site, listing=home, style=self._style()))
        self._listing(site, LATEST, "Tin mới", self.articles)
        for slug, name in self.sections:
            in_section = [article for article in self.articles if article.section_slug == slug]
            hub = None
            if self.layout.hub:
                hub_path = self.layout.hub.format(section=slug, number=stable_number(self.outlet.id, f"event-{slug}"))
                hub = {"path": hub_path, "name": f"Chuyên đề {name}"}
                hub_listing = {"name": hub["name"], "page": 1, "entries": [self._item(a) for a in in_section],
                               "previous": None, "next": None, "hub": None}
                self.out.text(hub_path, _render("listing.html", site=site, listing=hub_listing, style=self._style()))
            self._listing(site, slug, name, in_section, hub)

    # -- discovery files ------------------------------------------------------------------
    def _feed(self, path: str, title: str, articles: list[CorpusArticle]) -> None:
        newest = articles[0].published_at if articles else datetime(2025, 9, 1, tzinfo=VIETNAM)
        feed = {
            "title": title,
            "updated_rfc822": _rfc822(newest),
            "updated_iso": newest.isoformat(),
            "entries": [dict(self._item(article), published_rfc822=_rfc822(article.published_at),
                           published_iso=article.published_at.isoformat()) for article in articles],
        }
        template = "atom.xml" if self.layout.feed_format == "atom" else "rss.xml"
        self.out.text(path, _render(template, site={"name": self.outlet.name}, feed=feed))

    def _feeds(self) -> None:
        self._feed(self.layout.home_feed, self.outlet.name, self.articles[:HOME_FEED_SIZE])
        if self.layout.section_feed:
            for slug, name in self.sections:
                in_section = [article for article in self.articles if article.section_slug == slug]
                self._feed(self.layout.section_feed.format(section=slug), f"{self.outlet.name} - {name}",
                           in_section[:SECTION_FEED_SIZE])

    def _entries(self, articles: Iterable[CorpusArticle]) -> list[dict[str, str]]:
        return [{"path": self.paths[a.slug], "lastmod": a.published_at.isoformat()} for a in articles]

    def _grouped(self, key: str) -> dict[str, list[CorpusArticle]]:
        groups: dict[str, list[CorpusArticle]] = defaultdict(list)
        for article in self.articles:
            groups[article.published_at.strftime(key)].append(article)
        return dict(sorted(groups.items()))

    def _sitemap_children(self) -> list[tuple[str, list[CorpusArticle]]]:
        """(path, articles) of each child sitemap, named the way this family names them."""
        style = self.layout.sitemap
        if style == "monthly":  # month not zero-padded, like tinnhanhchungkhoan's news-{Y}-{M}.xml
            return [(f"/sitemaps/news-{int(key[:4])}-{int(key[5:])}.xml", group)
                    for key, group in self._grouped("%Y-%m").items()]
        if style == "daily":
            return [(f"/sitemap-article-{key}.xml", group) for key, group in self._grouped("%Y-%m-%d").items()]
        if style == "gzip-monthly":
            return [(f"/sitemaps/{key}.xml.gz", group) for key, group in self._grouped("%Y-%m").items()]
        oldest_first = list(reversed(self.articles))  # "chunked", as WordPress plugins number them
        chunks = [oldest_first[i:i + SITEMAP_CHUNK] for i in range(0, len(oldest_first), SITEMAP_CHUNK)]
        return [("/post-sitemap.xml" if n == 1 else f"/post-sitemap{n}.xml", chunk)
                for n, chunk in enumerate(chunks, start=1)]

    def _robots_sitemaps(self) -> list[str]:
        return {"monthly": ["/sitemaps/news.xml"], "daily": ["/sitemap.xml"], "chunked": ["/sitemap_index.xml"],
                "gzip-monthly": ["/sitemap.xml"], "flat": ["/sitemap.xml"], "none": []}[self.layout.sitemap]

    def _sitemaps(self) -> None:
        style = self.layout.sitemap
        if style == "none":
            return
        (top,) = self._robots_sitemaps()
        if style == "flat":
            self.out.text(top, _render("urlset.xml", entries=self._entries(self.articles)))
            return
        children = self._sitemap_children()
        index = [{"path": path, "lastmod": max(a.published_at for a in group).isoformat()} for path, group in children]
        self.out.text(top, _render("sitemapindex.xml", entries=index))
        for path, group in children:
            write = self.out.gzipped if path.endswith(".gz") else self.out.text
            write(path, _render("urlset.xml", entries=self._entries(group)))

    def render(self) -> dict[str, bytes]:
        site = self._site()
        self._articles(site)
        self._listings(site)
        self._feeds()
        self._sitemaps()
        self.out.text("/robots.txt", _render("robots.txt", site=site))
        return self.out.files


LISTING_STYLES: dict[str, dict[str, str]] = {
    "cms": {"list_class": "box-category", "item_tag": "article", "item_class": "story",
            "heading_class": "story__heading", "link_class": "cms-link", "next_class": "pagination__next"},
    "sc-longform": {"list_class": "b-grid-list", "item_tag": "div", "item_class": "b-grid",
                    "heading_class": "b-grid__title", "link_class": "", "next_class": "c-pagination__next"},
    "yyyymm-hex": {"list_class": "td-ss-main-content", "item_tag": "div", "item_class": "td_module_10",
                   "heading_class": "entry-title td-module-title", "link_class": "title2", "next_class": "next"},
    "a-id": {"list_class": "list-news", "item_tag": "div", "item_class": "news-item",
             "heading_class": "news-title", "link_class": "title", "next_class": "next-page"},
    "htm": {"list_class": "list-news", "item_tag": "div", "item_class": "item-news",
            "heading_class": "title-news", "link_class": "title-news", "next_class": "btn-next"},
    "card": {"list_class": "cards", "item_tag": "article", "item_class": "card",
             "heading_class": "card-title", "link_class": "", "next_class": "page-next"},
}


def render_sites(corpus: dict[str, OutletCorpus], registry: Registry, out_dir: Path,
                 cutoffs: Optional[dict[str, date]] = None) -> dict[str, int]:
    """Write every outlet's site under ``out_dir/<outlet_id>``; returns articles per outlet.

    ``cutoffs`` makes an outlet look as if it stopped publishing on that date.
    """
    counts: dict[str, int] = {}
    for outlet_id, outlet_corpus in sorted(corpus.items()):
        outlet = registry.get(outlet_id)
        kept = outlet_corpus.published_before((cutoffs or {}).get(outlet_id))
        files = SiteRenderer(outlet, kept).render()
        target = out_dir / outlet_id
        if target.exists():
            shutil.rmtree(target)
        for relative, content in sorted(files.items()):
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        counts[outlet_id] = len(kept.articles)
    return counts


def main(argv: Optional[list[str]] = None) -> None:
    """Re-render the demo site (by default: the committed corpus into the committed site)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--out", type=Path, default=SITE_DIR)
    args = parser.parse_args(argv)
    counts = render_sites(read_corpus(args.corpus), load_registry(DEMO_REGISTRY), args.out)
    for outlet_id, count in counts.items():
        print(f"{outlet_id}: {count} articles -> {args.out / outlet_id}")


if __name__ == "__main__":
    main()
