"""Fixtures for the crawler tests: the demo web on a free port and crawls run as a user would.

Crawls run in subprocesses (``genderwatch crawl``), as the scheduler runs them: Scrapy's
reactor cannot restart inside one test process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.demo_web.faults import FaultSite
from crawler.demo_web.render import SITE_DIR
from crawler.demo_web.server import DemoWeb
from tests.conftest import REPO_ROOT
from tests.support import run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FAULT_REGISTRY = FIXTURES / "fault_outlet.yaml"


@dataclass(frozen=True)
class ExpectedPage:
    """One demo article page and the extraction the corpus says it must give."""

    outlet_id: str
    page: Path
    data: dict

    @property
    def url_path(self) -> str:
        return self.data["url_path"]


def expected_pages(site_dir: Path = SITE_DIR) -> list[ExpectedPage]:
    pages = []
    for expected in sorted(site_dir.rglob("*.expected.json")):
        data = json.loads(expected.read_text(encoding="utf-8"))
        pages.append(ExpectedPage(data["outlet"], expected.with_name(expected.name.removesuffix(".expected.json")), data))
    return pages


@pytest.fixture(scope="session")
def demo_web() -> Iterator[DemoWeb]:
    """The six demo outlets (and the test-only fault outlet) on a free port."""
    with DemoWeb(port=0, fault_site=(FAULT_REGISTRY, FaultSite(FAULT_REGISTRY))) as web:
        yield web


@pytest.fixture(scope="session")
def demo_registry(demo_web: DemoWeb, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "demo_outlets.yaml"
    demo_web.write_registry(path)
    return path


@pytest.fixture(scope="session")
def fault_registry(demo_web: DemoWeb, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "fault_outlet.yaml"
    demo_web.write_registry(path, FAULT_REGISTRY)
    return path


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``genderwatch`` in this process (same ``main``, no interpreter start-up)."""
    from genderwatch.cli import main
    from genderwatch.settings import get_settings

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        for key in [key for key in os.environ if key.startswith("GENDERWATCH_")]:
            monkeypatch.delenv(key)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "argv", ["genderwatch", *args])
        get_settings.cache_clear()
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        finally:
            get_settings.cache_clear()
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def crawl_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {"GENDERWATCH_DATA_DIR": str(data_dir)}
    if database_url:
        env["GENDERWATCH_DATABASE_URL"] = database_url
    return env


def run_crawl(registry: Path, data_dir: Path, *args: str, database_url: str | None = None,
              timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """``genderwatch crawl --registry REGISTRY ARGS`` into ``data_dir``."""
    return run_cli("crawl", "--registry", str(registry), *args, cwd=REPO_ROOT,
                   env=crawl_env(data_dir, database_url), timeout=timeout)


def start_crawl(registry: Path, data_dir: Path, *args: str) -> subprocess.Popen[str]:
    """The same crawl, started in the background (for the crash test)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GENDERWATCH_")}
    env.update(crawl_env(data_dir))
    return subprocess.Popen([sys.executable, "-m", "genderwatch", "crawl", "--registry", str(registry), *args],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
