"""A test-only demo outlet that misbehaves in every way the crawler must survive.

Served by ``DemoWeb(fault_site=(registry, FaultSite(registry)))`` on its own address, it has a
category page linking to articles that answer 404, 500, 503 with Retry-After, too slowly, in a
redirect loop, from a path robots.txt disallows, with 20 MB, with binary bytes labelled HTML,
in windows-1258 (declared or not), with a wrong charset, truncated, or cut off mid-transfer;
a feed that is not XML; and sitemaps that are a gzip bomb, a loop and a too-deep nesting.
Two ordinary articles prove the crawl goes on. Articles are rendered with the a-id family's
template, so the good ones are extracted like any demo page.
"""

from __future__ import annotations

import gzip
import unicodedata
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Callable, Optional

from crawler.dates import VIETNAM
from crawler.demo_web.corpus import CorpusArticle, OutletCorpus
from crawler.demo_web.render import SiteRenderer
from crawler.demo_web.server import Reply
from crawler.registry import load_registry

HTML = "text/html; charset=utf-8"
BIG_PAGE_BYTES = 20 * 1024 * 1024
BOMB_BYTES = 32 * 1024 * 1024  # three times the sitemap cap
SLOW_SECONDS = 3.0
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Encode as windows-1258 does: base letters precomposed, tone marks as combining characters."""
    pieces = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        pieces.append(base + "".join(p for p in parts if p in _TONES))
    return "".join(pieces).encode("cp1258")


def _article(slug: str, title: str, lead: str, paragraphs: list[str], byline: str, day: int) -> CorpusArticle:
    return CorpusArticle(
        slug=slug, section="Bài viết", title=title, lead=lead, paragraphs=paragraphs, byline=byline,
        authors=[byline.split(": ")[-1]], wire_source=None,
        published_at=datetime(2025, 11, day, 9, 30, tzinfo=VIETNAM), captions=[], media_kind="text",
        syndicated_from=None,
    )


_BODY = [
    "Sáng nay, Hội Liên hiệp Phụ nữ phường tổ chức buổi nói chuyện chuyên đề về phòng, chống bạo lực gia đình "
    "cho hơn 150 hội viên và người dân trên địa bàn.",
    "Bà Nguyễn Thị Thu Hằng, Chủ tịch Hội, cho biết năm nay phường đã tiếp nhận và hỗ trợ 12 trường hợp, "
    "phần lớn là phụ nữ lớn tuổi sống một mình. \u201cNhiều chị em vẫn ngại lên tiếng vì sợ ảnh hưởng con cái\u201d, bà nói.",
    "Ông Trần Văn Đức, Trưởng Công an phường, đề nghị người dân gọi ngay đường dây nóng khi phát hiện "
    "hành vi bạo lực, không coi đó là chuyện riêng của mỗi nhà.",
]

# slug -> (title, what the page does); the titles carry every Vietnamese tone mark.
FAULTS: dict[str, str] = {
    "bai-binh-thuong-mot": "Phường tổ chức nói chuyện về phòng, chống bạo lực gia đình",
    "bai-binh-thuong-hai": "Hội viên phụ nữ được hướng dẫn kỹ năng ứng phó bạo lực",
    "qua-tai-tam-thoi": "Đường dây nóng hỗ trợ người bị bạo lực hoạt động cả ngày lẫn đêm",
    "ma-windows-1258": "Nữ trưởng ấp giữ bình yên cho xóm nhỏ ở Cù Lao Dung",
    "khong-khai-bao-ma": "Người mẹ đơn thân mở tiệm may ở chợ phường Tân Định",
    "utf8-khai-bao-sai": "Thầy giáo vùng cao dạy chữ cho học trò người Mông",
    "1258-khai-bao-utf8": "Bác sĩ trẻ về công tác ở trạm y tế xã đảo",
    "trang-bi-cat-ngang": "Xã ven biển trồng thêm 20 héc-ta rừng phòng hộ",
    "mat-du-lieu-giua-chung": "Nông dân chuyển đổi 50 héc-ta lúa sang trồng rau sạch",
    "khong-ton-tai": "Trang đã bị xóa",
    "loi-may-chu": "Trang lỗi máy chủ",
    "qua-cham": "Trang trả lời quá chậm",
    "vong-lap-chuyen-huong": "Trang chuyển hướng vòng tròn",
    "trang-qua-lon": "Trang 20 MB",
    "noi-dung-nhi-phan": "Ảnh gửi nhầm kiểu HTML",
}


class FaultSite:
    """The fault outlet's routes; called by the demo server with (path, hit count, origin)."""

    def __init__(self, registry_path: Path) -> None:
        self.outlet = load_registry(registry_path).get("demo-faults")
        self.articles = {
            slug: _article(slug, title, f"{title}: tin từ trang kiểm thử lỗi.", _BODY, "Tin, ảnh: Thu Hằng", 1 + n)
            for n, (slug, title) in enumerate(FAULTS.items())
        }
        self.renderer = SiteRenderer(self.outlet, OutletCorpus(outlet_id=self.outlet.id, articles=list(self.articles.values())))
        self.paths = {slug: self.renderer.paths[slug] for slug in self.articles}
        self.private_path = "/private/bai-noi-bo-a900001.html"
        self.routes: dict[str, Callable[[int, str], Reply]] = {
            "/robots.txt": self._robots,
            "/tin-moi/": self._listing,
            "/rss/home.rss": lambda count, origin: Reply(200, b"<html><body><h1>L\xe1\xbb\x97i 500</h1>", (("Content-Type", "application/rss+xml"),)),
            "/sitemap.xml": self._sitemap,
            "/sitemap-bomb.xml.gz": lambda count, origin: Reply(200, self._bomb, (("Content-Type", "application/gzip"),)),
            "/sitemap-loop.xml": lambda count, origin: self._index(origin, ["/sitemap-loop.xml", "/sitemap-loop-2.xml"]),
            "/sitemap-loop-2.xml": lambda count, origin: self._index(origin, ["/sitemap-loop.xml"]),
            self.private_path: lambda count, origin: self._page("bai-binh-thuong-mot"),
        }
        for depth in range(1, 6):
            self.routes[f"/sitemap-deep-{depth}.xml"] = (
                lambda count, origin, depth=depth: self._index(origin, [f"/sitemap-deep-{depth + 1}.xml"]))
        behaviours: dict[str, Callable[[int, str], Reply]] = {
            "bai-binh-thuong-mot": lambda count, origin: self._page("bai-binh-thuong-mot"),
            "bai-binh-thuong-hai": lambda count, origin: self._page("bai-binh-thuong-hai"),
            "qua-tai-tam-thoi": self._busy_once,
            "ma-windows-1258": lambda count, origin: self._legacy("ma-windows-1258", declared=True),
            "khong-khai-bao-ma": lambda count, origin: self._legacy("khong-khai-bao-ma", declared=False),
            "utf8-khai-bao-sai": self._utf8_labelled_1258,
            "1258-khai-bao-utf8": self._1258_labelled_utf8,
            "trang-bi-cat-ngang": self._truncated,
            "mat-du-lieu-giua-chung": self._data_loss,
            "khong-ton-tai": lambda count, origin: Reply(404, b"<html><body>404</body></html>"),
            "loi-may-chu": lambda count, origin: Reply(500, b"<html><body>500</body></html>"),
            "qua-cham": self._slow,
            "vong-lap-chuyen-huong": lambda count, origin: Reply(302, headers=(("Location", "/bai-viet/vong-lap-b-a900002.html"),)),
            "trang-qua-lon": lambda count, origin: Reply(200, self._big, (("Content-Type", HTML),)),
            "noi-dung-nhi-phan": lambda count, origin: Reply(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, (("Content-Type", HTML),)),
        }
        for slug, behaviour in behaviours.items():
            self.routes[self.paths[slug]] = behaviour
        self.routes["/bai-viet/vong-lap-b-a900002.html"] = lambda count, origin: Reply(
            302, headers=(("Location", self.paths["vong-lap-chuyen-huong"]),))

    def __call__(self, path: str, count: int, origin: str) -> Optional[Reply]:
        route = self.routes.get(path)
        return route(count, origin) if route else Reply(404, b"<html><body>404</body></html>")

    # -- pages ------------------------------------------------------------------------------
    def html(self, slug: str) -> str:
        return self.renderer.article_html(self.articles[slug])

    def _page(self, slug: str) -> Reply:
        return Reply(200, self.html(slug).encode("utf-8"), (("Content-Type", HTML),))

    def _busy_once(self, count: int, origin: str) -> Reply:
        if count == 1:
            return Reply(503, b"<html><body>503</body></html>", (("Retry-After", "1"),))
        return self._page("qua-tai-tam-thoi")

    def _slow(self, count: int, origin: str) -> Reply:
        import time

        time.sleep(SLOW_SECONDS)
        return self._page("qua-cham")

    def _legacy(self, slug: str, *, declared: bool) -> Reply:
        html = self.html(slug).replace('<meta charset="utf-8">', '<meta charset="windows-1258">' if declared else "")
        return Reply(200, windows_1258(html), (("Content-Type", "text/html"),))

    def _utf8_labelled_1258(self, count: int, origin: str) -> Reply:
        html = self.html("utf8-khai-bao-sai").replace('<meta charset="utf-8">', "")
        return Reply(200, html.encode("utf-8"), (("Content-Type", "text/html; charset=windows-1258"),))

    def _1258_labelled_utf8(self, count: int, origin: str) -> Reply:
        return Reply(200, windows_1258(self.html("1258-khai-bao-utf8")), (("Content-Type", HTML),))

    def _truncated(self, count: int, origin: str) -> Reply:
        html = self.html("trang-bi-cat-ngang")
        cut = html.index("</div>", html.index('class="content-fck"'))  # inside the body, after the first paragraphs
        return Reply(200, html[:cut].encode("utf-8"), (("Content-Type", HTML),))

    def _data_loss(self, count: int, origin: str) -> Reply:
        body = self.html("mat-du-lieu-giua-chung").encode("utf-8")
        return Reply(200, body, (("Content-Type", HTML), ("Content-Length", str(len(body) + 5000))))

    @cached_property
    def _big(self) -> bytes:
        paragraph = "<p>" + _BODY[0] + "</p>\n"
        return ("<html><head><meta charset='utf-8'><title>Trang lớn</title></head><body>"
                + paragraph * (BIG_PAGE_BYTES // len(paragraph.encode()) + 1) + "</body></html>").encode("utf-8")

    @cached_property
    def _bomb(self) -> bytes:
        head = b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        return gzip.compress(head + b" " * BOMB_BYTES + b"</urlset>", compresslevel=6, mtime=0)

    # -- discovery documents ----------------------------------------------------------------
    def _robots(self, count: int, origin: str) -> Reply:
        sitemaps = ["/sitemap.xml", "/sitemap-bomb.xml.gz", "/sitemap-loop.xml", "/sitemap-deep-1.xml"]
        text = "User-agent: *\nDisallow: /private/\n" + "".join(f"Sitemap: {origin}{path}\n" for path in sitemaps)
        return Reply(200, text.encode(), (("Content-Type", "text/plain"),))

    def all_paths(self) -> list[str]:
        return [*self.paths.values(), self.private_path]

    def _listing(self, count: int, origin: str) -> Reply:
        links = "".join(f'<li><a class="title" href="{path}">{path}</a></li>' for path in self.all_paths())
        return Reply(200, f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul></body></html>".encode(),
                     (("Content-Type", HTML),))

    def _sitemap(self, count: int, origin: str) -> Reply:
        urls = "".join(f"<url><loc>{origin}{path}</loc></url>" for path in self.all_paths())
        body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        return Reply(200, body.encode(), (("Content-Type", "application/xml"),))

    def _index(self, origin: str, paths: list[str]) -> Reply:
        entries = "".join(f"<sitemap><loc>{origin}{path}</loc></sitemap>" for path in paths)
        body = f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
        return Reply(200, body.encode(), (("Content-Type", "application/xml"),))
