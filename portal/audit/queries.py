from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db


def latest_entry():
    """The latest entry of the audit log (its id and time), or None: the register's revision, since every operation
    records itself there. One indexed query."""
    return db.session.execute(select(AuditEvent.id, AuditEvent.at).order_by(AuditEvent.id.desc()).limit(1)).first()


def history_of(target, limit: int = 100) -> list[AuditEvent]:
    """The history of one dossier, newest first (actor and organisation loaded in the same query)."""
    return list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.target_type == target.__tablename__, AuditEvent.target_id == target.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).unique())
