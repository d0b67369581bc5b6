"""Command groups that several capabilities add commands to.

``genderwatch eval people`` and ``genderwatch eval stereotypes`` come from different
modules, as do the ``bench`` commands; each module registers on the shared group here.
"""

from __future__ import annotations

import typer

eval_app = typer.Typer(
    help="Đo chất lượng bộ phân tích trên dữ liệu gán nhãn / measure the analyser against labelled data.",
    no_args_is_help=True,
)
bench_app = typer.Typer(
    help="Đo tốc độ / benchmarks with recorded figures (extraction, crawl, analysis, indicators).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")
