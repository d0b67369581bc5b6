"""Run one attempt of one job and record it in the job-run log, whatever happens.

The row is written as ``running`` first, so even a process killed mid-job leaves a trace that
the next leader turns into ``abandoned`` and re-runs. The scheduler, ``genderwatch scheduler
run-job`` and ``genderwatch demo`` all run jobs through here, so every run is in the same log.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from genderwatch.errors import GenderwatchError
from genderwatch.jobs import JobContext, JobInterrupted, Progress, action_for, split_job_id
from genderwatch.settings import Settings
from store.engine import StoreError
from store.job_runs import finish_run, note_run, start_run
from store.types import utcnow

log = logging.getLogger(__name__)
# Failures whose message says it all (a bad setting, a database or mail server away, a crawl
# that exited with its reason); anything else is logged with its traceback.
EXPECTED_FAILURES = (GenderwatchError, StoreError, OSError, RuntimeError)


@dataclass(frozen=True)
class Outcome:
    """How one attempt ended."""

    run_id: int
    status: str  # succeeded / failed / abandoned
    detail: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    retry_at: datetime | None = None

    @property
    def changed(self) -> bool:
        return bool(self.detail.get("changed"))


class JobExecutor:
    """Runs jobs for one holder (a scheduler process, or the command line)."""

    def __init__(self, settings: Settings, engine: Engine, holder: str, stop: threading.Event | None = None) -> None:
        self.settings, self.engine, self.holder = settings, engine, holder
        self.stop = stop or threading.Event()

    def run(self, job_id: str, attempt: int = 1, *, retry_after: timedelta | None = None,
            progress: Progress | None = None) -> Outcome:
        """Run ``job_id`` once; on failure, record ``retry_at`` = now + ``retry_after`` if given."""
        kind, argument = split_job_id(job_id)
        run_id = start_run(self.engine, job_id, attempt, self.holder)
        context = JobContext(self.settings, self.engine, self.stop, progress,
                             on_note=lambda facts: note_run(self.engine, run_id, **facts))
        log.info("job %s (attempt %d) started", job_id, attempt)
        try:
            detail = action_for(kind)(context, argument)
        except JobInterrupted as stopped:
            finish_run(self.engine, run_id, "abandoned", error=str(stopped))
            log.warning("job %s stopped early: %s", job_id, stopped)
            return Outcome(run_id, "abandoned", error=str(stopped))
        except Exception as error:  # noqa: BLE001 - every failure is recorded, never dropped
            reason = f"{type(error).__name__}: {error}"
            retry_at = utcnow() + retry_after if retry_after is not None else None
            finish_run(self.engine, run_id, "failed", error=reason, retry_at=retry_at)
            log.error("job %s (attempt %d) failed: %s%s", job_id, attempt, reason,
                      f"; retry at {retry_at:%Y-%m-%d %H:%M:%S} UTC" if retry_at else "",
                      exc_info=not isinstance(error, EXPECTED_FAILURES))
            return Outcome(run_id, "failed", error=reason, retry_at=retry_at)
        finish_run(self.engine, run_id, "succeeded", detail=detail)
        log.info("job %s succeeded: %s", job_id, detail)
        return Outcome(run_id, "succeeded", detail)
