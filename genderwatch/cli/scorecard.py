"""``genderwatch scorecard``: an outlet's or a province's scorecard as PDF, XLSX, CSV or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from genderwatch.cli.indicators import migrated_store
from genderwatch.errors import GenderwatchError
from genderwatch.settings import get_settings
from store.engine import session_scope
from store.indicators import parse_period

FORMATS = ("pdf", "xlsx", "csv", "json")


def scorecard(
    period: str = typer.Option(..., "--period", "-p", help="2025-11, 2025-Q4, 2025, 2025-AM or a date range."),
    outlet: Optional[str] = typer.Option(None, "--outlet", "-o", help="Outlet id."),
    province: Optional[str] = typer.Option(None, "--province", help="Province name."),
    output_format: str = typer.Option("pdf", "--format", "-f", help="pdf, xlsx, csv or json."),
    output: Optional[Path] = typer.Option(
        None, "--output", help="File to write; default <data_dir>/reports/<name>.<format>."),
) -> None:
    """Write a Vietnamese scorecard ready to attach to an official report."""
    from dashboard.scorecards import RENDERERS, build_scorecard

    if output_format not in FORMATS:
        raise GenderwatchError(f"định dạng không hỗ trợ / unsupported format '{output_format}': use {', '.join(FORMATS)}")
    if (outlet is None) == (province is None):
        raise GenderwatchError("chọn --outlet hoặc --province / give exactly one of --outlet or --province")
    parsed = parse_period(period)
    settings = get_settings()
    with session_scope(migrated_store()) as session:
        card = build_scorecard(session, outlet_id=outlet, province=province, period=parsed,
                               config_dir=settings.config_dir)
    if output is None:
        reports = settings.data_dir / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        output = reports / f"{card.file_stem}.{output_format}"
    RENDERERS[output_format](card, output)
    typer.echo(f"Đã ghi phiếu đánh giá / scorecard written: {output}")


def register(app: typer.Typer) -> None:
    app.command("scorecard")(scorecard)
