"""Crawl job: one outlet (or all) in a fresh subprocess, stopped gracefully when asked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from typing import IO, Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from genderwatch.jobs import JobContext, JobInterrupted
from genderwatch.jobs.crawl_process import INTERRUPTED_EXIT
from genderwatch.settings import REPO_ROOT, Settings
from store.models import Article
from store.types import utcnow

ALL_OUTLETS = "*"
STOP_WAIT_S = 120  # a stopping crawl finishes the requests in flight; after this it is killed


def child_env(settings: Settings) -> dict[str, str]:
    """This process's environment with every setting spelled out, so the child sees the same."""
    env = dict(os.environ)
    for name, value in settings.model_dump(mode="json").items():
        key = f"GENDERWATCH_{name.upper()}"
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value if isinstance(value, str) else json.dumps(value)
    return env


def _tail(stream: IO[bytes], lines: int = 5) -> list[str]:
    stream.seek(0)
    return stream.read().decode("utf-8", "replace").strip().splitlines()[-lines:]


def _stored_since(ctx: JobContext, started: datetime) -> int:
    """Articles first stored since ``started`` (progress display only)."""
    with Session(ctx.engine) as session:
        return int(session.exec(select(func.count()).select_from(Article)
                                .where(col(Article.first_seen_at) >= started)).one())


def _wait(child: subprocess.Popen[bytes], ctx: JobContext) -> int:
    """Wait for the child; on a stop request close its input (it stops gracefully), then kill."""
    started = utcnow()
    while True:
        try:
            return child.wait(timeout=1)
        except subprocess.TimeoutExpired:
            if ctx.stop.is_set():
                break
            if ctx.progress is not None:
                ctx.report(_stored_since(ctx, started), 0)
    assert child.stdin is not None
    child.stdin.close()
    try:
        return child.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def crawl(ctx: JobContext, outlet: str) -> dict[str, Any]:
    """Crawl ``outlet`` (``*``: every active outlet of the registry) and store new articles."""
    outlets = [] if outlet == ALL_OUTLETS else [outlet]
    command = [sys.executable, "-m", "genderwatch.jobs.crawl_process",
               "--registry", str(ctx.settings.registry_path), *outlets]
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=output, stderr=errors,
                                 env=child_env(ctx.settings), cwd=REPO_ROOT)
        ctx.note(crawl_pid=child.pid)
        code = _wait(child, ctx)
        problems = _tail(errors)
        result_lines = _tail(output, 1)
    if code == INTERRUPTED_EXIT and ctx.stop.is_set():
        raise JobInterrupted("thu thập dừng giữa chừng / crawl stopped; it resumes on the next run")
    if code != 0:
        reason = problems[-1] if problems else "no message"
        raise RuntimeError(f"crawl exited with status {code}: {reason}")
    summary = json.loads(result_lines[-1])
    counts = summary["counts"]
    new = sum(outlet_counts.get("article:new", 0) for outlet_counts in counts.values())
    updated = sum(outlet_counts.get("article:updated", 0) for outlet_counts in counts.values())
    failed = sum(outlet_counts.get("article:failed", 0) for outlet_counts in counts.values())
    return {"changed": bool(new or updated), "articles_new": new, "articles_updated": updated,
            "articles_failed": failed, "crawl_runs": summary["run_ids"]}
