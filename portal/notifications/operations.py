from __future__ import annotations

from collections.abc import Iterable

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import update

from portal import clock
from portal.extensions import db
from portal.features import notification_kinds
from portal.jobs import after_commit
from portal.notifications.models import Notification, OutboxMail
from portal.notifications.registry import render


def notify(recipients: Iterable, kind: str, *, params: dict | None = None, link: str = "",
           organisation=None) -> list[Notification]:
    """An inbox line for each recipient, and an email in their language once the transaction commits."""
    if kind not in notification_kinds():
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
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
    return result.rowcount


# E-mails ---------------------------------------------------------------------------------------------------------

def _absolute(link: str) -> str:
    if not link or link.startswith("http"):
        return link
    return current_app.config["BASE_URL"] + link


def queue_mail(to: str, language: str, kind: str, params: dict, link: str, name: str = "") -> OutboxMail:
    """An e-mail in the recipient's language, kept in the outbox (where it stays without MAIL_URL)."""
    title, body = render(kind, params, language)
    with force_locale(language):
        text = render_template("emails/notification.txt", name=name, title=title, body=body, link=_absolute(link))
    mail = OutboxMail(to=to, language=language, kind=kind, subject=title, body=text)
    db.session.add(mail)
    db.session.flush()
    return mail


def record_delivery(mail: OutboxMail, *, error: Exception | None = None) -> None:
    """The SMTP server took the mail, or refused it (its error is kept)."""
    if error is None:
        mail.sent_at = clock.now()
    else:
        mail.error = repr(error)
