"""One long-running process: the scheduler service and, optionally, the dashboard beside it.

The main thread owns the signals: SIGTERM or SIGINT (Ctrl-C) stops the dashboard, then the
scheduler with its grace period. The dashboard runs in a thread (uvicorn leaves signal handling
to the main thread there). If a job had to be abandoned, the process exits at once instead of
waiting for its thread: what it was doing is recorded, transactional, and re-run by the next
leader.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from genderwatch.scheduling.service import SchedulerService
from genderwatch.settings import Settings

if TYPE_CHECKING:
    import uvicorn

DASHBOARD_START_S = 30


@dataclass(frozen=True)
class Listen:
    """Where the dashboard listens."""

    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"


def _start_dashboard(settings: Settings, engine: Engine, listen: Listen) -> tuple["uvicorn.Server", threading.Thread]:
    import uvicorn

    from dashboard.app import create_app
    from genderwatch.errors import GenderwatchError

    server = uvicorn.Server(uvicorn.Config(create_app(settings, engine), host=listen.host, port=listen.port,
                                           log_level="warning", proxy_headers=False))
    thread = threading.Thread(target=server.run, name="dashboard", daemon=True)
    thread.start()
    deadline = time.monotonic() + DASHBOARD_START_S
    while not server.started:
        thread.join(0.1)
        if not thread.is_alive() or time.monotonic() > deadline:
            raise GenderwatchError(f"bảng điều khiển không khởi động được / dashboard could not listen on "
                                   f"{listen.host}:{listen.port}")
    return server, thread


def serve_until_stopped(settings: Settings, engine: Engine, listen: Listen | None,
                        on_ready: Callable[[], None] | None = None) -> None:
    """Run the scheduler (and the dashboard when ``listen`` is given) until SIGTERM or SIGINT."""
    logging.getLogger("genderwatch").setLevel(settings.log_level.upper())
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    server, thread = _start_dashboard(settings, engine, listen) if listen else (None, None)
    service = SchedulerService(settings, engine).start()
    if on_ready is not None:
        on_ready()
    while not stop.wait(1):
        pass
    print("Đang dừng / stopping ...", file=sys.stderr, flush=True)
    if server is not None and thread is not None:
        server.should_exit = True
        thread.join(10)
    abandoned = service.stop()
    if abandoned:
        logging.shutdown()
        os._exit(0)
