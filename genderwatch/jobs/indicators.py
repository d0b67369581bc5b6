"""Indicator job: bring stored indicator values up to date (only outlet × periods whose inputs changed)."""

from __future__ import annotations

from typing import Any

from genderwatch.jobs import JobContext


def refresh_indicators(ctx: JobContext, _argument: str = "") -> dict[str, Any]:
    """Recompute stale indicator values; cheap when nothing changed (fingerprints match)."""
    from store.indicators import recompute

    report = recompute(ctx.engine, config_dir=ctx.settings.config_dir)
    return {"changed": bool(report.recomputed or report.removed), "considered": report.considered,
            "recomputed": report.recomputed, "removed": report.removed,
            "values_written": report.values_written}
