"""The committed demo web is exactly what the committed corpus renders to, expectations included."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.demo_web.corpus import CORPUS_DIR, read_corpus
from crawler.demo_web.render import DEMO_REGISTRY, SITE_DIR, render_sites
from crawler.registry import load_registry
from tests.crawler.conftest import FIXTURES, expected_pages


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_committed_site_matches_a_fresh_render(tmp_path: Path) -> None:
    corpus = read_corpus(CORPUS_DIR)
    counts = render_sites(corpus, load_registry(DEMO_REGISTRY), tmp_path)
    assert set(counts) == {"demo-laocai", "demo-nghean", "demo-thainguyen", "demo-cantho", "demo-quangngai",
                           "demo-quangninh"}
    assert min(counts.values()) >= 30
    fresh, committed = _tree(tmp_path), _tree(SITE_DIR)
    assert sorted(fresh) == sorted(committed), "run `genderwatch demo-web render` and commit the site"
    assert [name for name in fresh if fresh[name] != committed[name]] == []


def test_expectations_come_from_the_corpus() -> None:
    corpus = read_corpus(CORPUS_DIR)
    pages = expected_pages()
    assert len(pages) == sum(len(outlet.articles) for outlet in corpus.values())
    by_title = {(outlet_id, article.title): article for outlet_id, outlet in corpus.items() for article in outlet.articles}
    for page in pages:
        article = by_title[(page.outlet_id, page.data["title"])]
        assert page.data["body"] == "\n\n".join(article.paragraphs)
        assert page.data["authors"] == article.authors
        assert page.data["published_at"] == article.published_at.isoformat()
        assert page.page.is_file()


def test_cutoff_renders_only_earlier_articles(tmp_path: Path) -> None:
    from datetime import date

    corpus = read_corpus(FIXTURES / "corpus")
    counts = render_sites(corpus, load_registry(DEMO_REGISTRY), tmp_path, {"demo-laocai": date(2025, 11, 1)})
    assert counts["demo-laocai"] == 1 and counts["demo-cantho"] == 2
    feed = (tmp_path / "demo-laocai" / "rss" / "home.rss").read_text(encoding="utf-8")
    assert "Xét xử bị cáo" not in feed and "Hội Liên hiệp Phụ nữ" in feed
    expected = [json.loads(p.read_text()) for p in (tmp_path / "demo-laocai").rglob("*.expected.json")]
    assert [item["published_at"][:10] for item in expected] == ["2025-10-14"]
