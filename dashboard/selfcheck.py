"""The editor self-check: read a pasted or uploaded draft and run the analyser on it.

Nothing is stored. The analyser is imported and its models loaded on first use, once per
process, and runs in worker threads behind a capacity limiter, so a long draft never blocks
the event loop and a burst of checks queues instead of exhausting memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import anyio
from docx import Document as WordDocument

MAX_UPLOAD_BYTES = 1024 * 1024  # a long feature article as .docx is a few hundred kB
MAX_CHARS = 60_000  # about 10,000 words
ALLOWED_SUFFIXES = (".txt", ".docx")
ANALYSIS_THREADS = 2


class DraftError(Exception):
    """A draft that cannot be checked; ``key`` names the catalogue message, ``values`` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def size_text(size: int) -> str:
    return f"{size // 1024} KB" if size < 1024 * 1024 else f"{size // (1024 * 1024)} MB"


def _docx_text(data: bytes) -> str:
    try:
        document = WordDocument(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DraftError("selfcheck.error.docx") from error
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        paragraphs.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(paragraphs)


def upload_text(filename: str, data: bytes) -> str:
    """The text of an uploaded .txt (UTF-8) or .docx file, checked for size and type."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DraftError("selfcheck.error.too_large", size=size_text(MAX_UPLOAD_BYTES))
    name = filename.lower()
    if name.endswith(".docx") and data[:4] == b"PK\x03\x04":
        return _docx_text(data)
    if name.endswith(".txt") and b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DraftError("selfcheck.error.encoding") from error
    raise DraftError("selfcheck.error.type")


def draft_text(pasted: str, filename: str | None, data: bytes | None) -> str:
    """Exactly one of pasted text or an uploaded file, within the length limit."""
    has_file = bool(filename) and data is not None and len(data) > 0
    if pasted.strip() and has_file:
        raise DraftError("selfcheck.error.both")
    text = upload_text(filename or "", data or b"") if has_file else pasted
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DraftError("selfcheck.error.empty")
    if len(text) > MAX_CHARS:
        raise DraftError("selfcheck.error.too_long", chars=f"{MAX_CHARS:,}".replace(",", "."))
    return text


def _real_analyser() -> Callable[[str], dict[str, Any]]:
    from scoring.analyzer import analyze_text

    return lambda text: analyze_text(text).to_dict()


class AnalyserRunner:
    """Runs the analyser off the event loop, at most ``ANALYSIS_THREADS`` drafts at a time."""

    def __init__(self) -> None:
        self._analyse: Callable[[str], dict[str, Any]] | None = None
        self._limiter = anyio.CapacityLimiter(ANALYSIS_THREADS)

    def _run(self, text: str) -> dict[str, Any]:
        if self._analyse is None:
            self._analyse = _real_analyser()
        return self._analyse(text)

    async def analyse(self, text: str) -> dict[str, Any]:
        """The analyser's contract dictionary for ``text``."""
        return await anyio.to_thread.run_sync(self._run, text, limiter=self._limiter)
