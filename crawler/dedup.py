"""Near-duplicate and syndicated copies across outlets, by MinHash LSH (datasketch).

Provincial sites republish each other's and the national agencies' stories with small edits
(a new title, the province added to the first sentence). Word 3-shingles of the body are
hashed into a MinHash signature; LSH proposes candidates, whose estimated Jaccard similarity
must reach :data:`THRESHOLD`. The later copy is linked to the earliest earlier one through
``article.syndicated_from_id``, whichever order the crawler meets them in. Signatures are
stored (``article_fingerprint``) and loaded into memory when a crawl starts; at national scale
the index would be restricted to a publication-date window.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from datasketch import LeanMinHash, MinHash, MinHashLSH
from sqlmodel import Session, select

from store.models import Article, ArticleFingerprint

NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE_WORDS = 3
MIN_WORDS = 25  # shorter texts (video captions, briefs) share too many stock phrases


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def signature(text: str) -> Optional[MinHash]:
    """MinHash of the text's word shingles; ``None`` when the text is too short to compare."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch(
        " ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)
    )
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """datasketch's own serialisation (it records seed and permutation scheme)."""
    lean = LeanMinHash(minhash)
    buffer = bytearray(lean.bytesize())
    lean.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(data)


@dataclass(frozen=True)
class _Entry:
    outlet_id: str
    moment: datetime
    minhash: MinHash


class SyndicationIndex:
    """The signatures of stored articles, to find an article's copies in other outlets."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._entries: dict[int, _Entry] = {}

    @classmethod
    def load(cls, session: Session) -> "SyndicationIndex":
        index = cls()
        rows = session.exec(
            select(ArticleFingerprint, Article.outlet_id, Article.published_at, Article.first_seen_at)
            .join(Article, Article.id == ArticleFingerprint.article_id)
        )
        for fingerprint, outlet_id, published_at, first_seen_at in rows:
            if fingerprint.num_perm != NUM_PERM:
                continue  # made with other parameters: recomputed when the article is re-extracted
            index.add(fingerprint.article_id, outlet_id, published_at or first_seen_at,
                      from_bytes(fingerprint.signature))
        return index

    def add(self, article_id: int, outlet_id: str, moment: datetime, minhash: MinHash) -> None:
        if article_id in self._entries:
            return
        self._entries[article_id] = _Entry(outlet_id, moment, minhash)
        self._lsh.insert(article_id, minhash)

    def copies(self, outlet_id: str, minhash: MinHash) -> list[tuple[int, datetime]]:
        """Articles of other outlets whose text is a near-duplicate, oldest first."""
        found = []
        for candidate in self._lsh.query(minhash):
            entry = self._entries[candidate]
            if entry.outlet_id != outlet_id and entry.minhash.jaccard(minhash) >= THRESHOLD:
                found.append((candidate, entry.moment))
        return sorted(found, key=lambda item: (item[1], item[0]))


def link_copies(session: Session, article: Article, copies: list[tuple[int, datetime]]) -> None:
    """Point the later of each near-duplicate pair at the earlier one (in ``session``)."""
    moment = article.published_at or article.first_seen_at
    earlier = [article_id for article_id, when in copies if (when, article_id) < (moment, article.id or 0)]
    if earlier:
        article.syndicated_from_id = earlier[0]
        return
    for article_id, _ in copies:
        later = session.get(Article, article_id)
        if later is None:
            continue
        current = session.get(Article, later.syndicated_from_id) if later.syndicated_from_id else None
        if current is None or (current.published_at or current.first_seen_at) > moment:
            later.syndicated_from_id = article.id
            session.add(later)
