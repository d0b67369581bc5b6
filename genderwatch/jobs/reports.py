"""Report job: scorecards of every completed month, quarter and Action Month, kept current.

For each ended period with stored indicator values it writes the outlet scorecards and, for
quarters and Action Months, the province scorecards (PDF and XLSX, ready to attach to an
official report) under ``<data_dir>/reports/<period>/``; the Action Month (15/11–15/12) set
appears on 16 December.
A manifest beside the files remembers which indicator values each file reflects, so a run
rewrites only what is missing or older than its values (a review decision changes a value,
the next run refreshes that scorecard) and a run that was missed or killed is simply caught up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from genderwatch.errors import GenderwatchError
from genderwatch.jobs import JobContext
from store.backlog import ReportablePeriod, reportable_periods
from store.indicators.periods import Period
from store.types import utcnow

FORMATS = ("pdf", "xlsx")
# Provinces report to the ministry by quarter and on the Action Month; monthly figures are the
# newsrooms' own feedback, so months get outlet scorecards only (each PDF takes about a second).
PROVINCE_KINDS = ("quarter", "action_month")
MANIFEST = "manifest.json"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportTarget:
    """One scorecard to keep current: an outlet's or a province's, for one period."""

    outlet_id: str | None
    province: str | None
    period: Period
    values_at: datetime  # newest indicator value it must reflect

    @property
    def key(self) -> str:
        return f"outlet:{self.outlet_id}" if self.outlet_id else f"province:{self.province}"


def report_targets(periods: Iterable[ReportablePeriod]) -> list[ReportTarget]:
    """Outlet scorecards of every period, then province scorecards of quarters and Action Months."""
    targets, provinces = [], {}
    for item in periods:
        targets.append(ReportTarget(item.outlet_id, None, item.period, item.computed_at))
        if item.period.kind not in PROVINCE_KINDS:
            continue
        key = (item.province, item.period)
        provinces[key] = max(provinces.get(key, item.computed_at), item.computed_at)
    targets += [ReportTarget(None, province, period, values_at) for (province, period), values_at in provinces.items()]
    return targets


def _read_manifest(directory: Path) -> dict[str, Any]:
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    from dashboard.scorecards.atomic import atomic_path

    with atomic_path(directory / MANIFEST) as temporary:
        temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def _current(entry: dict[str, Any] | None, directory: Path, target: ReportTarget) -> bool:
    if not entry or datetime.fromisoformat(entry["values_at"]) < target.values_at:
        return False
    return all((directory / name).is_file() for name in entry["files"])


def _write(ctx: JobContext, target: ReportTarget, directory: Path) -> list[str] | None:
    """Build and render one scorecard; None when the period has nothing to report on."""
    from dashboard.scorecards import RENDERERS, build_scorecard
    from store.engine import session_scope

    try:
        with session_scope(ctx.engine) as session:
            card = build_scorecard(session, outlet_id=target.outlet_id, province=target.province,
                                   period=target.period, config_dir=ctx.settings.config_dir)
    except GenderwatchError as error:  # e.g. values exist but every article is wire copy
        log.info("no scorecard for %s %s: %s", target.key, target.period.label, error)
        return None
    files = []
    for output_format in FORMATS:
        name = f"{card.file_stem}.{output_format}"
        RENDERERS[output_format](card, directory / name)
        files.append(name)
    return files


def write_reports(ctx: JobContext, _argument: str = "") -> dict[str, Any]:
    """Write every scorecard that is missing or older than its indicator values."""
    today: date = utcnow().astimezone(VIETNAM).date()
    with Session(ctx.engine) as session:
        targets = report_targets(reportable_periods(session, today))
    root = ctx.settings.data_dir / "reports"
    written: list[str] = []
    current = skipped = 0
    for done, target in enumerate(targets):
        ctx.check_stop()
        ctx.report(done, len(targets))
        directory = root / target.period.label
        directory.mkdir(parents=True, exist_ok=True)
        manifest = _read_manifest(directory)
        if _current(manifest.get(target.key), directory, target):
            current += 1
            continue
        files = _write(ctx, target, directory)
        if files is None:
            skipped += 1
            continue
        manifest[target.key] = {"values_at": target.values_at.isoformat(), "files": files}
        _write_manifest(directory, manifest)
        written += [f"{target.period.label}/{name}" for name in files]
    ctx.report(len(targets), len(targets))
    return {"changed": bool(written), "written": len(written), "up_to_date": current, "skipped": skipped,
            "files": written[:50]}
