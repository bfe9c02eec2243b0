"""Jobs of sharing sessions: the reminders of the day before, swept every hour (idempotent), and the removal of
a resource's file once its row is gone."""
from __future__ import annotations

import logging

from sqlalchemy import select

from portal import clock
from portal.extensions import db

log = logging.getLogger(__name__)


def sweep_sessions() -> int:
    """Remind the people registered for the sessions starting within a day."""
    from occupancies.sharing import operations, rules
    from occupancies.sharing.models import SharingSession
    from occupancies.sharing.workflow import SessionStatus

    now = clock.now()
    sessions = db.session.scalars(select(SharingSession).where(
        SharingSession.status == SessionStatus.planned, SharingSession.reminded_at.is_(None),
        SharingSession.starts_at > now, SharingSession.starts_at <= now + rules.REMIND_BEFORE)).unique().all()
    reminded = 0
    for session in sessions:             # one transaction each: a failure leaves the others' reminders alone
        try:
            reminded += operations.remind_session(session)
            db.session.commit()
        except Exception:                # noqa: BLE001 - logged; the next sweep tries this session again
            db.session.rollback()
            log.exception("reminders of sharing session %s failed", session.id)
    return reminded


def forget_file(name: str) -> None:
    from portal import uploads

    uploads.remove("library", name)
