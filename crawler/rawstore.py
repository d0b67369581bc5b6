"""Raw pages kept compressed and content-addressed under ``<data_dir>/raw``.

A page's address is the SHA-256 of its bytes as served, so storing the same page twice costs
nothing and a page is never half-written: bytes go to a temporary file that is renamed into
place, which a crash (even SIGKILL) leaves either absent or complete.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path

from genderwatch.errors import GenderwatchError


class RawPageMissing(GenderwatchError):
    """A page the database refers to is not in the raw store."""


class RawStore:
    """Content-addressed gzip files: ``raw/ab/cd/abcd....html.gz``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def address(raw: bytes) -> str:
        return hashlib.sha256(raw).hexdigest()

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.html.gz"

    def put(self, raw: bytes) -> str:
        """Store ``raw`` (if not already there) and return its address."""
        sha256 = self.address(raw)
        target = self.path_for(sha256)
        if target.exists():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(gzip.compress(raw, compresslevel=6, mtime=0))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha256

    def get(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``."""
        try:
            return gzip.decompress(self.path_for(sha256).read_bytes())
        except FileNotFoundError:
            raise RawPageMissing(f"raw page {sha256} is missing from {self.root}") from None
