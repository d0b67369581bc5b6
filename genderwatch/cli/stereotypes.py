"""``genderwatch eval stereotypes FILE``: quality of the stereotype stage on labelled data."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from genderwatch.cli.groups import echo_figures, eval_app


def eval_stereotypes(
    file: Path = typer.Argument(..., help="Labelled JSON Lines (e.g. scoring/data/stereotypes/dev.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    errors: bool = typer.Option(False, "--errors", help="Also list every misclassified record."),
) -> None:
    """Đánh giá phát hiện khuôn mẫu giới / article-level P/R/F1, per-category F1,
    hard-negative false-positive rate, calibration."""
    from scoring.analyzer import analyze_text
    from scoring.stereotypes.dataset import load_records
    from scoring.stereotypes.evaluation import evaluate

    report = evaluate(load_records(file), analyze_text)
    if as_json:
        echo_figures(report.as_dict(), report.errors if errors else None)
        return
    article = report.article
    typer.echo(f"Khuôn mẫu giới / stereotypes: {file} ({report.records} bản ghi / records)")
    typer.echo(f"  Cấp bài / article level: P={article.precision:.3f} R={article.recall:.3f} "
               f"F1={article.f1:.3f} (TP {article.true_positive}, FP {article.false_positive}, "
               f"FN {article.false_negative})")
    typer.echo(f"  Mẫu âm khó bị gắn cờ / hard-negative false-positive rate: "
               f"{report.hard_negative_fpr:.3f}")
    for kind, (flagged, total) in sorted(report.hard_negatives.items()):
        typer.echo(f"    {kind:<28} {flagged}/{total}")
    if report.quoted[1]:
        typer.echo(f"  Trích dẫn giữ ngoài giọng tòa soạn / quoted kept out of outlet voice: "
                   f"{report.quoted[0]}/{report.quoted[1]}")
    typer.echo(f"  Hiệu chuẩn / calibration: Brier={report.brier:.4f} ECE={report.ece:.4f}")
    typer.echo("  F1 theo nhóm / per-category (record has a finding of the category):")
    for slug, counts in report.categories.items():
        typer.echo(f"    {slug:<24} P={counts.precision:.3f} R={counts.recall:.3f} "
                   f"F1={counts.f1:.3f} (n={counts.true_positive + counts.false_negative})")
    if errors:
        for error in report.errors:
            typer.echo(json.dumps(error, ensure_ascii=False))


def register(_app: typer.Typer) -> None:
    """The command belongs to the shared ``eval`` group, not to the root app."""
    eval_app.command("stereotypes")(eval_stereotypes)
