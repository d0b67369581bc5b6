"""The scheduler as deployed: ``genderwatch scheduler run`` processes against the demo web.

With accelerated schedules, one outlet is crawled over HTTP, analysed, its indicators computed
and its scorecards written, all by the scheduler. A second process started alongside stays
passive; the first is killed (SIGKILL) in the middle of its crawl, the second takes over,
re-runs the abandoned crawl, and in the end every article of the outlet is stored once,
analysed, counted and reported: nothing is lost.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from crawler.demo_web.render import SITE_DIR
from crawler.demo_web.server import DemoWeb
from genderwatch.scheduling.service import LEASE_NAME
from genderwatch.settings import REPO_ROOT
from store.engine import make_engine
from store.lease import lease_holder
from store.migrate import upgrade_to_head
from store.models import Analysis, Article, CrawlRun, IndicatorValue, JobRun
from tests.scheduler.conftest import write_subset_registry

OUTLET = "demo-laocai"
SCHEDULE = {"crawl_s": 3600, "analyse_s": 5, "indicators_s": 5, "health_s": 5, "reports_s": 5, "lease_s": 6,
            "retry_s": 2, "shutdown_grace_s": 20, "analyse_batch": 10}
pytestmark = pytest.mark.slow


def _expected_articles() -> int:
    return sum(1 for page in SITE_DIR.glob(f"{OUTLET}/**/*.expected.json"))


def _wait_for(condition: Callable[[], bool], timeout: float, what: str, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        for process in processes:
            if process.poll() is not None:
                raise AssertionError(f"scheduler {process.pid} exited ({process.returncode}) while waiting for {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


@pytest.fixture
def environment(tmp_path: Path) -> Iterator[tuple[dict[str, str], Engine, Path]]:
    # Slow pages (0.3 s each) keep the crawl running long enough to be killed in the middle.
    with DemoWeb(port=0, latency=0.3) as web:
        registry = write_subset_registry(web, tmp_path / "outlets.yaml", [OUTLET])
        data_dir = tmp_path / "data"
        env = {key: value for key, value in os.environ.items() if not key.startswith("GENDERWATCH_")}
        env.update(GENDERWATCH_DATA_DIR=str(data_dir), GENDERWATCH_OUTLET_REGISTRY=str(registry),
                   GENDERWATCH_SCHEDULER=json.dumps(SCHEDULE))
        engine = make_engine(f"sqlite:///{data_dir / 'genderwatch.db'}")
        upgrade_to_head(engine)
        yield env, engine, data_dir
        engine.dispose()


def _start(env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen([sys.executable, "-m", "genderwatch", "scheduler", "run"], cwd=REPO_ROOT, env=env,
                                stdout=output, stderr=subprocess.STDOUT)


def _count(engine: Engine, statement) -> int:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return int(session.exec(statement).one())


def _leader_pid(engine: Engine) -> int | None:
    lease = lease_holder(engine, LEASE_NAME)
    return int(lease.holder.split(":")[1]) if lease else None


def _running_crawl(engine: Engine) -> bool:
    with Session(engine) as session:
        running = session.exec(select(JobRun).where(JobRun.job_id == f"crawl:{OUTLET}", JobRun.status == "running"))
        return running.first() is not None


def test_scheduler_runs_the_pipeline_stays_single_and_survives_a_kill(
        environment: tuple[dict[str, str], Engine, Path], tmp_path: Path) -> None:
    env, engine, data_dir = environment
    articles = select(func.count()).select_from(Article)
    expected = _expected_articles()
    first = _start(env, tmp_path / "first.log")
    processes = [first]
    try:
        _wait_for(lambda: _leader_pid(engine) == first.pid, 60, "the first scheduler to lead", processes)
        second = _start(env, tmp_path / "second.log")
        processes.append(second)
        _wait_for(lambda: "standby" in (tmp_path / "second.log").read_text(), 60, "the standby", processes)
        _wait_for(lambda: _running_crawl(engine) and _count(engine, articles) >= 3, 120, "the crawl to be under way",
                  processes)
        with Session(engine) as session:  # the standby has done nothing at all
            assert set(session.exec(select(JobRun.holder))) == {lease_holder(engine, LEASE_NAME).holder}
        stored_at_kill = _count(engine, articles)
        assert stored_at_kill < expected
        first.kill()
        first.wait()
        processes.remove(first)

        _wait_for(lambda: _leader_pid(engine) == second.pid, 30, "the standby to take over", processes)
        analysed = (select(func.count()).select_from(Analysis)
                    .where(col(Analysis.is_current).is_(True), col(Analysis.error).is_(None)))
        _wait_for(lambda: _count(engine, articles) == expected and _count(engine, analysed) == expected,
                  420, "every article crawled and analysed", processes)
        values = select(func.count()).select_from(IndicatorValue).where(IndicatorValue.outlet_id == OUTLET)
        _wait_for(lambda: _count(engine, values) > 0, 120, "indicator values", processes)
        _wait_for(lambda: any((data_dir / "reports" / "2025-Q4").glob(f"phieu-danh-gia_{OUTLET}_2025-Q4.pdf")),
                  180, "the quarterly scorecard", processes)

        with Session(engine) as session:
            crawls = list(session.exec(select(JobRun).where(JobRun.job_id == f"crawl:{OUTLET}").order_by(col(JobRun.id))))
            crawl_runs = list(session.exec(select(CrawlRun).order_by(col(CrawlRun.id))))
        assert [(run.attempt, run.status) for run in crawls] == [(1, "abandoned"), (2, "succeeded")]
        assert crawls[0].error.startswith("tiến trình lập lịch đã dừng giữa chừng")
        assert str(second.pid) in crawls[1].holder and str(first.pid) in crawls[0].holder
        # The killed scheduler's crawl process stopped by itself (its parent's pipe closed).
        assert [run.status for run in crawl_runs] == ["interrupted", "finished"]
        assert crawl_runs[1].articles_new == expected - crawl_runs[0].articles_new
        assert (data_dir / "reports" / "2025-Q4" / "manifest.json").is_file()

        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=60) == 0
        processes.remove(second)
        assert lease_holder(engine, LEASE_NAME) is None
    finally:
        for process in processes:
            process.kill()
            process.wait()
