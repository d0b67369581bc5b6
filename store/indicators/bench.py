"""Benchmark of the indicator engine on SYNTHETIC data (never presented as results).

``genderwatch bench indicators`` creates a throwaway PostgreSQL database, fills it through the
migrations and COPY with synthetic analysed articles (34 outlets × 12 months of 2025; people,
quotes, findings and reviews in proportions close to provincial news), then times a full
forced recompute, the months alone, one outlet-month, and an incremental no-op. Every
synthetic row says so: titles read "[dữ liệu giả lập / synthetic benchmark data]".
"""

from __future__ import annotations

import io
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import psycopg
from sqlalchemy import create_engine, text

from store.engine import make_engine
from store.indicators.periods import month_period, standard_periods
from store.indicators.recompute import recompute
from store.migrate import upgrade_to_head

OUTLETS = 34
SYNTHETIC = "[dữ liệu giả lập / synthetic benchmark data]"
FUNCTIONS = ("subject", "spokesperson", "expert", "personal_experience", "eyewitness", "popular_opinion", "other")
CATEGORIES = ("appearance", "family_identity", "domestic_role", "competence_surprise", "gender_marking",
              "gbv_framing", "age_marital", "male_norms")


@dataclass(frozen=True)
class BenchResult:
    articles: int
    people: int
    quotes: int
    findings: int
    load_seconds: float
    full_seconds: float  # all months, quarters, year and Action Month of 2025, forced
    full_pairs: int
    months_seconds: float  # the 34 × 12 outlet-months, forced
    one_outlet_month_seconds: float  # one outlet-month, forced
    incremental_noop_seconds: float  # everything again, nothing changed


@contextmanager
def throwaway_database(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"genderwatch_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _copy(connection: psycopg.Connection, table: str, columns: str, lines: Iterator[str]) -> None:
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for count, line in enumerate(lines, start=1):
            buffer.write(line)
            if count % 50_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())


def _flags(rng: np.random.Generator, size: int, share: float) -> np.ndarray:
    return rng.random(size) < share


