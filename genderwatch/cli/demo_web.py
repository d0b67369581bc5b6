"""``genderwatch demo-web``: serve or re-render the local demo outlets."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Optional

import typer

from crawler.demo_web.server import DEFAULT_PORT, DemoWeb
from genderwatch.errors import GenderwatchError

demo_web_app = typer.Typer(help="Báo mô phỏng / the local demo outlets.", no_args_is_help=True)


def _stops(values: list[str]) -> dict[str, date]:
    stops: dict[str, date] = {}
    for value in values:
        outlet_id, _, day = value.partition("=")
        try:
            stops[outlet_id] = date.fromisoformat(day)
        except ValueError:
            raise GenderwatchError(f"--stop expects OUTLET=YYYY-MM-DD, got {value!r}") from None
    return stops


@demo_web_app.command("serve")
def serve(
    port: int = typer.Option(DEFAULT_PORT, "--port", min=0, max=65535, help="Port on 127.0.0.11-16 (0: any free port)."),
    latency: float = typer.Option(0.0, "--latency", min=0, help="Seconds to wait before every response."),
    stop: Optional[list[str]] = typer.Option(None, "--stop", help="OUTLET=YYYY-MM-DD: the outlet stopped publishing then."),
) -> None:
    """Phục vụ báo mô phỏng / serve the demo outlets until Ctrl-C."""
    web = DemoWeb(port=port, latency=latency, stops=_stops(stop or [])).start()
    typer.echo(f"Demo web on port {web.port}: " + ", ".join(f"{k} {v}" for k, v in web.urls().items()))
    sys.stdout.flush()  # whoever started us waits for this line
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()


@demo_web_app.command("render")
def render() -> None:
    """Dựng lại trang mô phỏng / re-render crawler/demo_web/site from the corpus."""
    from crawler.demo_web.render import main as render_main

    render_main([])


def register(app: typer.Typer) -> None:
    app.add_typer(demo_web_app, name="demo-web")
