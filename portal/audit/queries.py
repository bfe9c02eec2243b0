from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db


def history_of(target, limit: int = 100) -> list[AuditEvent]:
    """The history of one dossier, newest first (actor and organisation loaded in the same query)."""
    return list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.target_type == target.__tablename__, AuditEvent.target_id == target.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).unique())
