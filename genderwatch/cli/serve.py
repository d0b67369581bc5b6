"""``genderwatch serve``: the dashboard alone (the scheduler runs with ``genderwatch run``)."""

from __future__ import annotations

import typer

from genderwatch.settings import get_settings


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    workers: int = typer.Option(1, "--workers", min=1, max=32, help="Worker processes (PostgreSQL deployments)."),
) -> None:
    """Start the dashboard and JSON API (Vietnamese interface, English switchable)."""
    import uvicorn

    from dashboard.app import create_app

    settings = get_settings()
    create_app(settings)  # fail here, with one clear line, if the database is not ready
    typer.echo(f"Bảng điều khiển / dashboard: http://{host}:{port}/")
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", proxy_headers=False)
    else:
        uvicorn.run("dashboard.asgi:app", host=host, port=port, workers=workers, log_level="warning",
                    proxy_headers=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
