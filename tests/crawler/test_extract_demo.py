"""Field accuracy on every demo page: the issue's bar and the figures recorded in the README.

Body similarity is difflib's SequenceMatcher ratio over whitespace-normalised text
(``autojunk=False``), the measure the README states.
"""

from __future__ import annotations

import difflib
from datetime import datetime

import pytest

from crawler.extract import extract_page
from crawler.registry import load_registry
from crawler.demo_web.render import DEMO_REGISTRY
from tests.crawler.conftest import expected_pages

EXACT = ("title", "lead", "byline", "published_at")
ALSO_CHECKED = ("authors", "wire_source", "section", "captions", "media_kind")


def body_similarity(got: str, want: str) -> float:
    """SequenceMatcher ratio over whitespace-normalised text (1.0 at once when equal)."""
    got, want = " ".join(got.split()), " ".join(want.split())
    return 1.0 if got == want else difflib.SequenceMatcher(None, got, want, autojunk=False).ratio()


def _value(field: str, data: dict) -> object:
    value = data[field]
    return datetime.fromisoformat(value) if field == "published_at" and value else value


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, dict]]:
    registry = load_registry(DEMO_REGISTRY)
    pairs = []
    for page in expected_pages():
        outlet = registry.get(page.outlet_id)
        extraction = extract_page(page.page.read_bytes(), outlet.origin + page.url_path, outlet)
        pairs.append((extraction.to_json(), page.data))
    return pairs


def test_every_family_and_enough_pages(results: list[tuple[dict, dict]]) -> None:
    assert len(results) >= 6 * 30
    assert {want["outlet"] for _, want in results} == {
        "demo-laocai", "demo-nghean", "demo-thainguyen", "demo-cantho", "demo-quangngai", "demo-quangninh"}


@pytest.mark.parametrize("field", EXACT + ALSO_CHECKED)
def test_field_exact_on_at_least_98_percent(results: list[tuple[dict, dict]], field: str) -> None:
    wrong = [(want["url_path"], got[field], want[field]) for got, want in results
             if _value(field, got) != _value(field, want)]
    share = 1 - len(wrong) / len(results)
    assert share >= 0.98, f"{field}: {share:.1%} exact; first misses: {wrong[:3]}"


def test_body_similarity_at_least_098(results: list[tuple[dict, dict]]) -> None:
    scores = [(body_similarity(got["body"], want["body"]), want["url_path"]) for got, want in results]
    assert min(scores)[0] >= 0.98, f"lowest body similarity {min(scores)}"


def test_video_items_keep_description_and_transcript(results: list[tuple[dict, dict]]) -> None:
    videos = [(got, want) for got, want in results if want["media_kind"] == "video"]
    assert videos
    for got, want in videos:
        assert got["media_kind"] == "video" and got["lead"] == want["lead"] and got["body"]
