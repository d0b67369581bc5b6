"""Health job: judge every active outlet's collection, open and close alerts, tell people.

An outlet that turns red opens an alert (one per incident) which is logged at WARNING and,
when ``smtp_host`` and ``alert_to`` are set, e-mailed. Alerts are committed before any e-mail
is sent, so a slow or failing mail server never holds the database; an alert whose e-mail
failed (or was never sent) is tried again on the next check.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlmodel import Session, col, select

from genderwatch.jobs import JobContext
from genderwatch.jobs.mail import AlertLine, send_crawl_alerts
from store.alerts import mark_notified, open_alerts, update_alerts
from store.engine import session_scope
from store.health import crawl_health
from store.models import Outlet

log = logging.getLogger(__name__)


def _notify(ctx: JobContext) -> int:
    """E-mail the open alerts not yet e-mailed; returns how many were sent."""
    settings = ctx.settings
    if not settings.smtp_host or not settings.alert_to:
        return 0
    with Session(ctx.engine) as session:
        pending = [alert for alert in open_alerts(session) if alert.notified_at is None]
        if not pending:
            return 0
        names = {outlet.id: outlet.name for outlet in session.exec(
            select(Outlet).where(col(Outlet.id).in_([alert.outlet_id for alert in pending])))}
        health = crawl_health(session, list(names))
        lines = [AlertLine(alert.outlet_id, names[alert.outlet_id], health[alert.outlet_id].reason)
                 for alert in pending]
    error = None
    try:
        send_crawl_alerts(settings, lines)
    except OSError as problem:  # smtplib's errors are OSErrors too
        error = f"{type(problem).__name__}: {problem}"
        log.error("cannot e-mail crawl alerts via %s:%s: %s", settings.smtp_host, settings.smtp_port, error)
    with session_scope(ctx.engine) as session:
        mark_notified(session, [session.merge(alert) for alert in pending], error)
    return 0 if error else len(pending)


def check_health(ctx: JobContext, _argument: str = "") -> dict[str, Any]:
    """Crawl health of every active outlet; alerts for red ones, resolved when they recover."""
    with session_scope(ctx.engine) as session:
        outlet_ids = list(session.exec(select(Outlet.id).where(col(Outlet.active).is_(True))))
        health = crawl_health(session, outlet_ids)
        changes = update_alerts(session, health)
        for alert in changes.opened:
            log.warning("crawl alert: %s turned red: %s", alert.outlet_id, alert.reason)
        for alert in changes.resolved:
            log.warning("crawl alert resolved: %s is %s again", alert.outlet_id, health[alert.outlet_id].status)
        opened = [alert.outlet_id for alert in changes.opened]
        resolved = [alert.outlet_id for alert in changes.resolved]
    by_status = {level: sorted(o for o, h in health.items() if h.status == level) for level in ("red", "amber")}
    return {"changed": bool(opened or resolved), **by_status, "alerts_opened": opened,
            "alerts_resolved": resolved, "emailed": _notify(ctx)}
