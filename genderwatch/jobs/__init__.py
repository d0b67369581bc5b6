"""The scheduled jobs: plain functions that wire the stages together by ids.

A job is named by its id: ``crawl:<outlet>`` (``crawl:*`` for every active outlet in one
process), ``analyse``, ``indicators``, ``reports`` or ``health``. Each one finds its work in
the stored data (``store.backlog``, incremental fingerprints, report manifests), so running it
twice, late, or after a killed run is always safe, which is what lets the scheduler coalesce,
retry and abandon runs freely.

Every action takes a :class:`JobContext` and the part of the id after the colon, and returns
facts for the job-run log; ``"changed": True`` in them lets the scheduler start the jobs that
depend on this one at once.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from genderwatch.errors import GenderwatchError
from genderwatch.settings import Settings

Progress = Callable[[int, int], None]
Action = Callable[["JobContext", str], dict[str, Any]]

# kind → "module:function"; imported on first use so that the scheduler does not load the
# analyser's models or Scrapy before a job needs them.
ACTIONS = {
    "crawl": "genderwatch.jobs.crawl:crawl",
    "analyse": "genderwatch.jobs.analyse:analyse",
    "indicators": "genderwatch.jobs.indicators:refresh_indicators",
    "reports": "genderwatch.jobs.reports:write_reports",
    "health": "genderwatch.jobs.health:check_health",
}


class JobInterrupted(Exception):
    """The job stopped early because the scheduler is shutting down; it will run again."""


@dataclass
class JobContext:
    """What a running job may use: settings, the database, the stop request and a progress hook."""

    settings: Settings
    engine: Engine
    stop: threading.Event = field(default_factory=threading.Event)
    progress: Progress | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    on_note: Callable[[dict[str, Any]], None] | None = None

    def check_stop(self) -> None:
        """Raise :class:`JobInterrupted` if a stop was requested (call between units of work)."""
        if self.stop.is_set():
            raise JobInterrupted("dừng theo yêu cầu / stop requested")

    def report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def note(self, **facts: Any) -> None:
        """Record facts while the job runs (e.g. a subprocess id), before it finishes."""
        self.notes.update(facts)
        if self.on_note is not None:
            self.on_note(facts)


def split_job_id(job_id: str) -> tuple[str, str]:
    """``"crawl:baolaocai"`` → ``("crawl", "baolaocai")``; unknown kinds are an error."""
    kind, _, argument = job_id.partition(":")
    if kind not in ACTIONS:
        raise GenderwatchError(f"không có công việc / unknown job '{job_id}': use {', '.join(ACTIONS)}")
    if (kind == "crawl") != bool(argument):
        raise GenderwatchError(f"công việc không hợp lệ / malformed job id '{job_id}' (crawl:<outlet> or crawl:*)")
    return kind, argument


def action_for(kind: str) -> Action:
    module, _, name = ACTIONS[kind].partition(":")
    action: Action = getattr(importlib.import_module(module), name)
    return action
