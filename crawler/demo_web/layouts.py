"""How each CMS family lays out a site: URL shapes, feeds, sitemaps (research §3.3).

The demo outlets imitate one family each, so the crawler meets the URL patterns, feed paths
and sitemap styles of the real provincial sites: monthly sitemaps whose month is not
zero-padded, daily article sitemaps, gzipped sitemaps, an outlet with no sitemap at all, feeds
without a ``.rss`` suffix, an Atom feed, and hub pages that look like articles but are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crawler.demo_web.corpus import CorpusArticle, stable_hex, stable_number

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
SitemapStyle = Literal["monthly", "daily", "chunked", "gzip-monthly", "flat", "none"]


@dataclass(frozen=True)
class Layout:
    """URL templates and discovery files of one family.

    Templates are ``str.format`` strings over ``section``, ``slug``, ``number``, ``hex``,
    ``yyyymm`` and ``page``.
    """

    family: str
    article: str
    category: str
    category_page: str
    home_feed: str
    section_feed: str | None
    feed_format: Literal["rss", "atom"]
    sitemap: SitemapStyle
    date_text: str
    hub: str | None = None

    def article_path(self, outlet_id: str, article: CorpusArticle) -> str:
        return self.article.format(
            section=article.section_slug,
            slug=article.slug,
            number=stable_number(outlet_id, article.slug),
            hex=stable_hex(outlet_id, article.slug),
            yyyymm=article.published_at.strftime("%Y%m"),
        )

    def printed_date(self, article: CorpusArticle) -> str:
        """The publication time as this family prints it on the page."""
        moment = article.published_at
        return self.date_text.format(
            weekday=WEEKDAYS[moment.weekday()], d=moment.day, m=moment.month,
            day=f"{moment.day:02d}", month=f"{moment.month:02d}", year=moment.year,
            hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}",
        )

    def listing_path(self, section: str, page: int) -> str:
        template = self.category if page == 1 else self.category_page
        return template.format(section=section, page=page)


LAYOUTS: dict[str, Layout] = {
    layout.family: layout
    for layout in (
        Layout(
            family="cms",
            article="/{section}/{slug}-post{number}.html",
            category="/{section}/",
            category_page="/{section}/trang-{page}.html",
            home_feed="/rss/home.rss",
            section_feed="/rss/{section}.rss",
            feed_format="rss",
            sitemap="monthly",
            date_text="{day}/{month}/{year} {hour}:{minute}",
        ),
        Layout(
            family="sc-longform",
            article="/{slug}-{number}.html",
            category="/{section}/",
            category_page="/{section}/p{page}/",
            home_feed="/rss/home",
            section_feed="/rss/{section}",
            feed_format="rss",
            sitemap="daily",
            date_text="{day}/{month}/{year} - {hour}:{minute}",
            hub="/{section}-event{number}.html",
        ),
        Layout(
            family="yyyymm-hex",
            article="/{section}/{yyyymm}/{slug}-{hex}/",
            category="/{section}/",
            category_page="/{section}/page/{page}/",
            home_feed="/rss/home.rss",
            section_feed=None,
            feed_format="atom",
            sitemap="chunked",
            date_text="{weekday}, {day}/{month}/{year} - {hour}:{minute}",
        ),
        Layout(
            family="a-id",
            article="/{section}/{slug}-a{number}.html",
            category="/{section}/",
            category_page="/{section}/trang-{page}.html",
            home_feed="/rss/home.rss",
            section_feed="/rss/{section}.rss",
            feed_format="rss",
            sitemap="none",
            date_text="{day}/{month}/{year} - {hour}:{minute}",
        ),
        Layout(
            family="htm",
            article="/{section}/{slug}-{number}.htm",
            category="/{section}.htm",
            category_page="/{section}/trang-{page}.htm",
            home_feed="/rss/home.rss",
            section_feed=None,
            feed_format="rss",
            sitemap="flat",
            date_text="{weekday}, {d}/{m}/{year} {hour}:{minute}",
        ),
        Layout(
            family="card",
            article="/{section}/{slug}-{number}.html",
            category="/{section}/",
            category_page="/{section}/trang-{page}/",
            home_feed="/rss/home.rss",
            section_feed="/rss/news/{section}.rss",
            feed_format="rss",
            sitemap="gzip-monthly",
            date_text="Cập nhật lúc {hour}:{minute} {day}/{month}/{year} (GMT+7)",
        ),
    )
}
