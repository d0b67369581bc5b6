"""The job-run log: every attempt of every scheduled job, with its outcome.

A run is written as ``running`` before the job starts and closed afterwards, so a process that
dies mid-job leaves a ``running`` row behind; the next leader turns such rows into
``abandoned`` and runs the job again (every job is idempotent). Closing is conditional on the
row still being ``running``, so a job thread that outlives a shutdown cannot overwrite the
``abandoned`` verdict recorded for it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy import func
from sqlmodel import Session, col, select

from store.engine import session_scope
from store.models import JobRun
from store.types import utcnow


def start_run(engine: Engine, job_id: str, attempt: int, holder: str) -> int:
    """Record that ``holder`` starts attempt ``attempt`` of ``job_id``; returns the run id."""
    with session_scope(engine) as session:
        run = JobRun(job_id=job_id, attempt=attempt, holder=holder)
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def finish_run(engine: Engine, run_id: int, status: str, *, error: str | None = None,
               detail: dict[str, Any] | None = None, retry_at: datetime | None = None) -> bool:
    """Close a running run; False when it was already closed (e.g. abandoned at shutdown)."""
    now = utcnow()
    with session_scope(engine) as session:
        run = session.get(JobRun, run_id)
        if run is None or run.status != "running":
            return False
        run.status, run.error, run.retry_at, run.finished_at = status, error, retry_at, now
        run.duration_s = (now - run.started_at).total_seconds()
        run.detail = {**run.detail, **(detail or {})}
        session.add(run)
    return True


def note_run(engine: Engine, run_id: int, **detail: Any) -> None:
    """Add facts to a running run (e.g. the crawl subprocess id) while it runs."""
    with session_scope(engine) as session:
        run = session.get(JobRun, run_id)
        if run is not None:
            run.detail = {**run.detail, **detail}
            session.add(run)


def _abandon(engine: Engine, reason: str, condition: Any) -> list[JobRun]:
    now = utcnow()
    with session_scope(engine) as session:
        runs = list(session.exec(select(JobRun).where(JobRun.status == "running", condition)))
        for run in runs:
            run.status, run.error, run.finished_at = "abandoned", reason, now
            run.duration_s = (now - run.started_at).total_seconds()
            session.add(run)
        session.flush()
        session.expunge_all()  # the caller reads them after the commit
        return runs


def abandon_orphans(engine: Engine, holder: str, reason: str) -> list[JobRun]:
    """Mark every run still ``running`` under another holder as abandoned; returns them.

    Only the lease holder calls this, so any other holder's running row belongs to a process
    that died or lost the lease.
    """
    return _abandon(engine, reason, JobRun.holder != holder)


def abandon_held(engine: Engine, holder: str, reason: str) -> list[JobRun]:
    """Mark ``holder``'s own runs still ``running`` as abandoned (a stop that could not wait)."""
    return _abandon(engine, reason, JobRun.holder == holder)


def abandoned_jobs(engine: Engine) -> list[JobRun]:
    """Jobs whose latest run was abandoned (and so must run again), one row per job."""
    with Session(engine) as session:
        latest = select(func.max(JobRun.id)).group_by(JobRun.job_id)
        runs = list(session.exec(select(JobRun).where(col(JobRun.id).in_(latest), JobRun.status == "abandoned")))
        session.expunge_all()
        return runs


def recent_runs(session: Session, limit: int = 20, job_id: str | None = None) -> list[JobRun]:
    """The newest runs first, optionally of one job."""
    query = select(JobRun).order_by(col(JobRun.id).desc()).limit(limit)
    if job_id is not None:
        query = query.where(JobRun.job_id == job_id)
    return list(session.exec(query))
