from __future__ import annotations

from enum import Enum

from flask import g, has_app_context

from portal.audit.models import AuditEvent
from portal.extensions import db


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record(action: str, *, target, actor=None, organisation=None, changes: dict | None = None,
           reason: str | None = None) -> AuditEvent:
    """Append one event. `organisation` is the one the actor acts for (the request's, by default)."""
    if organisation is None and has_app_context():
        organisation = g.get("organisation")
    if target.id is None:
        db.session.flush()
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        organisation_id=organisation.id if organisation is not None else None,
        target_type=target.__tablename__,
        target_id=target.id,
        changes={key: _plain(value) for key, value in (changes or {}).items()},
        reason=reason or None,
    )
    db.session.add(event)
    return event
