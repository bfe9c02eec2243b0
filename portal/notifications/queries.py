from __future__ import annotations

from flask import abort, g, has_request_context
from sqlalchemy import func, select

from portal.extensions import db
from portal.notifications.models import Notification, NotificationPreference, OutboxMail

PAGE = 50


def unread_count(user) -> int:
    """The user's unread notifications, counted once per request (the header and the dashboard show it)."""
    cached = g.get("unread_count")
    if cached is not None and cached[0] == user.id:
        return cached[1]
    count = db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0
    if has_request_context():
        g.unread_count = (user.id, count)
    return count


def inbox(user, limit: int = PAGE) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ))


def own_notification_or_404(user, notification_id) -> Notification:
    notification = db.session.scalar(select(Notification).where(
        Notification.id == notification_id, Notification.user_id == user.id))
    if notification is None:
        abort(404)
    return notification


def outbox(limit: int = 100) -> list[OutboxMail]:
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)))


def outbox_mail_or_404(mail_id) -> OutboxMail:
    mail = db.session.get(OutboxMail, mail_id)
    if mail is None:
        abort(404)
    return mail


def preferences_of(user) -> dict[str, str]:
    """A person's choices ({kind: frequency}); a kind not among them comes at once."""
    return dict(db.session.execute(select(NotificationPreference.kind, NotificationPreference.frequency)
                                   .where(NotificationPreference.user_id == user.id)).all())
