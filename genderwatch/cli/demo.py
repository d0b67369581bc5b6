"""``genderwatch demo``: the whole service on the local demo outlets, ending with the dashboard."""

from __future__ import annotations

import typer
from rich.console import Console

from genderwatch.settings import get_settings


def demo(
    host: str = typer.Option("127.0.0.1", "--host", help="Dashboard address."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Dashboard TCP port."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="End with the dashboard running (default) or stop after the pipeline."),
) -> None:
    """Chạy thử toàn bộ / crawl the six demo outlets, analyse, compute indicators and scorecards,
    then start the dashboard and the scheduler (SQLite under ./data by default)."""
    from genderwatch.demo import run_demo
    from genderwatch.scheduling.process import Listen

    run_demo(get_settings(), Listen(host, port) if serve else None, Console())


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
