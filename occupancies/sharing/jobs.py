"""Jobs of sharing sessions: the reminders of the day before, swept every hour (idempotent), and the removal of
a resource's file once its row is gone. The job runner commits (portal.jobs)."""
from __future__ import annotations

import logging

from sqlalchemy import select

from occupancies.sharing import operations, rules
from occupancies.sharing.models import SharingSession
from occupancies.sharing.workflow import SessionStatus
from portal import clock, uploads
from portal.extensions import db

log = logging.getLogger(__name__)


def sweep_sessions() -> int:
    """Remind the people registered for the sessions starting within a day: each session in its own savepoint,
    so that a failure leaves the others' reminders to the one commit of the job."""
    now = clock.now()
    sessions = db.session.scalars(select(SharingSession).where(
        SharingSession.status == SessionStatus.planned, SharingSession.reminded_at.is_(None),
        SharingSession.starts_at > now, SharingSession.starts_at <= now + rules.REMIND_BEFORE)).unique().all()
    reminded = 0
    for session in sessions:
        try:
            with db.session.begin_nested():
                reminded += operations.remind_session(session)
        except Exception:                # noqa: BLE001 - logged; the next sweep tries this session again
            log.exception("reminders of sharing session %s failed", session.id)
    return reminded


def forget_file(name: str) -> None:
    uploads.remove("library", name)
