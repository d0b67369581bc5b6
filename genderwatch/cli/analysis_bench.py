"""``genderwatch bench analysis``: articles per second of the full analyser."""

from __future__ import annotations

import json

import typer

from genderwatch.cli.groups import bench_app


def bench_analysis(
    articles: int = typer.Option(200, min=1, help="How many articles to analyse."),
    words: int = typer.Option(600, min=50, help="Minimum words per article."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Tốc độ phân tích đầy đủ / full analysis (people + stereotypes) throughput, plus the
    stereotype stage alone and the share of sentences its cheap filter sends to the model."""
    from scoring import people
    from scoring.analyzer import analyze_text
    from scoring.benchmark import benchmark_articles, run_benchmark
    from scoring.document import Document
    from scoring.models.encoder import default_device
    from scoring.stereotypes import default_detector

    texts = benchmark_articles(articles, words)
    full = run_benchmark(texts, analyze_text)
    prepared = {text: people.find_people(Document(text)) for text in texts}
    detector = default_detector()
    stage = run_benchmark(texts, lambda text: detector.detect(Document(text), prepared[text]))
    sentences = sent = 0
    for text in texts:
        document = Document(text)
        _, candidates = detector.candidates(document, prepared[text], run_model=False)
        sentences += len(document.sentences)
        sent += len(candidates)
    figures = {"device": default_device(), "full_analysis": full.as_dict(),
               "stereotype_stage": stage.as_dict(),
               "sentences_per_article": round(sentences / len(texts), 1),
               "share_of_sentences_sent_to_model": round(sent / max(sentences, 1), 3)}
    if as_json:
        typer.echo(json.dumps(figures, indent=1))
        return
    typer.echo(f"Phân tích đầy đủ / full analysis on {figures['device']}: "
               f"{full.articles_per_second:.1f} bài/giây / articles/s "
               f"({full.articles} articles, {full.words_per_article:.0f} words each; "
               f"median {full.median_ms:.0f} ms, p95 {full.p95_ms:.0f} ms)")
    typer.echo(f"Riêng khuôn mẫu giới / stereotype stage alone: {stage.articles_per_second:.1f} "
               f"articles/s (median {stage.median_ms:.0f} ms); "
               f"{figures['share_of_sentences_sent_to_model']:.0%} of "
               f"{figures['sentences_per_article']} sentences per article reach the model")


def register(_app: typer.Typer) -> None:
    """The command belongs to the shared ``bench`` group, not to the root app."""
    bench_app.command("analysis")(bench_analysis)
