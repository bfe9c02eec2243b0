"""What the sharing operations share: the words and link of their notifications, the lock on a session's row."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from occupancies.sharing import queries
from occupancies.sharing.models import SharingSession
from occupancies.sharing.workflow import ACTIVE, place_of, when
from portal.extensions import db
from portal.notifications import notify


def params_of(session, **extra) -> dict:
    return {"session": {"fr": session.title_fr, "nl": session.title_nl, "en": session.title_fr},
            "when": when(session), "place": place_of(session), **extra}


def link_to(session) -> str:
    return url_for("sessions.session_page", session_id=session.id)


def tell(users, session, kind: str, **extra) -> None:
    notify(users, kind, params=params_of(session, **extra), link=link_to(session))


def lock(session) -> None:
    """Hold the session's row until the commit; its values read afresh."""
    db.session.execute(select(SharingSession).where(SharingSession.id == session.id)
                       .with_for_update(of=SharingSession).execution_options(populate_existing=True))


def people_of(session, statuses=ACTIVE) -> list:
    return [r.user for r in queries.registrations_of(session) if r.status in statuses]
