from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from portal.audit.models import AuditEvent
from portal.extensions import db


def latest_entry():
    """The latest entry of the audit log (its id and time), or None: the register's revision, since every operation
    records itself there. One indexed query, asked once per GET: a GET never writes, so the revision read for its
    validators (portal.ui.caching) is the one its kept values (portal.cache) are filed under. Anything written
    under a GET's context all the same (a test, a script) makes it read again."""
    reading = has_request_context() and request.method in ("GET", "HEAD")
    if reading and _REVISION in request.environ:
        return request.environ[_REVISION]
    latest = db.session.execute(select(AuditEvent.id, AuditEvent.at).order_by(AuditEvent.id.desc()).limit(1)).first()
    if reading:
        request.environ[_REVISION] = latest
    return latest


_REVISION = "entretemps.revision"     # where a request keeps the revision it read (its WSGI environ: its own)


@event.listens_for(Session, "after_flush")
def _forget_revision(session, flush_context) -> None:
    if has_request_context():
        request.environ.pop(_REVISION, None)


def history_of(target, limit: int = 100) -> list[AuditEvent]:
    """The history of one dossier, newest first (actor and organisation loaded in the same query)."""
    return list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.target_type == target.__tablename__, AuditEvent.target_id == target.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).unique())
