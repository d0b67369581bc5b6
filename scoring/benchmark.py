"""Throughput of the full analyser (people + stereotypes) on news-length articles.

The articles are built from the demo outlets' corpus (``crawler/demo_web/corpus``: written
provincial news in the register the service reads): each benchmark article is one demo
article followed by paragraphs of the next ones until it reaches the requested length, so
every article is real running text of at least ``words`` words. Model loading happens
before the clock starts; the figure is steady-state throughput of one process.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from genderwatch.errors import GenderwatchError

CORPUS_DIR = Path(__file__).resolve().parent.parent / "crawler" / "demo_web" / "corpus"


@dataclass(frozen=True)
class BenchResult:
    articles: int
    words_per_article: float
    seconds: float
    articles_per_second: float
    median_ms: float
    p95_ms: float

    def as_dict(self) -> dict[str, float | int]:
        return {key: round(value, 3) if isinstance(value, float) else value
                for key, value in self.__dict__.items()}


def _demo_articles(corpus_dir: Path) -> list[list[str]]:
    files = sorted(corpus_dir.glob("*.jsonl"))
    if not files:
        raise GenderwatchError(f"no demo corpus (*.jsonl) in {corpus_dir}")
    articles = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                articles.append([record["title"], record["lead"], *record["paragraphs"]])
    return articles


def benchmark_articles(count: int, words: int, corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """``count`` article texts (title, lead, body lines) of at least ``words`` words."""
    pieces = _demo_articles(corpus_dir)
    texts = []
    for index in range(count):
        lines = list(pieces[index % len(pieces)])
        follow = index + 1
        while sum(len(line.split()) for line in lines) < words:
            lines.extend(pieces[follow % len(pieces)][2:])
            follow += 1
        texts.append("\n".join(lines))
    return texts


def run_benchmark(texts: list[str], analyse: Callable[[str], object],
                  warm_up: int = 3) -> BenchResult:
    """Time ``analyse`` over ``texts`` after a few warm-up calls (model loading)."""
    for text in texts[:warm_up]:
        analyse(text)
    durations = []
    started = time.perf_counter()
    for text in texts:
        begin = time.perf_counter()
        analyse(text)
        durations.append(time.perf_counter() - begin)
    elapsed = time.perf_counter() - started
    ordered = sorted(durations)
    return BenchResult(
        articles=len(texts),
        words_per_article=statistics.mean(len(text.split()) for text in texts),
        seconds=elapsed,
        articles_per_second=len(texts) / elapsed,
        median_ms=1000 * statistics.median(ordered),
        p95_ms=1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    )
