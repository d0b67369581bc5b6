"""``genderwatch extract PAGE --url URL``: one page's fields as JSON; bad input is one error line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from crawler.demo_web.faults import windows_1258
from crawler.demo_web.render import DEMO_REGISTRY
from tests.conftest import REPO_ROOT, SHARED_DIR
from tests.crawler.conftest import expected_pages
from tests.support import run_cli

FIELDS = {"title", "lead", "body", "authors", "published_at", "section", "captions", "outlet"}


def _demo_url(page_data: dict) -> str:
    hosts = {"demo-laocai": "127.0.0.11:8470", "demo-cantho": "127.0.0.14:8470"}
    return f"http://{hosts[page_data['outlet']]}{page_data['url_path']}"


def test_saved_demo_page_and_gzipped_copy(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A saved page in process, then its gzipped copy the user's way (a subprocess)."""
    page = next(p for p in expected_pages() if p.outlet_id == "demo-cantho" and p.data["captions"])
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(page.page.read_bytes()))
    args = ("--url", _demo_url(page.data), "--registry", str(DEMO_REGISTRY))
    env = {"GENDERWATCH_DATA_DIR": str(tmp_path / "data")}
    for done in (cli("extract", str(page.page), *args, env=env),
                 run_cli("extract", str(gz), *args, cwd=REPO_ROOT, env=env)):
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert FIELDS <= set(data)
        for field in ("title", "lead", "body", "authors", "published_at", "section", "captions"):
            assert data[field] == page.data[field], field
        assert data["outlet"] == "demo-cantho"  # the URL's host is in the registry


def test_real_page_without_registry_outlet(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = SHARED_DIR / "data" / "pages" / "vnexpress" / "VnExpress_2025_10_22.html.gz"
    done = cli("extract", str(page), "--url", "https://vnexpress.net/a-4954454.html",
               env={"GENDERWATCH_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["authors"] == ["Lê Phương"] and data["outlet"] is None
    assert data["published_at"] == "2025-10-22T19:25:52+07:00"


@pytest.mark.parametrize("content, args, message", [
    (None, ["--url", "http://127.0.0.14:8470/x-a1.html"], "file not found"),
    (b"<html><body><p>x</p></body></html>", ["--url", "not-a-url"], "--url must be an absolute http(s) URL"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", ["--url", "http://127.0.0.14:8470/x-a1.html"], "not an HTML page"),
    (b"\x1f\x8b\x08broken", ["--url", "http://127.0.0.14:8470/x-a1.html"], "is not valid gzip"),
    (b"<html><head></head><body></body></html>", ["--url", "http://127.0.0.14:8470/x-a1.html"], "no article found"),
    (b"<html></html>", [], "give --url URL"),
])
def test_bad_input_is_one_error_line(tmp_path: Path, cli, content: bytes | None, args: list[str],  # type: ignore[no-untyped-def]
                                     message: str) -> None:
    page = tmp_path / "page.html"
    if content is not None:
        page.write_bytes(content)
    done = cli("extract", str(page), *args, env={"GENDERWATCH_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], done.stderr


def test_windows_1258_page_prints_nfc_text(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    page = next(p for p in expected_pages() if p.outlet_id == "demo-cantho")
    html = page.page.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1258">')
    saved = tmp_path / "legacy.html"
    saved.write_bytes(windows_1258(html))
    done = cli("extract", str(saved), "--url", _demo_url(page.data), "--registry", str(DEMO_REGISTRY),
               env={"GENDERWATCH_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == page.data["title"]
