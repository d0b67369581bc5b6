"""The indicator benchmark's machinery on a small synthetic load (its timings are not tested)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from store.indicators.bench import OUTLETS, run_benchmark
from tests.conftest import PG_ADMIN_URL

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


def _bench_databases() -> set[str]:
    admin = create_engine(PG_ADMIN_URL)
    with admin.connect() as connection:
        names = set(connection.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE 'genderwatch_bench_%'")).scalars())
    admin.dispose()
    return names


def test_the_benchmark_loads_synthetic_data_recomputes_everything_and_drops_its_database(
        postgres_url: str) -> None:  # postgres_url: skipped with the reason when no server answers
    before = _bench_databases()
    result = run_benchmark(PG_ADMIN_URL, 3000, CONFIG_DIR)
    assert result.articles == 3000
    assert 2.2 < result.people / result.articles < 2.8  # ~2.5 people per article
    assert result.quotes > 0 and result.findings > 0
    assert result.full_pairs == OUTLETS * 18  # 12 months, 4 quarters, the year, the Action Month
    assert result.full_seconds > 0 and result.one_outlet_month_seconds > 0
    assert _bench_databases() == before
