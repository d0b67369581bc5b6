"""Benchmark of the dashboard on SYNTHETIC data: page latency under concurrent clients.

The indicator engineer's generator (``store.indicators.bench``) fills a throwaway PostgreSQL
database with synthetic analysed articles (34 outlets, 2025); indicator values are computed
with the real engine; the dashboard runs in its own uvicorn process on loopback; ``clients``
signed-in clients then load the overview (all 34 outlets, as an administrator sees it) and
one outlet page in a loop, and the latency of every request is recorded.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import text
from sqlmodel import Session

from store.accounts import create_user
from store.engine import make_engine
from store.indicators.bench import load_synthetic, throwaway_database
from store.indicators.periods import standard_periods
from store.indicators.recompute import recompute
from store.migrate import upgrade_to_head

PAGES = {"overview": "/", "outlet": "/outlets/bench07"}
USERNAME = "benchadmin"


@dataclass(frozen=True)
class PageLatency:
    page: str
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float


@dataclass(frozen=True)
class DashboardBenchResult:
    articles: int
    clients: int
    workers: int
    seconds: float
    pages: tuple[PageLatency, ...]

    @property
    def requests_per_second(self) -> float:
        return sum(page.requests for page in self.pages) / self.seconds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(url: str, port: int, workers: int, data_dir: Path, config_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "GENDERWATCH_DATABASE_URL": url, "GENDERWATCH_DATA_DIR": str(data_dir),
           "GENDERWATCH_CONFIG_DIR": str(config_dir), "GENDERWATCH_SECRET_KEY": secrets.token_urlsafe(48)}
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "dashboard.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--log-level", "warning"], env=env)


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"dashboard exited with code {server.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("dashboard did not start in time")


def _stop(server: subprocess.Popen) -> None:
    """Stop uvicorn's supervisor (which respawns failing workers) for sure."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


async def _client(base: str, password: str, rounds: int, latencies: dict[str, list[float]]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        login = await client.get("/login")
        marker = 'name="csrf-token" content="'
        token = login.text.split(marker, 1)[1].split('"', 1)[0]
        signed = await client.post("/login", data={"username": USERNAME, "password": password, "csrf_token": token})
        if signed.status_code != 303:
            raise RuntimeError(f"benchmark sign-in failed with HTTP {signed.status_code}")
        for round_number in range(rounds + 1):
            for name, path in PAGES.items():
                started = time.perf_counter()
                response = await client.get(path)
                elapsed = time.perf_counter() - started
                response.raise_for_status()
                if round_number > 0:  # the first round warms caches and connections
                    latencies[name].append(elapsed * 1000)


async def _load(base: str, password: str, clients: int, rounds: int) -> tuple[dict[str, list[float]], float]:
    latencies: dict[str, list[float]] = {name: [] for name in PAGES}
    started = time.perf_counter()
    await asyncio.gather(*(_client(base, password, rounds, latencies) for _ in range(clients)))
    return latencies, time.perf_counter() - started


def run_dashboard_benchmark(admin_url: str, articles: int, config_dir: Path, *, clients: int = 20,
                            rounds: int = 25, workers: int = 2,
                            progress: Callable[[str], None] = lambda _: None) -> DashboardBenchResult:
    """Load synthetic data, start the dashboard, and measure latency under ``clients`` clients."""
    with throwaway_database(admin_url) as url, tempfile.TemporaryDirectory(prefix="genderwatch-bench-") as data:
        engine = make_engine(url)
        upgrade_to_head(engine)
        progress(f"loading {articles:,} synthetic articles")
        load_synthetic(url, articles)
        progress("computing indicator values for every period of 2025")
        recompute(engine, periods=list(standard_periods(date(2025, 1, 1), date(2025, 12, 31))), config_dir=config_dir)
        password = secrets.token_urlsafe(16)
        with Session(engine) as session:
            # the generator writes its reviewers with explicit ids; move the sequence past them
            session.execute(text("""SELECT setval(pg_get_serial_sequence('"user"', 'id'),
                                    (SELECT coalesce(max(id), 0) + 1 FROM "user"), false)"""))
            create_user(session, USERNAME, password, "admin")
            session.commit()
        engine.dispose()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = _start_server(url, port, workers, Path(data), config_dir)
        try:
            _wait_until_up(base, server)
            progress(f"{clients} clients × {rounds} rounds of {', '.join(PAGES.values())} on {workers} worker(s)")
            latencies, seconds = asyncio.run(_load(base, password, clients, rounds))
        finally:
            _stop(server)
    pages = tuple(
        PageLatency(name, len(values), float(np.percentile(values, 50)), float(np.percentile(values, 95)),
                    float(max(values)))
        for name, values in latencies.items()
    )
    return DashboardBenchResult(articles, clients, workers, seconds, pages)
