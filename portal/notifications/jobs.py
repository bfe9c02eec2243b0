from __future__ import annotations

import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlparse

from flask import current_app, render_template
from flask_babel import force_locale

from portal import clock
from portal.extensions import db
from portal.notifications.models import Notification, OutboxMail
from portal.notifications.registry import render


def _absolute(link: str) -> str:
    if not link or link.startswith("http"):
        return link
    return current_app.config["BASE_URL"] + link


def _queue_mail(to: str, language: str, kind: str, params: dict, link: str, name: str = "") -> OutboxMail:
    title, body = render(kind, params, language)
    with force_locale(language):
        text = render_template("emails/notification.txt", name=name, title=title, body=body,
                               link=_absolute(link))
    mail = OutboxMail(to=to, language=language, kind=kind, subject=title, body=text)
    db.session.add(mail)
    db.session.flush()
    deliver(mail)
    return mail


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
        mail.sent_at = clock.now()
    except (OSError, smtplib.SMTPException) as error:
        mail.error = repr(error)
        raise


def email_notification(notification_id: int) -> None:
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        return
    from portal.accounts.models import User

    user = db.session.get(User, notification.user_id)
    _queue_mail(user.email, user.language, notification.kind, notification.params, notification.link,
                name=user.name)


def email_address(email: str, language: str, kind: str, params: dict, link: str) -> None:
    _queue_mail(email, language, kind, params, link)
