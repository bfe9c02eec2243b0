"""Jobs of notifications: each e-mail is kept in the outbox by an operation, then sent through SMTP when MAIL_URL
is set; the job runner commits."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlparse

from flask import current_app
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.notifications import operations
from portal.notifications.models import Notification, OutboxMail


def deliver(mail: OutboxMail) -> None:
    """Send through SMTP when MAIL_URL is set; otherwise the outbox row is the delivery."""
    url = current_app.config.get("MAIL_URL")
    if not url:
        return
    parsed = urlparse(url)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    smtp_class = smtplib.SMTP_SSL if parsed.scheme == "smtps" else smtplib.SMTP
    try:
        with smtp_class(parsed.hostname, parsed.port or (465 if parsed.scheme == "smtps" else 25),
                        timeout=30) as smtp:
            if parsed.scheme == "smtp" and "starttls" in parsed.query:
                smtp.starttls()
            if parsed.username:
                smtp.login(unquote(parsed.username), unquote(parsed.password or ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        operations.record_delivery(mail, error=error)
        raise
    operations.record_delivery(mail)


def email_notification(notification_id: int) -> None:
    """The e-mail of an inbox line, in its reader's language (a notification rolled back with its transaction has
    no e-mail)."""
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        return
    user = notification.user
    deliver(operations.queue_mail(user.email, user.language, notification.kind, notification.params,
                                  notification.link, name=user.name))


def email_address(email: str, language: str, kind: str, params: dict, link: str) -> None:
    deliver(operations.queue_mail(email, language, kind, params, link))


def send_digests() -> int:
    """The hourly sweep of the digests (nothing before 7:00 nor twice the same day: see operations.send_digests)."""
    return operations.send_digests()


def deliver_digests() -> None:
    """Send through SMTP the digests written to the outbox and not sent yet."""
    for mail in db.session.scalars(select(OutboxMail).where(OutboxMail.kind.like("digest.%"),
                                                            OutboxMail.sent_at.is_(None),
                                                            OutboxMail.error.is_(None))):
        try:
            deliver(mail)
        except (OSError, smtplib.SMTPException):
            continue        # kept with its error; the others go on


def sweep_retention() -> int:
    """Daily: the outbox's e-mails past their retention period."""
    return operations.erase_old_mails(clock.now())
