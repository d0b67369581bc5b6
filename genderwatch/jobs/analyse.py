"""Analysis job: every article whose current analysis is missing, by another analyser version,
or of an earlier text of the article, in batches.

Articles are analysed outside any transaction (the models take the time) and each batch is
stored in one transaction, so a stop or a crash loses at most the batch in hand, which the next
run finds again in the backlog. Text the analyser refuses (too short, another language ...) is
stored as an analysis with its reason in ``error``; indicators leave such analyses out.
Each analysis records the content hash of the text analysed, and the gender counts of the
article's byline authors (C21/C22).
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from sqlmodel import Session, col, select

from genderwatch.errors import GenderwatchError
from genderwatch.jobs import JobContext, JobInterrupted
from store.analyses import save_analysis
from store.backlog import count_unanalysed, unanalysed_article_ids
from store.engine import session_scope
from store.models import Article

log = logging.getLogger(__name__)


def _analyse_one(article: Article) -> tuple[dict[str, Any], str]:
    """The contract result for one article and how it went: analysed, refused or crashed."""
    from scoring.analyzer import analyze_article, error_result
    from scoring.input_checks import InputError

    try:
        result = analyze_article(article.title, article.lead, article.body, id=article.id,
                                 section=article.section)
        return result.to_dict(), "analysed"
    except InputError as error:
        return error_result(str(error), id=article.id), "refused"
    except GenderwatchError:
        raise  # the analyser cannot run at all (models missing): fail the job, retry later
    except Exception as error:  # noqa: BLE001 - one article must not block the whole backlog
        log.exception("analyser failed on article %s", article.id)
        return error_result(f"lỗi bộ phân tích / analyser failed: {type(error).__name__}: {error}",
                            id=article.id), "crashed"


def _byline(article: Article) -> tuple[int, int]:
    from scoring.people.bylines import byline_counts

    counts = byline_counts(article.authors, article.wire_source)
    return counts.women, counts.men


def analyse(ctx: JobContext, _argument: str = "") -> dict[str, Any]:
    """Analyse and store the backlog of the current analyser version (and of edited articles)."""
    from scoring.analyzer import ANALYSER_VERSION

    counts: Counter[str] = Counter()
    with Session(ctx.engine) as session:
        total = count_unanalysed(session, ANALYSER_VERSION)
    ctx.report(0, total)
    while True:
        with Session(ctx.engine) as session:
            ids = unanalysed_article_ids(session, ANALYSER_VERSION, ctx.settings.scheduler.analyse_batch)
            articles = list(session.exec(select(Article).where(col(Article.id).in_(ids)).order_by(col(Article.id))))
        if not articles:
            break
        results = []
        for article in articles:
            if ctx.stop.is_set():
                break
            result, outcome = _analyse_one(article)
            # The hash read with the text: an edit stored meanwhile is analysed on the next pass.
            results.append((article.id, result, article.content_hash, _byline(article)))
            counts[outcome] += 1
            ctx.report(sum(counts.values()), total)
        with session_scope(ctx.engine) as session:
            for article_id, result, content_hash, byline in results:
                stored = session.get(Article, article_id)
                if stored is not None:  # deleted meanwhile: nothing to store
                    save_analysis(session, stored, result, ANALYSER_VERSION,
                                  content_hash=content_hash, byline=byline)
        if ctx.stop.is_set():
            raise JobInterrupted(f"dừng sau {sum(counts.values())} bài / stopped after "
                                 f"{sum(counts.values())} articles; the rest is analysed on the next run")
    return {"changed": bool(counts), "analyser_version": ANALYSER_VERSION, "analysed": counts["analysed"],
            "refused": counts["refused"], "crashed": counts["crashed"]}
