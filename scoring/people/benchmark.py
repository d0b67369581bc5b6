"""Throughput of the people stage (people + quotes) on news-length articles.

The articles are those of :func:`scoring.benchmark.benchmark_articles` (the demo outlets'
provincial news, each padded to at least ``words`` words). The clock covers the whole
stage on a prepared document and on a raw text (including sentence splitting), after the
lexicon and the CRF models are loaded; the stage runs in one thread, so the figure is one
core's throughput.
"""

from __future__ import annotations

from typing import Any

from scoring.benchmark import benchmark_articles, run_benchmark
from scoring.document import Document
from scoring.people import find_people
from scoring.people.pipeline import default_pipeline
from scoring.people.tokens import tokenize


def bench_people(articles: int, words: int) -> dict[str, Any]:
    """Figures for ``articles`` articles of at least ``words`` words."""
    texts = benchmark_articles(articles, words)
    stage = run_benchmark(texts, lambda text: find_people(Document(text)))
    pipeline = default_pipeline()
    sentences = ner_sentences = people = quotes = 0
    for text in texts:
        document = Document(text)
        detection = pipeline.detector.detect(document, tokenize(document.text))
        sentences += len(document.sentences)
        ner_sentences += detection.ner_sentences
        report = find_people(document)
        people += len(report.people)
        quotes += len(report.quotes)
    return {
        "people_stage": stage.as_dict(),
        "sentences_per_article": round(sentences / len(texts), 1),
        "share_of_sentences_tagged_by_crf_ner": round(ner_sentences / max(sentences, 1), 3),
        "people_per_article": round(people / len(texts), 1),
        "quotes_per_article": round(quotes / len(texts), 1),
    }
