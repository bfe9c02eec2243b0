from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app, render_template, url_for
from flask_babel import force_locale, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select, update

from portal import audit, clock
from portal.errors import OperationError
from portal.extensions import db
from portal.features import notification_kinds
from portal.jobs import after_commit
from portal.notifications import rules
from portal.notifications.models import Notification, NotificationPreference, OutboxMail
from portal.notifications.registry import is_essential, render
from portal.notifications.rules import Frequency


def notify(recipients: Iterable, kind: str, *, params: dict | None = None, link: str = "",
           organisation=None) -> list[Notification]:
    """An inbox line for each recipient, and an email in their language once the transaction commits: at once, or
    in their daily or weekly digest, as each chose for this kind (nothing for those who turned it off)."""
    if kind not in notification_kinds():
        raise KeyError(f"unknown notification kind {kind}")
    people = {}
    for user in recipients:
        if user is not None and user.active:
            people.setdefault(user.id, user)
    chosen = {} if is_essential(kind) or not people else dict(db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.frequency)
        .where(NotificationPreference.kind == kind, NotificationPreference.user_id.in_(people))).all())
    created = []
    for user_id in people:
        frequency = rules.effective(chosen.get(user_id), is_essential(kind))
        if frequency == Frequency.off:
            continue
        notification = Notification(
            user_id=user_id, kind=kind, params=params or {}, link=link,
            organisation_id=organisation.id if organisation is not None else None,
            digest=frequency.value if frequency in rules.DIGESTS else None,
        )
        db.session.add(notification)
        created.append(notification)
    db.session.flush()
    for notification in created:
        if notification.digest is None:
            after_commit("portal.notifications.jobs.email_notification", notification.id)
    return created


def set_preferences(user, choices: dict, *, actor) -> dict:
    """A person's choice for each kind ({kind: Frequency}); essential kinds are not theirs to change. Returns what
    changed ({kind: [before, after]})."""
    if actor is None or actor.id != user.id:
        raise PermissionError("one's own preferences only")
    kinds = notification_kinds()
    unknown = [kind for kind, frequency in choices.items()
               if kind not in kinds or kinds[kind].essential or frequency not in set(Frequency)]
    if unknown:
        raise OperationError(_l("Choose among the options offered."))
    rows = {row.kind: row for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    changes = {}
    for kind, frequency in choices.items():
        row = rows.get(kind)
        before = row.frequency if row is not None else Frequency.immediate.value
        if before == frequency:
            continue
        changes[kind] = [before, str(frequency)]
        if frequency == Frequency.immediate:
            db.session.delete(row)
        elif row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, frequency=str(frequency)))
        else:
            row.frequency = str(frequency)
    if changes:
        audit.record("notifications.preferences_changed", target=user, actor=actor, changes=changes)
    return changes


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


def preferences_link() -> str:
    """The page where a person chooses which e-mails they receive: the foot of every e-mail."""
    return _absolute(url_for("notifications.preferences"))


def queue_mail(to: str, language: str, kind: str, params: dict, link: str, name: str = "") -> OutboxMail:
    """An e-mail in the recipient's language, kept in the outbox (where it stays without MAIL_URL)."""
    title, body = render(kind, params, language)
    title = " ".join(title.split())         # a subject is one line, whatever a person wrote in its values
    with force_locale(language):
        text = render_template("emails/notification.txt", name=name, title=title, body=body, link=_absolute(link),
                               preferences=preferences_link())
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


# Digests ----------------------------------------------------------------------------------------------------------

def _pending(frequency: str, before):
    return (Notification.digest == frequency, Notification.digest_sent_at.is_(None), Notification.created_at < before)


def _digest_mail(person, frequency: str, items: list, now) -> dict:
    """One person's digest: every notification waiting for it, in their language, oldest first."""
    language = person.language
    lines = []
    for kind, params, link in items:
        title, _body = render(kind, params, language)
        lines.append((title, _absolute(link)))
    with force_locale(language):
        if frequency == Frequency.daily:
            subject = ngettext("Your daily digest: %(num)d notification", "Your daily digest: %(num)d notifications",
                               len(lines))
        else:
            subject = ngettext("Your weekly digest: %(num)d notification",
                               "Your weekly digest: %(num)d notifications", len(lines))
        text = render_template("emails/digest.txt", name=person.name, subject=subject, lines=lines,
                               preferences=preferences_link())
    return {"to": person.email, "language": language, "kind": f"digest.{frequency}", "subject": subject,
            "body": text, "created_at": now}


def send_digests(now=None) -> int:
    """From 7:00 in Brussels, one e-mail to each person whose notifications wait for their daily digest (every
    day) or weekly digest (on Mondays), grouping all that came before today; each notification goes in one digest
    only. Returns how many e-mails were written to the outbox."""
    now = now or clock.now()
    today = clock.brussels_date(now)
    if clock.in_brussels(now).hour < rules.DIGEST_HOUR:
        return 0
    before, written = clock.at_brussels(today), 0
    person_model = Notification.user.property.mapper.class_      # portal.accounts' User, a layer above
    for frequency in rules.DIGESTS:
        if rules.digest_period(frequency, today) is None:
            continue
        waiting = {}
        for user_id, kind, params, link in db.session.execute(
                select(Notification.user_id, Notification.kind, Notification.params, Notification.link)
                .where(*_pending(frequency, before)).order_by(Notification.user_id, Notification.created_at,
                                                              Notification.id)):
            if kind in notification_kinds():
                waiting.setdefault(user_id, []).append((kind, params, link))
        if not waiting:
            continue
        people = db.session.execute(select(person_model.id, person_model.email, person_model.name,
                                           person_model.language)
                                    .where(person_model.id.in_(waiting), person_model.active.is_(True))).all()
        mails = [_digest_mail(person, frequency, waiting[person.id], now) for person in people]
        if mails:
            db.session.execute(insert(OutboxMail), mails)
        db.session.execute(update(Notification).where(*_pending(frequency, before)).values(digest_sent_at=now))
        written += len(mails)
    if written and current_app.config.get("MAIL_URL"):
        after_commit("portal.notifications.jobs.deliver_digests")
    return written


def erase_old_mails(now) -> int:
    """The retention schedule: the outbox keeps an e-mail RETENTION_OUTBOX_DAYS (its links and its words are
    personal), then forgets it. Housekeeping of a copy, not a state change of a dossier: not audited."""
    before = now - timedelta(days=current_app.config["RETENTION_OUTBOX_DAYS"])
    return db.session.execute(delete(OutboxMail).where(OutboxMail.created_at < before)).rowcount
