"""Stand-in job actions for the scheduler-machinery tests (the real ones run in test_end_to_end).

Each test sets what a kind of job does; every call is recorded with the time it started.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from genderwatch.jobs import JobContext


@dataclass
class Script:
    """Behaviour per job kind: 'ok', 'changed', 'fail', 'fail:N' (fail N times), 'slow', 'stubborn'."""

    behaviour: dict[str, str] = field(default_factory=dict)
    calls: list[tuple[str, str, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, kind: str) -> int:
        with self.lock:
            return sum(1 for called, _, _ in self.calls if called == kind)


SCRIPT = Script()


def _run(kind: str, ctx: JobContext, argument: str) -> dict[str, Any]:
    with SCRIPT.lock:
        SCRIPT.calls.append((kind, argument, time.monotonic()))
        failures = sum(1 for called, _, _ in SCRIPT.calls if called == kind)
    behaviour = SCRIPT.behaviour.get(kind, "ok")
    if behaviour == "fail" or (behaviour.startswith("fail:") and failures <= int(behaviour[5:])):
        raise RuntimeError(f"{kind} failed on purpose (call {failures})")
    if behaviour == "slow":  # cooperative: notices a stop within a tenth of a second
        for _ in range(600):
            ctx.check_stop()
            time.sleep(0.1)
    if behaviour == "stubborn":  # ignores the stop request
        time.sleep(8)
    return {"changed": behaviour == "changed"}


def crawl(ctx: JobContext, argument: str) -> dict[str, Any]:
    return _run("crawl", ctx, argument)


def analyse(ctx: JobContext, argument: str) -> dict[str, Any]:
    return _run("analyse", ctx, argument)


def indicators(ctx: JobContext, argument: str) -> dict[str, Any]:
    return _run("indicators", ctx, argument)


def reports(ctx: JobContext, argument: str) -> dict[str, Any]:
    return _run("reports", ctx, argument)


def health(ctx: JobContext, argument: str) -> dict[str, Any]:
    return _run("health", ctx, argument)
