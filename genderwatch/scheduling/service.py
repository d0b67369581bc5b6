"""The scheduler service: leadership, APScheduler on the project's database, retries, stop.

Every process that runs the scheduler starts this service, but only the holder of the
``scheduler`` lease (``store.lease``) starts APScheduler; the others stay passive and retry
the lease every third of its period, taking over within one period if the leader dies. On
taking over, runs the dead leader left ``running`` are marked abandoned, and every job whose
latest run was abandoned (killed, or stopped at shutdown) runs again at once.

APScheduler 3 keeps the schedule in the ``apscheduler_jobs`` table (``SQLAlchemyJobStore``).
Jobs coalesce (runs missed while no scheduler ran become one run) and have no misfire limit
(however late, a missed run still happens once). A failed run is recorded and retried as a
one-off ``retry:<job>`` entry in the same store, so pending retries survive restarts, with the
delay doubling up to ``max_attempts``; while a retry is pending, the job's regular runs step
aside so the backoff holds, and after the last attempt the job waits for its next regular run.

``stop`` asks running jobs to stop (a crawl stops gracefully, an analysis after the article in
hand), waits up to the grace period, and records whatever is still running as abandoned: every
job is idempotent, so the next leader simply runs it again.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobSubmissionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from genderwatch.scheduling.executor import JobExecutor
from genderwatch.scheduling.plan import follow_ups, job_plan, retry_delay
from genderwatch.settings import Settings
from store.engine import StoreError, make_engine
from store.job_runs import abandon_held, abandon_orphans, abandoned_jobs
from store.lease import claim_lease, lease_holder, release_lease
from store.types import utcnow

LEASE_NAME = "scheduler"
WORKERS = 2  # a crawl subprocess and the analysis can run side by side
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
log = logging.getLogger(__name__)

_current: "SchedulerService | None" = None


def run_job(job_id: str, attempt: int = 1) -> None:
    """APScheduler's target for every job: a module-level function the job store can name."""
    if _current is None:
        log.warning("job %s fired with no scheduler service running; skipped", job_id)
        return
    _current.execute(job_id, attempt)


