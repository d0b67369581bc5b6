"""``genderwatch crawl``: crawl outlets of the registry into the store, with a progress display."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table

from genderwatch.cli.groups import bench_app
from genderwatch.errors import GenderwatchError
from genderwatch.settings import get_settings

if TYPE_CHECKING:  # Scrapy and the extractors load only when a command runs, not for --help
    from crawler.journal import CrawlJournal

_COLUMNS = (("article:new", "mới/new"), ("article:updated", "cập nhật/updated"),
            ("article:failed", "lỗi bài/failed"), ("fetched", "đã tải/fetched"))


def _table(counts: dict[str, dict[str, int]], title: str) -> Table:
    table = Table(title=title)
    table.add_column("cơ quan báo chí / outlet")
    for _, label in _COLUMNS:
        table.add_column(label, justify="right")
    table.add_column("lỗi khác / other faults", justify="right")
    for outlet_id, outlet_counts in sorted(counts.items()):
        faults = sum(value for key, value in outlet_counts.items()
                     if key.endswith(":failed") and key != "article:failed")
        table.add_row(outlet_id, *(str(outlet_counts.get(key, 0)) for key, _ in _COLUMNS), str(faults))
    return table


class _Progress:
    """A live table of per-outlet counts while Scrapy runs (only on a terminal)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.journal: Optional["CrawlJournal"] = None
        self.live: Optional[Live] = None

    def _snapshot(self) -> dict[str, dict[str, int]]:
        if self.journal is None:
            return {}
        try:
            return {outlet_id: dict(counts) for outlet_id, counts in list(self.journal.counts.items())}
        except RuntimeError:  # the crawl thread changed a counter while we copied it
            return {}

    def attach(self, journal: "CrawlJournal") -> None:
        self.journal = journal
        if self.console.is_terminal:
            self.live = Live(get_renderable=lambda: _table(self._snapshot(), "Đang thu thập / crawling"),
                             console=self.console, refresh_per_second=4, transient=True)
            self.live.start()

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()


def crawl_command(
    outlet: Optional[list[str]] = typer.Option(None, "--outlet", "-o", help="Mã cơ quan / outlet id (repeatable)."),
    all_outlets: bool = typer.Option(False, "--all", help="Mọi cơ quan đang hoạt động / every active outlet."),
    since: Optional[datetime] = typer.Option(
        None, "--since", formats=["%Y-%m-%d"],
        help="Bỏ qua mục cũ hơn ngày này trong feed và sitemap / skip feed and sitemap entries older than DATE.",
    ),
    registry: Optional[Path] = typer.Option(None, "--registry", help="Outlet registry YAML (default: the setting outlet_registry)."),
) -> None:
    """Thu thập bài mới / crawl outlets politely and store their new articles."""
    if bool(outlet) == all_outlets:
        raise GenderwatchError("chọn --outlet ID hoặc --all / choose --outlet ID (one or more) or --all")
    from crawler.run import crawl

    console = Console(stderr=True)
    progress = _Progress(console)
    try:
        summary = crawl(get_settings(), outlet or None, since.date() if since else None,
                                      registry_path=registry, on_start=progress.attach)
    finally:
        progress.close()
    Console().print(_table(summary.counts, f"Kết quả / result: {summary.status}"))
    typer.echo(f"Crawl runs: {', '.join(f'{k}={v}' for k, v in sorted(summary.run_ids.items()))}")
    if summary.status != "finished":
        typer.echo("Thu thập bị dừng giữa chừng / crawl interrupted: rerun to resume.", err=True)
        sys.exit(130)


def bench_crawl_command() -> None:
    """Tốc độ thu thập / crawl throughput against the local demo web, politeness off."""
    from crawler.bench import bench_crawl

    requests, articles = bench_crawl(get_settings())
    typer.echo(f"crawl (politeness off, local demo web): {requests.items} requests and {articles.items} new "
               f"articles in {requests.seconds:.2f} s = {requests.per_second:.1f} requests/s, "
               f"{articles.per_second:.1f} articles/s")


def register(app: typer.Typer) -> None:
    app.command("crawl")(crawl_command)
    bench_app.command("crawl")(bench_crawl_command)
