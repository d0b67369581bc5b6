"""``genderwatch eval people`` and ``genderwatch bench people``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from genderwatch.cli.groups import bench_app, eval_app

_EVAL_HELP = (
    "Đo chất lượng nhận diện người trong tin / score the people stage on gold passages.\n\n"
    "FILE is JSON Lines in the gold format of scoring/data/people/DATA_CARD.md. Rules: gold "
    "mention occurrences are found by exact search (word boundaries); a system person matches a "
    "gold person when their mention spans overlap (one to one, greedy by overlap); person P/R/F1 "
    "count matches; gender accuracy is over matched persons with a decided gold gender where the "
    "system decided, coverage = decided / gold-decidable; a quote is correct when it overlaps a "
    "gold quote by at least 30 % (also 80 %) of the gold span and its speaker maps to the gold "
    "speaker (none = none); function accuracy is over matched persons; women's share = "
    "female / (female + male), system and gold each on their own persons, and among quoted "
    "sources."
)


def eval_people(
    file: Path = typer.Argument(..., metavar="FILE", help="Gold passages (JSON Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    errors: bool = typer.Option(False, "--errors", help="Also list every mismatch."),
) -> None:
    """Score the people stage against gold passages (the help text is ``_EVAL_HELP``)."""
    from scoring.document import Document
    from scoring.people import find_people
    from scoring.people.evaluation import evaluate, load_gold

    result = evaluate(load_gold(file), lambda text: find_people(Document(text)))
    mismatches = result.pop("errors")
    if as_json:
        if errors:
            result["errors"] = mismatches
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for line in _report_lines(result):
        typer.echo(line)
    if errors:
        for item in mismatches:
            typer.echo(json.dumps(item, ensure_ascii=False))


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _report_lines(result: dict[str, Any]) -> list[str]:
    people, gender, quotes = result["people"], result["gender"], result["quotes"]
    shares = result["women_share"]
    lines = [
        f"Đoạn tin / passages: {result['passages']}",
        f"Người / people: P {_percent(people['precision'])}  R {_percent(people['recall'])}  "
        f"F1 {_percent(people['f1'])}  (system {people['system']}, gold {people['gold']})",
        f"Giới tính / gender: accuracy {_percent(gender['accuracy'])}  "
        f"coverage {_percent(gender['coverage'])}  "
        f"({gender['decided']} decided of {gender['gold_decidable']} decidable)",
    ]
    for threshold in ("0.3", "0.8"):
        scores = quotes[f"overlap_{threshold}"]
        lines.append(
            f"Trích dẫn / quotes (overlap {threshold}): P {_percent(scores['precision'])}  "
            f"R {_percent(scores['recall'])}  F1 {_percent(scores['f1'])}"
        )
    lines.append(f"Chức năng / function accuracy: {_percent(result['function_accuracy'])}")
    lines.append(
        f"Tỷ lệ nữ trong người được nhắc / women's share of people: system "
        f"{_percent(shares['people']['system'])}, gold {_percent(shares['people']['gold'])}"
    )
    lines.append(
        f"Tỷ lệ nữ trong nguồn được trích dẫn / women's share of quoted sources: system "
        f"{_percent(shares['quoted_sources']['system'])}, "
        f"gold {_percent(shares['quoted_sources']['gold'])}"
    )
    for flag, scores in result["flags"].items():
        lines.append(
            f"  {flag}: P {_percent(scores['precision'])}  R {_percent(scores['recall'])}  "
            f"F1 {_percent(scores['f1'])}"
        )
    return lines


def bench_people(
    articles: int = typer.Option(200, min=1, help="How many articles to analyse."),
    words: int = typer.Option(600, min=50, help="Minimum words per article."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Tốc độ nhận diện người và trích dẫn / people + quotes throughput on one core
    (target: at least 20 articles/s for 600-word articles)."""
    from scoring.people.benchmark import bench_people as run

    figures = run(articles, words)
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    stage = figures["people_stage"]
    typer.echo(
        f"Bài / articles: {stage['articles']} of {stage['words_per_article']:.0f} words on average"
    )
    typer.echo(
        f"Tốc độ / throughput: {stage['articles_per_second']:.1f} articles/s "
        f"(median {stage['median_ms']:.1f} ms, p95 {stage['p95_ms']:.1f} ms per article)"
    )
    typer.echo(
        f"Câu qua CRF NER / sentences tagged by the CRF NER: "
        f"{figures['share_of_sentences_tagged_by_crf_ner']:.0%} of "
        f"{figures['sentences_per_article']} per article"
    )
    typer.echo(
        f"Người, trích dẫn / people, quotes per article: {figures['people_per_article']}, "
        f"{figures['quotes_per_article']}"
    )


def register(_app: typer.Typer) -> None:
    """The commands belong to the shared ``eval`` and ``bench`` groups."""
    eval_app.command("people", help=_EVAL_HELP)(eval_people)
    bench_app.command("people")(bench_people)
