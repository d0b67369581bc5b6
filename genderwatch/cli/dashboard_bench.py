"""``genderwatch bench dashboard``: overview and outlet-page latency on synthetic data (PostgreSQL)."""

from __future__ import annotations

import typer

from genderwatch.cli.groups import bench_app
from genderwatch.settings import get_settings

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def bench_dashboard(
    articles: int = typer.Option(1_000_000, "--articles", min=1000, help="Synthetic articles to generate."),
    clients: int = typer.Option(20, "--clients", min=1, help="Concurrent signed-in clients."),
    rounds: int = typer.Option(25, "--rounds", min=1, help="Overview + outlet page loads per client."),
    workers: int = typer.Option(2, "--workers", min=1, help="uvicorn worker processes."),
    admin_url: str = typer.Option(DEFAULT_ADMIN_URL, "--admin-url", envvar="GENDERWATCH_BENCH_PG_ADMIN_URL",
                                  help="PostgreSQL URL allowed to create and drop a throwaway database."),
) -> None:
    """p50/p95 latency of the overview and an outlet page (target: p95 under 300 ms with 20 clients)."""
    from dashboard.bench import run_dashboard_benchmark

    result = run_dashboard_benchmark(admin_url, articles, get_settings().config_dir, clients=clients,
                                     rounds=rounds, workers=workers, progress=typer.echo)
    typer.echo(f"SYNTHETIC data: {result.articles:,} articles, {result.clients} clients, {result.workers} worker(s), "
               f"{result.requests_per_second:.1f} requests/s")
    for page in result.pages:
        typer.echo(f"{page.page:9s} n={page.requests:5d}  p50 {page.p50_ms:7.1f} ms  p95 {page.p95_ms:7.1f} ms  "
                   f"max {page.max_ms:7.1f} ms")


def register(app: typer.Typer) -> None:
    bench_app.command("dashboard")(bench_dashboard)
