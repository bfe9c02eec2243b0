"""Jobs of sharing sessions: the reminders of the day before, swept every hour (idempotent), and the removal of
a resource's file once its row is gone."""
from __future__ import annotations

from sqlalchemy import select

from portal import clock
from portal.extensions import db


def sweep_sessions() -> int:
    """Remind the people registered for the sessions starting within a day."""
    from occupancies.sharing import operations, rules
    from occupancies.sharing.models import SharingSession
    from occupancies.sharing.workflow import SessionStatus

    now = clock.now()
    sessions = db.session.scalars(select(SharingSession).where(
        SharingSession.status == SessionStatus.planned, SharingSession.reminded_at.is_(None),
        SharingSession.starts_at > now, SharingSession.starts_at <= now + rules.REMIND_BEFORE)).unique().all()
    reminded = sum(operations.remind_session(session) for session in sessions)
    db.session.commit()
    return reminded


def forget_file(name: str) -> None:
    from portal import uploads

    uploads.remove("library", name)
