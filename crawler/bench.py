"""Benchmarks of the crawler, run from ``genderwatch bench extract`` and ``genderwatch bench crawl``.

Extraction is timed in this process pinned to one CPU over every article page of the demo
site (all six families). The crawl is timed against the demo web served by a separate process,
with politeness off, so the figure is the crawler's own ceiling (fetch, extract, store), not
the outlets' speed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from crawler.demo_web.render import DEMO_REGISTRY, SITE_DIR
from crawler.demo_web.server import DemoWeb
from crawler.extract import extract_page
from crawler.registry import load_registry
from crawler.run import crawl
from genderwatch.settings import Settings


@dataclass(frozen=True)
class Timing:
    """How many items took how long."""

    items: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


def pin_to_one_cpu() -> int:
    """Restrict this process to one CPU (the first it may use); returns that CPU."""
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def bench_extraction(rounds: int = 3, site_dir: Path = SITE_DIR) -> Timing:
    """Extract every demo article page ``rounds`` times."""
    registry = load_registry(DEMO_REGISTRY)
    pages = []
    for expected in sorted(site_dir.rglob("*.expected.json")):
        outlet = registry.get(expected.relative_to(site_dir).parts[0])
        page = expected.with_name(expected.name.removesuffix(".expected.json"))
        pages.append((page.read_bytes(), outlet.origin + "/" + page.relative_to(site_dir / outlet.id).as_posix(), outlet))
    started = time.perf_counter()
    for _ in range(rounds):
        for raw, url, outlet in pages:
            extract_page(raw, url, outlet)
    return Timing(len(pages) * rounds, time.perf_counter() - started)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.11", 0))
        return probe.getsockname()[1]


def bench_crawl(settings: Settings) -> tuple[Timing, Timing]:
    """Crawl the demo web from an empty store without politeness: (requests, articles) timings."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "genderwatch", "demo-web", "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        server.stdout.readline()  # the server prints its first line once it listens
        with tempfile.TemporaryDirectory(prefix="genderwatch-bench-") as scratch:
            registry = Path(scratch) / "registry.yaml"
            DemoWeb(port=port).write_registry(registry)
            data = Path(scratch) / "data"
            scratch_settings = settings.model_copy(update={"data_dir": data, "database_url": None})
            started = time.perf_counter()
            summary = crawl(scratch_settings, None, registry_path=registry, polite=False)
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    return Timing(summary.total("fetched"), elapsed), Timing(summary.total("article:new"), elapsed)
