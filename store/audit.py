"""The audit log: who decided a review, changed a role or signed in, and when.

Rows are only ever appended; the dashboard and the CLI write them in the same transaction as
the change they describe, so a decision is never stored without its trace.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from store.models import AuditLog


def record_action(session: Session, actor_id: int | None, action: str, object_type: str,
                  object_id: str | int | None, **detail: Any) -> AuditLog:
    """Append one audit row (flushed, committed with the caller's transaction)."""
    row = AuditLog(actor_id=actor_id, action=action, object_type=object_type,
                   object_id=None if object_id is None else str(object_id), detail=detail)
    session.add(row)
    session.flush()
    return row
