"""``genderwatch bench analysis``: articles per second of the full analyser."""

from __future__ import annotations

import json
import os

import typer

from genderwatch.cli.groups import bench_app


def bench_analysis(
    articles: int = typer.Option(200, min=1, help="How many articles to analyse."),
    words: int = typer.Option(600, min=50, help="Minimum words per article."),
    workers: int = typer.Option(
        0, min=0, help="Worker processes for the parallel figure (0: one per CPU core)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Tốc độ phân tích đầy đủ / full analysis (people + stereotypes) throughput: one
    process, one process per core, the stereotype stage alone, and the share of sentences
    the cheap filter sends to the transformer."""
    from scoring import people
    from scoring.analyzer import analyze_text
    from scoring.benchmark import benchmark_articles, run_benchmark, run_parallel_benchmark
    from scoring.document import Document
    from scoring.models.encoder import default_device
    from scoring.stereotypes import default_detector

    texts = benchmark_articles(articles, words)
    detector = default_detector()
    single = run_benchmark(texts, analyze_text)
    processes = workers or os.cpu_count() or 1
    parallel = run_parallel_benchmark(texts, processes)
    prepared = {text: people.find_people(Document(text)) for text in texts}
    stage = run_benchmark(texts, lambda text: detector.detect(Document(text), prepared[text]))
    sentences = to_model = 0
    for text in texts:
        document = Document(text)
        _, candidates = detector.candidates(document, prepared[text], run_model=False)
        sentences += len(document.sentences)
        to_model += len(detector.model_inputs(candidates))
    figures = {"device": default_device(), "full_analysis_one_process": single.as_dict(),
               f"full_analysis_{processes}_processes": parallel.as_dict(),
               "stereotype_stage": stage.as_dict(),
               "sentences_per_article": round(sentences / len(texts), 1),
               "sentences_per_article_to_transformer": round(to_model / len(texts), 2)}
    if as_json:
        typer.echo(json.dumps(figures, indent=1))
        return
    typer.echo(f"Phân tích đầy đủ / full analysis, {single.articles} articles of "
               f"{single.words_per_article:.0f} words on {figures['device']}:")
    typer.echo(f"  1 tiến trình / process: {single.articles_per_second:.1f} bài/giây / articles/s "
               f"(median {single.median_ms:.0f} ms, p95 {single.p95_ms:.0f} ms)")
    typer.echo(f"  {processes} tiến trình / processes: {parallel.articles_per_second:.1f} "
               f"bài/giây / articles/s")
    typer.echo(f"  Riêng khuôn mẫu giới / stereotype stage alone: {stage.articles_per_second:.1f} "
               f"articles/s (median {stage.median_ms:.0f} ms); "
               f"{figures['sentences_per_article_to_transformer']} of "
               f"{figures['sentences_per_article']} sentences per article reach the transformer")


def register(_app: typer.Typer) -> None:
    """The command belongs to the shared ``bench`` group, not to the root app."""
    bench_app.command("analysis")(bench_analysis)
