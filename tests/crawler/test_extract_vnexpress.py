"""The real VnExpress page (Fundus test data, ../shared/data/pages/vnexpress): generic extraction.

VnExpress is not in the registry, so this exercises the fallbacks every unknown outlet gets.
Body similarity: SequenceMatcher ratio over whitespace-normalised text, as in the README.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime

from crawler.extract import extract_page
from tests.conftest import SHARED_DIR
from tests.crawler.test_extract_demo import body_similarity

PAGES = SHARED_DIR / "data" / "pages" / "vnexpress"


def test_title_author_date_exact_and_body_close() -> None:
    meta = json.loads((PAGES / "meta.info").read_text(encoding="utf-8"))
    expected = json.loads((PAGES / "VnExpress.json").read_text(encoding="utf-8"))["V1"]
    (name, info), = meta.items()
    extraction = extract_page(gzip.decompress((PAGES / name).read_bytes()), info["url"])
    assert extraction.title == expected["title"]
    assert extraction.authors == expected["authors"]
    assert extraction.published_at == datetime.fromisoformat(expected["publishing_date"])
    assert extraction.lead == expected["body"]["summary"][0]
    paragraphs = [p for section in expected["body"]["sections"] for p in section["paragraphs"]]
    assert body_similarity(extraction.body, "\n\n".join(paragraphs)) >= 0.95
    assert extraction.outlet is None  # not a registry outlet
