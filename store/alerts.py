"""Crawl alerts: an outlet that turns red opens one alert, kept open until it recovers.

One open alert per outlet however many checks find it red, so monitors get one message per
incident rather than one per check; the alert closes when the outlet is green or amber again.
Sending e-mail is the caller's business (the store knows no SMTP); the outcome is written back
with :func:`mark_notified`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from store.health import CrawlHealth
from store.models import CrawlAlert
from store.types import utcnow


@dataclass(frozen=True)
class AlertChanges:
    """What one health check changed: alerts opened and alerts resolved."""

    opened: list[CrawlAlert]
    resolved: list[CrawlAlert]


def open_alerts(session: Session, outlet_ids: list[str] | None = None) -> list[CrawlAlert]:
    """Alerts not yet resolved, oldest first."""
    query = select(CrawlAlert).where(col(CrawlAlert.resolved_at).is_(None)).order_by(col(CrawlAlert.id))
    if outlet_ids is not None:
        query = query.where(col(CrawlAlert.outlet_id).in_(outlet_ids))
    return list(session.exec(query))


def update_alerts(session: Session, health: Mapping[str, CrawlHealth], now: datetime | None = None) -> AlertChanges:
    """Open an alert for every red outlet without one; resolve those of recovered outlets."""
    now = now or utcnow()
    current = {alert.outlet_id: alert for alert in open_alerts(session, list(health))}
    opened, resolved = [], []
    for outlet_id, outlet_health in sorted(health.items()):
        alert = current.get(outlet_id)
        if outlet_health.status == "red" and alert is None:
            alert = CrawlAlert(outlet_id=outlet_id, reason=outlet_health.reason["vi"], raised_at=now)
            session.add(alert)
            opened.append(alert)
        elif outlet_health.status != "red" and alert is not None:
            alert.resolved_at = now
            session.add(alert)
            resolved.append(alert)
    session.flush()
    return AlertChanges(opened, resolved)


def mark_notified(session: Session, alerts: list[CrawlAlert], error: str | None) -> None:
    """Record that the alerts were e-mailed, or why sending failed."""
    for alert in alerts:
        if error is None:
            alert.notified_at = utcnow()
        alert.notify_error = error
        session.add(alert)
