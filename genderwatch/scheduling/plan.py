"""Which jobs exist, how often they run, what each one sets off, and how failures back off.

One crawl job per active outlet of the registry, their first runs spread over one crawl
interval so that the outlets are not all fetched at the same moment; then the pipeline jobs.
A job whose run changed something starts its dependants at once (a crawl that stored articles
starts the analysis, an analysis starts the indicator refresh, a refresh the reports), so new
articles reach the dashboard without waiting for the next interval; the intervals are the
safety net.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from genderwatch.settings import SchedulerSettings

FOLLOW_UPS = {
    "crawl": ("analyse", "health"),
    "analyse": ("indicators",),
    "indicators": ("reports",),
}
RETRY_CAP = timedelta(hours=6)


@dataclass(frozen=True)
class JobSpec:
    """One recurring job: its id, its interval and the delay of its very first run."""

    job_id: str
    every_s: int
    first_in_s: float


def job_plan(schedule: SchedulerSettings, outlet_ids: list[str]) -> list[JobSpec]:
    """Every recurring job for these active outlets."""
    spread = schedule.crawl_s / max(len(outlet_ids), 1)
    plan = [JobSpec(f"crawl:{outlet_id}", schedule.crawl_s, index * spread)
            for index, outlet_id in enumerate(sorted(outlet_ids))]
    plan += [
        JobSpec("analyse", schedule.analyse_s, schedule.analyse_s),
        JobSpec("indicators", schedule.indicators_s, schedule.indicators_s),
        JobSpec("reports", schedule.reports_s, 0),
        JobSpec("health", schedule.health_s, schedule.health_s),
    ]
    return plan


def follow_ups(job_id: str) -> tuple[str, ...]:
    return FOLLOW_UPS.get(job_id.partition(":")[0], ())


def retry_delay(schedule: SchedulerSettings, attempt: int) -> timedelta | None:
    """Delay before attempt ``attempt + 1`` (doubling from ``retry_s``), or None when attempts are spent."""
    if attempt >= schedule.max_attempts:
        return None
    return min(timedelta(seconds=schedule.retry_s * 2 ** (attempt - 1)), RETRY_CAP)