def load_synthetic(url: str, articles: int, seed: int = 1790) -> tuple[int, int, int]:
    """Fill ``url`` with synthetic analysed articles; returns (people, quotes, findings)."""
    rng = np.random.default_rng(seed)
    days = np.array([date(2025, 1, 1) + timedelta(days=int(d)) for d in range(365)])
    outlet_of = rng.integers(0, OUTLETS, articles)
    day_of = days[rng.integers(0, 365, articles)]
    wire = _flags(rng, articles, 0.03)
    syndicated = ~wire & _flags(rng, articles, 0.02)
    women_authors = rng.choice([0, 1, 2], articles, p=[0.55, 0.4, 0.05])
    men_authors = rng.choice([0, 1, 2], articles, p=[0.4, 0.55, 0.05])
    topic_keys = ("politics", "economy", "social_legal", "crime_violence", "culture_sport")
    topic_of = rng.integers(0, len(topic_keys), articles)
    ge, gbv, central = (_flags(rng, articles, share) for share in (0.02, 0.01, 0.12))
    people_per_article = rng.poisson(2.5, articles)  # about 2.5 people per article
    sqlalchemy_url = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(sqlalchemy_url) as connection:
        _copy(connection, "outlet", "id, name, province, host, aliases, active, created_at", (
            f"bench{o:02d}\tBáo giả lập {o:02d}\tTỉnh {o:02d}\tbench{o:02d}.invalid\t[]\tt\t2025-01-01 00:00:00+00\n"
            for o in range(OUTLETS)))
        _copy(connection, "article", "id, outlet_id, url, title, body, authors, wire_source, published_date, "
              "captions, media_kind, content_hash, syndicated_from_id, extractor_version, first_seen_at, "
              "updated_at", (
                  f"{i + 1}\tbench{outlet_of[i]:02d}\thttps://bench{outlet_of[i]:02d}.invalid/{i + 1}\t"
                  f"Tin số {i + 1} {SYNTHETIC}\t{SYNTHETIC}\t[]\t{'TTXVN' if wire[i] else chr(92) + 'N'}\t"
                  f"{day_of[i].isoformat()}\t[]\ttext\t{i + 1:064x}\t"
                  f"{max(1, i) if syndicated[i] else chr(92) + 'N'}\tbench\t"
                  f"2025-01-01 00:00:00+00\t2025-01-01 00:00:00+00\n"
                  for i in range(articles)))
        _copy(connection, "analysis", "id, article_id, analyser_version, outlet_id, published_date, is_current, "
              "stereotyped, stereotype_score, topic_gender_equality, topic_gbv, topics, women_central, "
              "created_at, byline_women, byline_men, people_count", (
                  f"{i + 1}\t{i + 1}\tbench\tbench{outlet_of[i]:02d}\t{day_of[i].isoformat()}\tt\tf\t0\t"
                  f"{'t' if ge[i] else 'f'}\t{'t' if gbv[i] else 'f'}\t"
                  + json.dumps({"gender_equality": bool(ge[i]), "gbv": bool(gbv[i]),
                                topic_keys[topic_of[i]]: True})
                  + f"\t{'t' if central[i] else 'f'}\t2025-01-01 00:00:00+00\t{women_authors[i]}\t{men_authors[i]}"
                  f"\t{people_per_article[i]}\n"
                  for i in range(articles)))
        people = _people(connection, rng, people_per_article)
        quotes = _quotes(connection, rng, people)
        findings = _findings(connection, rng, articles)
    # A live database is vacuumed by autovacuum; freshly copied tables are not, and the first
    # scans of them would pay for setting hint bits and reading heap pages that an index-only
    # scan skips once the visibility map is set. VACUUM cannot run inside a transaction.
    with psycopg.connect(sqlalchemy_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return len(people[0]), quotes, findings


def _people(connection: psycopg.Connection, rng: np.random.Generator,
            per_article: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``per_article[i]`` people in article i + 1: 24% women, 61% men, 15% unknown (GMMP-like shares)."""
    analysis_of = np.repeat(np.arange(1, len(per_article) + 1), per_article)
    total = len(analysis_of)
    gender = rng.choice(np.array(["female", "male", "unknown"]), total, p=[0.24, 0.61, 0.15])
    quoted = rng.choice(np.array(["direct", "indirect", "none"]), total, p=[0.3, 0.3, 0.4])
    function = rng.choice(np.array(FUNCTIONS), total)
    group = rng.integers(0, 28, total)
    has_occupation = _flags(rng, total, 0.6)
    flags = [_flags(rng, total, share) for share in (0.08, 0.1, 0.03, 0.05, 0.01)]
    _copy(connection, "person", "id, analysis_id, name, gender, quoted, function, occupation, occupation_group, "
          "family_role, age_given, appearance_described, victim, survivor, mentions", (
              f"{p + 1}\t{analysis_of[p]}\tNgười giả lập\t{gender[p]}\t{quoted[p]}\t{function[p]}\t"
              f"{'Nghề giả lập' if has_occupation[p] else chr(92) + 'N'}\t"
              f"{group[p] if has_occupation[p] else chr(92) + 'N'}\t"
              + "\t".join("t" if flag[p] else "f" for flag in flags) + "\t[]\n"
              for p in range(total)))
    return analysis_of, gender, quoted


def _quotes(connection: psycopg.Connection, rng: np.random.Generator,
            people: tuple[np.ndarray, np.ndarray, np.ndarray]) -> int:
    analysis_of, gender, quoted = people
    speakers = np.flatnonzero(quoted != "none")
    repeats = rng.integers(1, 3, len(speakers))
    speaker_of = np.repeat(speakers, repeats)
    kind = np.where(quoted[speaker_of] == "direct", "direct", "indirect")
    _copy(connection, "quote", "analysis_id, person_id, speaker_gender, kind, text, start_offset, end_offset", (
        f"{analysis_of[s]}\t{s + 1}\t{gender[s]}\t{kind[q]}\t{SYNTHETIC}\t0\t1\n"
        for q, s in enumerate(speaker_of)))
    return len(speaker_of)


def _findings(connection: psycopg.Connection, rng: np.random.Generator, articles: int) -> int:
    """About 0.12 findings per article, 75% in the outlet's voice; 5% of findings reviewed."""
    per_article = rng.poisson(0.12, articles)
    analysis_of = np.repeat(np.arange(1, articles + 1), per_article)
    total = len(analysis_of)
    category = rng.choice(np.array(CATEGORIES), total)
    severity = rng.choice(np.array(["overt", "subtle"]), total, p=[0.3, 0.7])
    voice = rng.choice(np.array(["outlet", "quote"]), total, p=[0.75, 0.25])
    _copy(connection, "finding", "id, analysis_id, category, severity, voice, evidence, start_offset, end_offset, "
          "sentence, confidence, source, explanation", (
              f"{f + 1}\t{analysis_of[f]}\t{category[f]}\t{severity[f]}\t{voice[f]}\tgiả lập\t0\t1\t"
              f"{SYNTHETIC}\t0.8\trule\t{SYNTHETIC}\n" for f in range(total)))
    connection.execute("INSERT INTO \"user\" (id, username, full_name, password_hash, role, active, created_at) "
                       "VALUES (1, 'bench', 'Giám sát giả lập', 'x', 'monitor', true, now())")
    reviewed = np.flatnonzero(_flags(rng, total, 0.05))
    verdicts = rng.choice(np.array(["confirm", "reject", "recategorise", "contest"]), len(reviewed))
    _copy(connection, "review", "finding_id, reviewer_id, verdict, new_category, note, created_at", (
        f"{f + 1}\t1\t{verdicts[r]}\t{'appearance' if verdicts[r] == 'recategorise' else chr(92) + 'N'}\t\t"
        f"2025-06-01 00:00:00+00\n" for r, f in enumerate(reviewed)))
    return total


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run_benchmark(admin_url: str, articles: int, config_dir: Path,
                  progress: Callable[[str], None] = lambda _: None) -> BenchResult:
    """Load the synthetic data into a throwaway database and time the recomputes."""
    with throwaway_database(admin_url) as url:
        engine = make_engine(url)
        upgrade_to_head(engine)
        progress(f"loading {articles:,} synthetic articles into {url.rsplit('/', 1)[1]}")
        started = time.perf_counter()
        people, quotes, findings = load_synthetic(url, articles)
        load_seconds = time.perf_counter() - started
        progress(f"loaded in {load_seconds:.0f} s: {people:,} people, {quotes:,} quotes, {findings:,} findings")
        year = list(standard_periods(date(2025, 1, 1), date(2025, 12, 31)))
        months = [period for period in year if period.kind == "month"]
        full = _timed(lambda: recompute(engine, periods=year, force=True, config_dir=config_dir))
        progress(f"full recompute ({OUTLETS} outlets × {len(year)} periods): {full:.2f} s")
        months_only = _timed(lambda: recompute(engine, periods=months, force=True, config_dir=config_dir))
        one = _timed(lambda: recompute(engine, outlet_ids=["bench07"], periods=[month_period(2025, 11)],
                                       force=True, config_dir=config_dir))
        noop = _timed(lambda: recompute(engine, periods=year, config_dir=config_dir))
        engine.dispose()
    return BenchResult(articles, people, quotes, findings, load_seconds, full, OUTLETS * len(year),
                       months_only, one, noop)