def holder_id() -> str:
    """host:pid:random, unique per process start."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def active_outlet_ids(settings: Settings, engine: Engine) -> list[str]:
    """Active outlets of the configured registry, written into the ``outlet`` table on the way."""
    from crawler.journal import sync_outlets
    from crawler.registry import load_registry

    outlets = load_registry(settings.registry_path).select(None)
    sync_outlets(engine, outlets)
    return [outlet.id for outlet in outlets]


class SchedulerService:
    """Leadership loop plus, while leading, an APScheduler ``BackgroundScheduler``."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings, self.engine, self.schedule = settings, engine, settings.scheduler
        self.holder = holder_id()
        self.leading = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Condition()
        self._scheduler: BackgroundScheduler | None = None
        self._executor: JobExecutor | None = None
        self._running: set[str] = set()
        self._rerun: set[str] = set()
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> "SchedulerService":
        self._thread = threading.Thread(target=self._lease_loop, name="scheduler-lease", daemon=True)
        self._thread.start()
        return self

    def stop(self, grace_s: float | None = None) -> list[str]:
        """Stop scheduling, wait for running jobs up to the grace period; returns those abandoned."""
        grace_s = self.schedule.shutdown_grace_s if grace_s is None else grace_s
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
        self._step_down("stopping")
        deadline = time.monotonic() + grace_s
        with self._lock:
            while self._running and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            abandoned = sorted(self._running)
        if abandoned:
            abandon_held(self.engine, self.holder,
                         f"dừng tiến trình trước khi xong (chờ {grace_s:g} s) / stopped before it finished")
            log.warning("stopped with jobs still running, recorded as abandoned: %s", ", ".join(abandoned))
        release_lease(self.engine, LEASE_NAME, self.holder)
        return abandoned

    def _lease_loop(self) -> None:
        ttl = timedelta(seconds=self.schedule.lease_s)
        held_until: datetime | None = None
        waiting_logged = False
        while not self._stopping.is_set():
            try:
                mine = claim_lease(self.engine, LEASE_NAME, self.holder, ttl)
                if mine:
                    held_until = utcnow() + ttl
            except (SQLAlchemyError, StoreError) as error:
                # Keep acting while the lease we hold cannot have expired for others yet.
                mine = held_until is not None and utcnow() < held_until - ttl / 3
                log.warning("cannot renew the scheduler lease: %s", str(error).splitlines()[0])
            if mine and self._scheduler is None:
                try:
                    self._lead()
                except Exception:  # noqa: BLE001 - e.g. a broken registry: say so, try again next round
                    log.exception("cannot start the schedule; retrying in %d s", self.schedule.lease_s // 3)
                    self._step_down("the schedule could not start")
                waiting_logged = False
            elif not mine and self._scheduler is not None:
                self._step_down("the lease was lost")
            elif not mine and not waiting_logged:
                current = lease_holder(self.engine, LEASE_NAME)
                log.warning("standby: another scheduler leads (%s); this one waits",
                            current.holder if current else "unknown")
                waiting_logged = True
            self._stopping.wait(self.schedule.lease_s / 3)

    def _lead(self) -> None:
        global _current
        log.warning("leading the schedule as %s", self.holder)
        abandon_orphans(self.engine, self.holder, "tiến trình lập lịch đã dừng giữa chừng / "
                        "the scheduler process ended mid-job")
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=make_engine(self.settings.effective_database_url))},
            executors={"default": ThreadPoolExecutor(WORKERS)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=VIETNAM,
        )
        scheduler.add_listener(self._skipped, EVENT_JOB_MAX_INSTANCES)
        scheduler.start(paused=True)
        with self._lock:
            self._scheduler = scheduler
            self._executor = JobExecutor(self.settings, self.engine, self.holder)
        _current = self  # jobs fired by the schedule run here while this process leads
        planned = self._reconcile(scheduler)
        for abandoned in abandoned_jobs(self.engine):
            if abandoned.job_id in planned and retry_delay(self.schedule, abandoned.attempt) is not None:
                log.warning("re-running %s, abandoned by %s", abandoned.job_id, abandoned.holder)
                self._schedule_retry(abandoned.job_id, abandoned.attempt + 1, utcnow())
        scheduler.resume()
        self.leading.set()

    def _step_down(self, reason: str) -> None:
        global _current
        with self._lock:
            scheduler, self._scheduler = self._scheduler, None
            executor = self._executor
        if scheduler is None:
            return
        if _current is self:
            _current = None
        if executor is not None:
            executor.stop.set()
        scheduler.shutdown(wait=False)
        self.leading.clear()
        log.warning("no longer leading the schedule: %s", reason)

    # -- the schedule --------------------------------------------------------------------
    def _reconcile(self, scheduler: BackgroundScheduler) -> set[str]:
        """Make the stored schedule match the registry and settings, keeping due times; returns the job ids."""
        plan = {spec.job_id: spec for spec in job_plan(self.schedule, active_outlet_ids(self.settings, self.engine))}
        for job in scheduler.get_jobs():
            if job.id.removeprefix("retry:") not in plan:
                log.warning("removing job %s: its outlet left the registry", job.id)
                job.remove()
        now = datetime.now(VIETNAM)
        for spec in plan.values():
            trigger = IntervalTrigger(seconds=spec.every_s, timezone=VIETNAM)
            job = scheduler.get_job(spec.job_id)
            if job is None:
                scheduler.add_job(run_job, trigger, args=[spec.job_id], id=spec.job_id, name=spec.job_id,
                                  next_run_time=now + timedelta(seconds=spec.first_in_s))
            elif job.trigger.interval != trigger.interval:
                job.reschedule(trigger)
        return set(plan)

    def _schedule_retry(self, job_id: str, attempt: int, when: datetime) -> None:
        with self._lock:
            scheduler = self._scheduler
        if scheduler is not None:
            scheduler.add_job(run_job, DateTrigger(when), args=[job_id, attempt], id=f"retry:{job_id}",
                              name=f"retry {job_id} (attempt {attempt})", replace_existing=True)

    def _skipped(self, event: JobSubmissionEvent) -> None:
        log.info("job %s still running; this run is skipped (coalesced)", event.job_id)

    def trigger(self, job_id: str) -> None:
        """Run ``job_id`` now (or right after its current run, if it is running)."""
        with self._lock:
            scheduler = self._scheduler
            if job_id in self._running:
                self._rerun.add(job_id)
                return
        job = scheduler.get_job(job_id) if scheduler is not None else None
        if job is not None:
            job.modify(next_run_time=datetime.now(VIETNAM))

    # -- running one job -----------------------------------------------------------------
    def execute(self, job_id: str, attempt: int) -> None:
        with self._lock:
            executor, scheduler = self._executor, self._scheduler
        if attempt == 1 and scheduler is not None and scheduler.get_job(f"retry:{job_id}") is not None:
            log.info("job %s waits for its pending retry (backing off)", job_id)
            return
        with self._lock:
            if executor is None or executor.stop.is_set() or job_id in self._running:
                return
            self._running.add(job_id)
        try:
            outcome = executor.run(job_id, attempt, retry_after=retry_delay(self.schedule, attempt))
        finally:
            with self._lock:
                self._running.discard(job_id)
                rerun = job_id in self._rerun
                self._rerun.discard(job_id)
                self._lock.notify_all()
        if outcome.retry_at is not None:
            self._schedule_retry(job_id, attempt + 1, outcome.retry_at)
        elif outcome.status == "failed":
            log.error("job %s failed %d times; it waits for its next regular run", job_id, attempt)
        for follower in follow_ups(job_id) if outcome.changed else ():
            self.trigger(follower)
        if rerun:
            self.trigger(job_id)
