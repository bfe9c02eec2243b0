from __future__ import annotations

from collections.abc import Iterable

from portal import clock
from portal.extensions import db
from portal.jobs import after_commit
from portal.notifications.models import Notification


def notify(recipients: Iterable, kind: str, *, params: dict | None = None, link: str = "",
           organisation=None) -> list[Notification]:
    """An inbox line for each recipient, and an email in their language once the transaction commits."""
    from portal.notifications.registry import KINDS

    if kind not in KINDS:
        raise KeyError(f"unknown notification kind {kind}")
    created = []
    seen = set()
    for user in recipients:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        notification = Notification(
            user_id=user.id, kind=kind, params=params or {}, link=link,
            organisation_id=organisation.id if organisation is not None else None,
        )
        db.session.add(notification)
        created.append(notification)
    db.session.flush()
    for notification in created:
        after_commit("portal.notifications.jobs.email_notification", notification.id)
    return created


def send_email_to_address(email: str, language: str, kind: str, params: dict, link: str) -> None:
    """An email to someone who may have no account yet (an invitation), after the commit."""
    after_commit("portal.notifications.jobs.email_address", email, language, kind, params, link)


def mark_read(notification: Notification, *, actor) -> None:
    if notification.user_id != actor.id:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        notification.read_at = clock.now()


def mark_all_read(*, actor) -> int:
    from sqlalchemy import update

    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
    return result.rowcount
