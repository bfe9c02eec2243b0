"""Notification preferences and digests (issue 20): each person chooses, per kind, an e-mail at once, a daily or a
weekly digest, or nothing; the kinds about their own deadlines and signatures always come at once; a digest is one
e-mail per person and period, in their language, grouping what came before the day it is sent (from 7:00 in
Brussels, weekly on Mondays), never twice; every e-mail links to the choices. The clock is frozen."""
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification, NotificationPreference
from portal.notifications.operations import notify, send_digests
from tests.support.web import count, field_error, outbox

MONDAY = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)          # 7:00 in Brussels
LAST_WEEK = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _notify(app, user_id, kind="call.published", n=1, **params):
    with app.test_request_context():
        user = db.session.get(User, user_id)
        for number in range(n):
            notify([user], kind, params={"call": {"fr": f"Appel {number}", "nl": f"Oproep {number}"}, **params},
                   link=f"/calls/{number + 1}")
        db.session.commit()


def _prefer(app, user_id, **choices):
    with app.app_context():
        for kind, frequency in choices.items():
            db.session.add(NotificationPreference(user_id=user_id, kind=kind.replace("__", "."), frequency=frequency))
        db.session.commit()


def test_a_person_chooses_per_kind_and_the_essential_kinds_are_not_offered(app, client, world):
    client.login(world.owner_admin)
    page = client.get("/inbox/preferences").get_data(as_text=True)
    assert 'name="call__published"' in page and 'name="needs__match"' in page
    assert 'name="application__deadline_reminder"' not in page and 'name="agreement__sent"' not in page
    assert "always come at once" in page and "Agreement … to sign: …" in page
    response = client.post("/inbox/preferences", {"call__published": "weekly", "needs__match": "off",
                                                    "call__closed": "hourly"})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "call__closed")
    assert count(app, NotificationPreference) == 0                      # nothing half-saved
    page = client.get("/inbox/preferences").get_data(as_text=True)
    form = {name: "immediate" for name in __import__("re").findall(r'<select[^>]*name="(\w+)"', page)}
    form.update(call__published="weekly", needs__match="off", application__deadline_reminder="off")
    assert client.post("/inbox/preferences", form).status_code == 303
    with app.app_context():
        chosen = dict(db.session.execute(select(NotificationPreference.kind, NotificationPreference.frequency)
                                         .where(NotificationPreference.user_id == world.owner_admin)).all())
        assert chosen == {"call.published": "weekly", "needs.match": "off"}   # the essential kind stays at once
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "notifications.preferences_changed")).one()
        assert event.changes["call.published"] == ["immediate", "weekly"]
    assert '<option selected value="weekly">' in client.get("/inbox/preferences").get_data(as_text=True)


def test_off_tells_nothing_a_digest_waits_and_essential_kinds_come_at_once(app, world, jobs):
    _prefer(app, world.owner_admin, call__published="off", call__closed="weekly",
            application__deadline_reminder="off")                    # a forged row for an essential kind
    _notify(app, world.owner_admin, "call.published")
    _notify(app, world.owner_admin, "call.closed", count=3)
    _notify(app, world.owner_admin, "application.deadline_reminder", deadline="31/01/2027")
    jobs.run()
    with app.app_context():
        kinds = {n.kind: n.digest for n in db.session.scalars(select(Notification))}
    assert kinds == {"call.closed": "weekly", "application.deadline_reminder": None}
    mails = outbox(app, "owner.admin@example.org")
    assert len(mails) == 1 and "/inbox/preferences" in mails[0][3]       # the deadline's, with the link


def test_one_weekly_digest_per_person_on_monday_morning_never_twice(app, world, jobs):
    _prefer(app, world.owner_admin, call__published="weekly")
    _prefer(app, world.occupant_editor, call__published="weekly")       # reads Dutch
    _prefer(app, world.owner_editor, call__published="daily")
    with time_machine.travel(LAST_WEEK, tick=False):
        for user_id in (world.owner_admin, world.occupant_editor, world.owner_editor):
            _notify(app, user_id, "call.published", n=3)
    with time_machine.travel(MONDAY.replace(hour=5, minute=59), tick=False), app.test_request_context():
        assert send_digests() == 0                                       # 6:59 in Brussels: not yet
    with time_machine.travel(MONDAY, tick=False):
        _notify(app, world.owner_admin, "call.published")               # today's: next week's digest
        with app.test_request_context():
            assert send_digests() == 3                                   # two weekly, one daily
            db.session.commit()
            assert send_digests() == 0                                   # never twice
            db.session.commit()
    english = [m for m in outbox(app, "owner.admin@example.org") if m[2].startswith("Your weekly digest")]
    assert len(english) == 1 and english[0][2] == "Your weekly digest: 3 notifications"
    assert english[0][3].count("/calls/") == 3 and "Appel 2" in english[0][3]
    assert "/inbox/preferences" in english[0][3]
    [dutch] = outbox(app, "occupant.editor@example.org")
    assert dutch[1] == "nl" and "Oproep 0" in dutch[3] and dutch[2] != english[0][2]
    with app.app_context():
        waiting = db.session.scalars(select(Notification).where(Notification.digest_sent_at.is_(None),
                                                                Notification.digest.is_not(None))).all()
        assert [(n.user_id, n.digest) for n in waiting] == [(world.owner_admin, "weekly")]


def test_the_digest_sweep_is_a_periodic_job(app):
    from portal.features import periodic_jobs

    with app.app_context():
        assert ("portal.notifications.jobs.send_digests", 3600) in periodic_jobs()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_preferences_page_reads_in_french_and_dutch(client, world, language):
    client.login(world.owner_admin)
    page = client.get(f"/inbox/preferences?lang={language}").get_data(as_text=True)
    assert {"fr": "Les e-mails que vous recevez", "nl": "De e-mails die u ontvangt"}[language] in page
