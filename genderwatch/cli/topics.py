"""``genderwatch eval topics FILE`` and ``genderwatch eval topic-sections``: quality of the
topic keys on labelled passages, and a sanity check against outlet sections."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from genderwatch.cli.groups import echo_figures, eval_app
from genderwatch.errors import GenderwatchError

_DEMO_CORPUS = Path(__file__).resolve().parents[2] / "crawler" / "demo_web" / "corpus"


def _topics_of(title: str | None, lead: str | None, body: str, section: str | None) -> dict[str, bool]:
    from scoring.analyzer import analyze_article

    return analyze_article(title, lead, body, section=section).to_dict()["topics"]


def eval_topics(
    file: Path = typer.Argument(..., help="Labelled JSON Lines (e.g. scoring/data/topics/eval.jsonl)."),
    no_section: bool = typer.Option(False, "--no-section",
                                    help="Ignore the passages' outlet sections (text only)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    errors: bool = typer.Option(False, "--errors", help="Also list every passage with a wrong key."),
) -> None:
    """Đánh giá chủ đề tin bài / precision, recall and F1 of every topic key (GMMP major
    topics, gender equality, GBV, law/policy reference, inequality, challenging stereotypes)."""
    from scoring.topics.evaluation import evaluate, load_passages

    report = evaluate(load_passages(file), _topics_of, use_section=not no_section)
    if as_json:
        echo_figures(report.as_dict(), report.errors if errors else None)
        return
    mode = "chỉ văn bản / text only" if no_section else "văn bản và chuyên mục / text and section"
    typer.echo(f"Chủ đề / topics: {file} ({report.records} đoạn / passages; {mode})")
    for key, counts in report.keys.items():
        typer.echo(f"  {key:<24} P={counts.precision:.3f} R={counts.recall:.3f} F1={counts.f1:.3f} "
                   f"(TP {counts.true_positive}, FP {counts.false_positive}, "
                   f"FN {counts.false_negative})")
    typer.echo(f"  F1 trung bình 6 chủ đề chính / major-topic macro F1: {report.major_macro_f1:.3f}")
    if errors:
        for error in report.errors:
            typer.echo(json.dumps(error, ensure_ascii=False))


def eval_topic_sections(
    files: list[Path] = typer.Argument(
        None, help="Articles with a 'section' (JSON Lines); default: the demo corpus."),
) -> None:
    """Đối chiếu chủ đề với chuyên mục / sanity check: analyse articles from their text alone
    and count those whose major topic is one their outlet section is filed under."""
    from scoring.topics import default_detector
    from scoring.topics.evaluation import load_corpus, section_agreement

    paths = files or sorted(_DEMO_CORPUS.glob("*.jsonl"))
    if not paths:
        raise GenderwatchError(f"no corpus files given and none in {_DEMO_CORPUS}")
    rows = section_agreement(load_corpus(paths), default_detector(), _topics_of)
    judged = [row for row in rows if row.expected]
    agreeing, total = sum(row.agreeing for row in judged), sum(row.articles for row in judged)
    typer.echo(f"Chuyên mục / sections: {sum(row.articles for row in rows)} bài / articles")
    for row in rows:
        expected = ", ".join(row.expected) or "-"
        chosen = ", ".join(f"{topic} {count}" for topic, count in row.chosen.most_common())
        typer.echo(f"  {row.section:<24} n={row.articles:<3} đúng / agree {row.agreeing:<3} "
                   f"không chủ đề / none {row.without_topic:<2} expected [{expected}] chosen [{chosen}]")
    if total:
        typer.echo(f"  Khớp chuyên mục / agreement: {agreeing}/{total} = {agreeing / total:.3f} "
                   "(sections filed under a topic)")


def register(_app: typer.Typer) -> None:
    """The commands belong to the shared ``eval`` group, not to the root app."""
    eval_app.command("topics")(eval_topics)
    eval_app.command("topic-sections")(eval_topic_sections)
