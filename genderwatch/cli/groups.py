"""Command groups that several capabilities add commands to.

``genderwatch eval people`` and ``genderwatch eval stereotypes`` come from different
modules, as do the ``bench`` commands; each module registers on the shared group here.
"""

from __future__ import annotations

import json
from typing import Any

import typer

eval_app = typer.Typer(
    help="Đo chất lượng bộ phân tích trên dữ liệu gán nhãn / measure the analyser against labelled data.",
    no_args_is_help=True,
)
bench_app = typer.Typer(
    help="Đo tốc độ / benchmarks with recorded figures (extraction, crawl, analysis, indicators).",
    no_args_is_help=True,
)


def echo_figures(figures: dict[str, Any], errors: list[Any] | None = None) -> None:
    """Print an evaluation's figures as one JSON object (``--json``), with the misclassified
    records under ``errors`` when they were asked for."""
    if errors is not None:
        figures["errors"] = errors
    typer.echo(json.dumps(figures, ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
