"""``genderwatch outlets check``: validate the outlet registry, optionally probe every outlet."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.table import Table

from crawler.registry import Registry, load_registry
from genderwatch.settings import get_settings

if TYPE_CHECKING:
    from crawler.probe import ProbeResult

outlets_app = typer.Typer(help="Danh mục cơ quan báo chí / the outlet registry.", no_args_is_help=True)


def _summary(registry: Registry) -> str:
    families = Counter(outlet.family for outlet in registry)
    provinces = {outlet.province for outlet in registry}
    legacy = sum(len(outlet.legacy) for outlet in registry)
    listed = ", ".join(f"{family} {count}" for family, count in sorted(families.items()))
    return (f"{len(registry)} outlets, {len(provinces)} provincial units, {legacy} legacy hosts; "
            f"families: {listed}")


def _probe_table(results: list["ProbeResult"]) -> Table:
    table = Table(title="Kiểm tra trực tuyến / probe")
    for column in ("outlet", "robots.txt", "home", "final URL", "sitemaps", "feeds", "error"):
        table.add_column(column)
    for result in results:
        home = "disallowed" if result.home_allowed is False else str(result.home_status or "-")
        table.add_row(result.outlet_id, str(result.robots_status or "-"), home, result.final_url or "-",
                      str(len(result.sitemaps)), "\n".join(result.feeds) or "-", result.error or "")
    return table


@outlets_app.command("check")
def check(
    registry: Optional[Path] = typer.Option(None, "--registry", help="Registry YAML (default: the setting outlet_registry)."),
    probe: bool = typer.Option(False, "--probe", help="One polite robots.txt and home-page request per outlet."),
    timeout: float = typer.Option(15.0, "--timeout", min=1, help="Seconds per request when probing."),
) -> None:
    """Kiểm tra danh mục / validate the registry offline; with --probe, ask every outlet."""
    settings = get_settings()
    path = registry or settings.registry_path
    loaded = load_registry(path)
    typer.echo(f"Hợp lệ / valid: {path}: {_summary(loaded)}")
    if not probe:
        return
    from crawler.probe import probe_outlets

    results = probe_outlets(list(loaded), settings.user_agent, timeout=timeout)
    Console().print(_probe_table(results))
    reachable = sum(result.reachable for result in results)
    typer.echo(f"Truy cập được / reachable: {reachable}/{len(results)}")


@outlets_app.command("sync")
def sync(
    registry: Optional[Path] = typer.Option(None, "--registry", help="Registry YAML (default: the setting outlet_registry)."),
) -> None:
    """Ghi danh mục vào cơ sở dữ liệu / create or update the outlet rows (crawls do this too)."""
    from crawler.journal import sync_outlets
    from crawler.run import prepare_store

    settings = get_settings()
    loaded = load_registry(registry or settings.registry_path)
    sync_outlets(prepare_store(settings), loaded)
    typer.echo(f"Đã đồng bộ / synced {len(loaded)} outlets")


def register(app: typer.Typer) -> None:
    app.add_typer(outlets_app, name="outlets")
