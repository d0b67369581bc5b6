"""Throughput of the full analyser (people + stereotypes) on news-length articles.

The articles are built from the demo outlets' corpus (``crawler/demo_web/corpus``: written
provincial news in the register the service reads): each benchmark article is one demo
article followed by paragraphs of the next ones until it reaches the requested length, so
every article is real running text of at least ``words`` words. Model loading happens
before the clock starts; the figures are steady-state throughput of one process and of one
process per core.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
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
    """``count`` article texts (title, lead, body lines) of at least ``words`` words: a demo
    article, then body paragraphs of the following ones, one at a time."""
    pieces = _demo_articles(corpus_dir)
    texts = []
    for index in range(count):
        lines = list(pieces[index % len(pieces)])
        extra = (paragraph for offset in range(1, len(pieces))
                 for paragraph in pieces[(index + offset) % len(pieces)][2:])
        while sum(len(line.split()) for line in lines) < words:
            lines.append(next(extra))
        texts.append("\n".join(lines))
    return texts


def _start_worker() -> None:
    """Each worker process loads the models before any article is timed (the encoder uses
    one thread, so the cores are shared out by processes)."""
    from scoring.analyzer import analyze_text

    analyze_text(_demo_articles(CORPUS_DIR)[0][1])


def _analyse_timed(text: str) -> float:
    from scoring.analyzer import analyze_text

    begin = time.perf_counter()
    analyze_text(text)
    return time.perf_counter() - begin


def run_parallel_benchmark(texts: list[str], workers: int) -> BenchResult:
    """Full analysis of ``texts`` by ``workers`` processes."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        list(pool.map(_analyse_timed, texts[:workers * 2]))  # every worker loaded and warm
        started = time.perf_counter()
        durations = list(pool.map(_analyse_timed, texts))
        elapsed = time.perf_counter() - started
    return _result(texts, durations, elapsed)


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
    return _result(texts, durations, time.perf_counter() - started)


def _result(texts: list[str], durations: list[float], elapsed: float) -> BenchResult:
    ordered = sorted(durations)
    return BenchResult(
        articles=len(texts),
        words_per_article=statistics.mean(len(text.split()) for text in texts),
        seconds=elapsed,
        articles_per_second=len(texts) / elapsed,
        median_ms=1000 * statistics.median(ordered),
        p95_ms=1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    )
