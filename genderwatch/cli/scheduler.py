"""``genderwatch run``, ``genderwatch scheduler ...`` and ``genderwatch health``.

``run`` is the production process: the scheduler and the dashboard together. ``scheduler run``
is the scheduler alone, for deployments that serve the dashboard with several workers
(``genderwatch serve --workers N``). Any number of these may run: one leads, the rest wait.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.table import Table

from genderwatch.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

scheduler_app = typer.Typer(help="Lập lịch / the job scheduler.", no_args_is_help=True)
_LEVEL_STYLE = {"green": "green", "amber": "yellow", "red": "bold red"}
_LEVEL_VI = {"green": "tốt", "amber": "cần theo dõi", "red": "ngừng/lỗi"}


def migrated_store() -> "Engine":
    """The configured database, refused with one clear line if it is not initialised."""
    from genderwatch.cli.indicators import migrated_store as checked_store  # imported when a command runs

    return checked_store()


def _when(value: Optional[datetime]) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S") if value else "—"


def run(
    host: str = typer.Option("127.0.0.1", "--host", help="Dashboard address (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Dashboard TCP port."),
) -> None:
    """Chạy lập lịch và bảng điều khiển / run the scheduler and the dashboard until stopped."""
    from genderwatch.scheduling.process import Listen, serve_until_stopped

    listen = Listen(host, port)
    serve_until_stopped(get_settings(), migrated_store(), listen,
                        on_ready=lambda: typer.echo(f"Bảng điều khiển / dashboard: {listen.url}", err=True))


@scheduler_app.command("run")
def scheduler_run() -> None:
    """Chỉ chạy lập lịch / run the scheduler alone until stopped (SIGTERM, Ctrl-C)."""
    from genderwatch.scheduling.process import serve_until_stopped

    serve_until_stopped(get_settings(), migrated_store(), None,
                        on_ready=lambda: typer.echo("Lập lịch đã chạy / scheduler started", err=True))


@scheduler_app.command("run-job")
def run_job(job_id: str = typer.Argument(..., help="crawl:<outlet>, crawl:*, analyse, indicators, reports or health.")) -> None:
    """Chạy một công việc ngay / run one job now in this process, recorded like a scheduled run."""
    from genderwatch.scheduling.executor import JobExecutor
    from genderwatch.scheduling.service import holder_id

    outcome = JobExecutor(get_settings(), migrated_store(), f"cli:{holder_id()}").run(job_id)
    typer.echo(json.dumps({"job": job_id, "status": outcome.status, "error": outcome.error, **outcome.detail},
                          ensure_ascii=False, default=str))
    if outcome.status != "succeeded":
        raise typer.Exit(1)


@scheduler_app.command("status")
def status(limit: int = typer.Option(15, "--limit", min=1, help="Recent job runs to show.")) -> None:
    """Tình trạng lập lịch / who leads, the schedule, and the latest job runs."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from sqlmodel import Session

    from genderwatch.scheduling.service import LEASE_NAME
    from store.job_runs import recent_runs
    from store.lease import lease_holder

    engine = migrated_store()
    console = Console()
    lease = lease_holder(engine, LEASE_NAME)
    console.print(f"Tiến trình dẫn / leader: {lease.holder} (hết hạn / expires {_when(lease.expires_at)})"
                  if lease else "Tiến trình dẫn / leader: — (no scheduler running)")
    jobs = Table(title="Lịch / schedule")
    for column in ("job", "lần chạy tới / next run"):
        jobs.add_column(column)
    for job in SQLAlchemyJobStore(engine=engine).get_all_jobs():
        jobs.add_row(job.name, _when(job.next_run_time))
    console.print(jobs)
    runs = Table(title="Lần chạy gần đây / recent runs")
    for column in ("id", "job", "lần / attempt", "trạng thái / status", "bắt đầu / started", "giây / s", "lỗi / error"):
        runs.add_column(column)
    with Session(engine) as session:
        for job_run in recent_runs(session, limit):
            runs.add_row(str(job_run.id), job_run.job_id, str(job_run.attempt), job_run.status,
                         _when(job_run.started_at), f"{job_run.duration_s:.1f}" if job_run.duration_s is not None else "",
                         (job_run.error or "")[:80])
    console.print(runs)


def health(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Tình trạng thu thập / crawl health of every active outlet, with open alerts."""
    from sqlmodel import Session, col, select

    from store.alerts import open_alerts
    from store.health import crawl_health
    from store.models import Outlet

    with Session(migrated_store()) as session:
        outlets = list(session.exec(select(Outlet).where(col(Outlet.active).is_(True)).order_by(col(Outlet.id))))
        figures = crawl_health(session, [outlet.id for outlet in outlets])
        alerts = {alert.outlet_id: alert for alert in open_alerts(session)}
    if as_json:
        typer.echo(json.dumps([{"outlet": outlet.id, "status": figures[outlet.id].status,
                                "reason": figures[outlet.id].reason, "last_published": figures[outlet.id].last_published,
                                "alert_since": alerts[outlet.id].raised_at if outlet.id in alerts else None}
                               for outlet in outlets], ensure_ascii=False, default=str, indent=1))
        return
    table = Table(title="Tình trạng thu thập / crawl health")
    for column in ("cơ quan / outlet", "tình trạng / status", "lý do / reason", "cảnh báo từ / alert since"):
        table.add_column(column)
    for outlet in outlets:
        outlet_health = figures[outlet.id]
        level = outlet_health.status
        table.add_row(f"{outlet.name} ({outlet.id})", f"[{_LEVEL_STYLE[level]}]{_LEVEL_VI[level]} / {level}[/]",
                      outlet_health.reason["vi"], _when(alerts[outlet.id].raised_at) if outlet.id in alerts else "")
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("health")(health)
    app.add_typer(scheduler_app, name="scheduler")
