"""The scheduler machinery on a real APScheduler and database, with stand-in job actions.

What the jobs themselves do is tested end to end in test_end_to_end.py; here the actions of
tests/scheduler/actions.py let each test decide whether a job succeeds, fails or hangs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from genderwatch.jobs import ACTIONS
from genderwatch.scheduling.service import SchedulerService
from genderwatch.settings import REPO_ROOT, Settings, load_settings
from store.models import JobRun
from tests.scheduler.actions import SCRIPT, Script

DEMO_REGISTRY = REPO_ROOT / "config" / "demo_outlets.yaml"
HOUR_S = 3600
# The job store and the job-run log on PostgreSQL are exercised by the retry test; the other
# behaviours are the scheduler's own and take seconds of waiting each, so they run once.
SQLITE_ONLY = pytest.mark.parametrize("db_engine", ["sqlite"], indirect=True)


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Script:
    SCRIPT.behaviour.clear()
    SCRIPT.calls.clear()
    for kind in list(ACTIONS):
        monkeypatch.setitem(ACTIONS, kind, f"tests.scheduler.actions:{kind}")
    return SCRIPT


@pytest.fixture
def make_settings(db_engine: Engine, tmp_path: Path) -> Callable[..., Settings]:
    def make(**schedule: int) -> Settings:
        values = {"crawl_s": HOUR_S, "analyse_s": HOUR_S, "indicators_s": HOUR_S, "health_s": HOUR_S,
                  "reports_s": HOUR_S, "lease_s": 2, "retry_s": 1, "max_attempts": 3, "shutdown_grace_s": 5,
                  **schedule}
        return load_settings(data_dir=tmp_path, database_url=db_engine.url.render_as_string(hide_password=False),
                             outlet_registry=DEMO_REGISTRY, scheduler=values)
    return make


@pytest.fixture
def services() -> Iterator[list[SchedulerService]]:
    started: list[SchedulerService] = []
    yield started
    for service in started:
        service.stop(grace_s=0)


def _start(services: list[SchedulerService], settings: Settings, engine: Engine) -> SchedulerService:
    service = SchedulerService(settings, engine).start()
    services.append(service)
    return service


def _wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.1)


def _runs(engine: Engine, job_id: str) -> list[JobRun]:
    with Session(engine) as session:
        return list(session.exec(select(JobRun).where(JobRun.job_id == job_id).order_by(col(JobRun.id))))


def _settled(engine: Engine, job_id: str, count: int) -> Callable[[], bool]:
    return lambda: len([run for run in _runs(engine, job_id) if run.status != "running"]) >= count


def test_a_failed_job_is_retried_with_backoff_and_every_attempt_recorded(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    script.behaviour["reports"] = "fail:2"  # reports runs at once on a new schedule
    _start(services, make_settings(), db_engine)
    _wait_for(_settled(db_engine, "reports", 3))
    runs = _runs(db_engine, "reports")
    assert [(run.attempt, run.status) for run in runs] == [(1, "failed"), (2, "failed"), (3, "succeeded")]
    assert runs[0].error == "RuntimeError: reports failed on purpose (call 1)"
    for run, delay in zip(runs[:2], (1, 2)):  # retry_s, then doubled
        assert run.retry_at is not None and run.finished_at is not None
        assert abs((run.retry_at - run.finished_at).total_seconds() - delay) < 0.5
        assert run.retry_at <= runs[runs.index(run) + 1].started_at + timedelta(seconds=0.5)


@SQLITE_ONLY
def test_a_job_that_keeps_failing_waits_for_its_next_regular_run(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    script.behaviour["reports"] = "fail"
    _start(services, make_settings(), db_engine)
    _wait_for(_settled(db_engine, "reports", 3))
    time.sleep(5)  # a fourth attempt would have come after 4 s
    runs = _runs(db_engine, "reports")
    assert [(run.attempt, run.status) for run in runs] == [(1, "failed"), (2, "failed"), (3, "failed")]
    assert runs[-1].retry_at is None


@SQLITE_ONLY
def test_regular_runs_step_aside_while_a_retry_is_pending(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    script.behaviour["reports"] = "fail:1"
    _start(services, make_settings(reports_s=1, retry_s=3), db_engine)  # due every second
    _wait_for(_settled(db_engine, "reports", 2))
    assert [(run.attempt, run.status) for run in _runs(db_engine, "reports")[:2]] == [(1, "failed"), (2, "succeeded")]


@SQLITE_ONLY
def test_a_change_starts_the_dependent_jobs_at_once(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    script.behaviour.update(crawl="changed", analyse="changed", indicators="changed")
    _start(services, make_settings(), db_engine)  # the first outlet's crawl runs at once
    _wait_for(lambda: script.count("indicators") >= 1 and script.count("health") >= 1)
    _wait_for(lambda: script.count("reports") >= 2)  # once on start, once after the indicators
    assert script.count("analyse") >= 1
    assert [argument for kind, argument, _ in script.calls if kind == "crawl"][0] == "demo-cantho"


@SQLITE_ONLY
def test_only_the_lease_holder_runs_jobs_and_a_standby_takes_over(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    settings = make_settings()
    first = _start(services, settings, db_engine)
    _wait_for(first.leading.is_set)
    second = _start(services, settings, db_engine)
    _wait_for(_settled(db_engine, "reports", 1))
    time.sleep(2)  # several lease rounds: the standby must stay passive
    assert not second.leading.is_set()
    with Session(db_engine) as session:
        assert set(session.exec(select(JobRun.holder))) == {first.holder}
    first.stop()
    _wait_for(second.leading.is_set, timeout=10)
    script.behaviour["reports"] = "fail:99"
    second.trigger("reports")
    _wait_for(lambda: any(run.holder == second.holder for run in _runs(db_engine, "reports")))


@SQLITE_ONLY
def test_stop_waits_for_a_job_that_can_stop_and_abandons_one_that_cannot(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    script.behaviour["reports"] = "slow"
    service = _start(services, make_settings(), db_engine)
    _wait_for(lambda: script.count("reports") == 1)
    assert service.stop(grace_s=5) == []
    [run] = _runs(db_engine, "reports")
    assert (run.status, run.error) == ("abandoned", "dừng theo yêu cầu / stop requested")

    script.behaviour["reports"] = "stubborn"
    service = _start(services, make_settings(), db_engine)
    _wait_for(lambda: script.count("reports") == 2)
    assert service.stop(grace_s=1) == ["reports"]
    run = _runs(db_engine, "reports")[-1]
    assert run.status == "abandoned" and run.error.startswith("dừng tiến trình trước khi xong")
    time.sleep(8)  # the stubborn thread ends: it must not overwrite the verdict
    assert _runs(db_engine, "reports")[-1].status == "abandoned"


@SQLITE_ONLY
def test_a_new_leader_reruns_what_a_dead_one_left_running(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    with Session(db_engine) as session:
        session.add(JobRun(job_id="indicators", holder="otherhost:4242:dead", attempt=1))
        session.commit()
    _start(services, make_settings(), db_engine)
    _wait_for(_settled(db_engine, "indicators", 2))
    runs = _runs(db_engine, "indicators")
    assert [(run.attempt, run.status) for run in runs] == [(1, "abandoned"), (2, "succeeded")]
    assert runs[0].error.startswith("tiến trình lập lịch đã dừng giữa chừng")


@SQLITE_ONLY
def test_runs_missed_while_no_scheduler_ran_coalesce_into_one(
        db_engine: Engine, make_settings: Callable[..., Settings], script: Script,
        services: list[SchedulerService]) -> None:
    settings = make_settings(health_s=4)  # due at 4, 8, 12, 16 ... seconds after the first start
    first = _start(services, settings, db_engine)
    _wait_for(lambda: script.count("health") == 1)
    first.stop()
    time.sleep(12)  # the runs due at 8, 12 and 16 s are missed
    _start(services, settings, db_engine)
    _wait_for(lambda: script.count("health") == 2)
    time.sleep(2)
    after_restart = [started for kind, _, started in script.calls if kind == "health"][1:]
    assert len([started for started in after_restart if started - after_restart[0] < 2]) == 1
