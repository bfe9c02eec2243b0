"""Health check, error pages, conflicts, the SQLite write lock, migrations, audit, jobs."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from portal.audit.models import AppendOnlyError, AuditEvent
from portal.extensions import db
from portal.jobs import after_commit, after_rollback, enqueue, schedule_at
from portal.notifications.models import OutboxMail
from portal.organisations.models import Organisation
from tests.support.environment import ON_POSTGRES
from tests.support.web import count


def write_mail(subject: str) -> None:
    """A job: leaves a trace that the test can read."""
    db.session.add(OutboxMail(to="job@example.org", language="fr", kind="test", subject=subject, body=""))


def test_health_check_answers_200_when_everything_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["checks"]["database"] == "ok"


def test_health_check_answers_503_when_the_database_does_not(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "unavailable"


def test_health_check_reports_redis(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # nobody listens there
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["checks"]["redis"] == "unavailable"


def test_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_post_without_csrf_token_is_refused_with_a_page(client, world):
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.pending}/approve", csrf=False)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_unknown_pages_and_forged_ids_answer_404(client, world):
    client.login(world.owner_admin)
    assert client.get("/o/no-such-org/").status_code == 404
    assert client.get("/guichet/organisations/abc").status_code == 404
    assert client.post("/o/owner-a/members/999999/remove").status_code == 404


def test_a_database_clash_is_a_conflict_page_not_a_500(app, client, world, monkeypatch):
    import portal.organisations.operations as ops

    def clash(*args, **kwargs):
        raise IntegrityError("UPDATE", {}, Exception("duplicate key"))

    monkeypatch.setattr(ops, "approve_organisation", clash)
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.pending}/approve")
    assert response.status_code == 409
    assert "same time" in response.get_data(as_text=True) or "même moment" in response.get_data(as_text=True)


def test_two_simultaneous_approvals_apply_once(app, make_client, world, monkeypatch):
    """Both requests read 'pending'; only one approval may happen, the other gets a clear refusal."""
    import portal.organisations.operations as ops

    barrier = threading.Barrier(2, timeout=2)
    original = ops.transition

    def transition_together(obj, target):
        try:
            barrier.wait()  # on PostgreSQL both have read the row; on SQLite the second waits for the lock
        except threading.BrokenBarrierError:
            pass
        return original(obj, target)

    monkeypatch.setattr(ops, "transition", transition_together)
    clients = [make_client().login(world.guichet_moderator) for _ in range(2)]
    tokens = [c.csrf() for c in clients]
    statuses = []

    def approve(c, token):
        statuses.append(c.post(f"/guichet/organisations/{world.pending}/approve", {"csrf_token": token}).status_code)

    threads = [threading.Thread(target=approve, args=pair) for pair in zip(clients, tokens, strict=False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(statuses) in ([303, 403], [303, 409]), statuses
    assert count(app, AuditEvent, action="organisation.approved") == 1


@pytest.mark.skipif(ON_POSTGRES, reason="the write lock taken up front is SQLite's answer to concurrent writers")
def test_sqlite_write_transactions_take_the_lock_up_front(app):
    from portal.database import write_intent

    with app.app_context():
        engine = db.engine
        first = engine.connect()
        first.begin()  # BEGIN IMMEDIATE: the write lock, before any read
        second = engine.connect()
        second.connection.dbapi_connection.execute("PRAGMA busy_timeout=100")  # no transaction yet
        try:
            with pytest.raises(OperationalError, match="locked"):
                second.begin()
            second.rollback()
            token = write_intent.set(False)
            try:
                reader = engine.connect()
                reader.begin()  # a reading transaction is not blocked by the writer (WAL)
                assert reader.execute(text("SELECT count(*) FROM users")).scalar() == 0
                reader.close()
            finally:
                write_intent.reset(token)
        finally:
            first.close()
            second.close()
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_audit_events_cannot_be_changed_or_deleted(app, world):
    from portal import audit

    with app.test_request_context():
        organisation = db.session.get(Organisation, world.owner)
        event = audit.record("organisation.updated", target=organisation, changes={"name_fr": ["a", "b"]})
        db.session.commit()
        event.reason = "rewritten history"
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, event.id))
        with pytest.raises(AppendOnlyError):
            db.session.commit()
        db.session.rollback()


def test_an_audit_entry_names_only_an_organisation_its_actor_acts_for(app, world):
    """Issue 17, item 5, at its root: an entry took the organisation its caller passed (a report's owner, for the
    occupant's staff) even when the actor was no member of it. The request's organisation, then the one given,
    then the dossier's parties: the first the actor belongs to; none rather than a wrong one. The system (no actor)
    acts for the organisation given."""
    from flask import g

    from portal import audit
    from portal.accounts.models import User

    with app.test_request_context():
        owner, occupant = db.session.get(Organisation, world.owner), db.session.get(Organisation, world.occupant)
        otto = db.session.get(User, world.occupant_admin)

        def acted_for(**kwargs):
            return audit.record("organisation.updated", target=owner, **kwargs).organisation_id

        assert acted_for(actor=otto, organisation=owner) is None
        assert acted_for(actor=otto, organisation=owner, parties=(owner, occupant)) == occupant.id
        assert acted_for(actor=otto, parties=(occupant, owner)) == occupant.id
        assert acted_for(organisation=owner) == owner.id                          # the system, for the owner
        assert acted_for() is None
        g.organisation = occupant                                                 # Otto acts for the occupant
        assert acted_for(actor=otto, organisation=owner) == occupant.id
        assert acted_for(actor=db.session.get(User, world.owner_admin), organisation=owner) == owner.id
        assert acted_for(actor=db.session.get(User, world.guichet_admin)) is None
        assert acted_for() == occupant.id
        db.session.rollback()


def test_jobs_after_commit_run_only_if_the_transaction_commits(app, jobs):
    with app.app_context():
        after_commit(write_mail, "kept")
        db.session.add(OutboxMail(to="x@example.org", language="fr", kind="test", subject="row", body=""))
        db.session.commit()
        after_commit(write_mail, "dropped")
        db.session.rollback()
        db.session.commit()  # a later commit does not resurrect the dropped job
    jobs.run()
    with app.app_context():
        subjects = set(db.session.scalars(select(OutboxMail.subject).where(OutboxMail.to == "job@example.org")))
    assert subjects == {"kept"}


def test_enqueue_runs_the_job(app, jobs):
    with app.app_context():
        enqueue(write_mail, "enqueued")
    jobs.run()
    assert count(app, OutboxMail, subject="enqueued") == 1


def test_schedule_at_runs_the_job_when_its_time_comes(app, jobs):
    if app.config.get("REDIS_URL"):
        from portal.jobs.queue import rq_queue

        with app.app_context():
            job = schedule_at(datetime(2030, 1, 1, tzinfo=UTC), write_mail, "later", key="test-later")
            assert job.id in rq_queue().scheduled_job_registry.get_job_ids()
            moved = schedule_at(datetime(2031, 1, 1, tzinfo=UTC), write_mail, "later", key="test-later")
            assert rq_queue().scheduled_job_registry.get_job_ids() == [moved.id]       # moved, not doubled
            # Another deployment on the same Redis (another queue) schedules the same key: ours stays.
            ours = app.config["RQ_QUEUE"]
            app.config["RQ_QUEUE"] = f"{ours}-other"
            try:
                theirs = schedule_at(datetime(2031, 1, 1, tzinfo=UTC), write_mail, "theirs", key="test-later")
                rq_queue().scheduled_job_registry.remove(theirs.id, delete_job=True)
            finally:
                app.config["RQ_QUEUE"] = ours
            assert theirs.id != moved.id and rq_queue().scheduled_job_registry.get_job_ids() == [moved.id]
        return
    start = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        with app.app_context():
            schedule_at(start + timedelta(hours=2), write_mail, "later", key="test-later")
            schedule_at(start + timedelta(hours=1), write_mail, "later", key="test-later")  # moved, not doubled
            db.session.commit()
        assert jobs.run() == 0
    with time_machine.travel(start + timedelta(hours=1, minutes=1), tick=False):
        assert jobs.run() == 1
        assert jobs.run() == 0  # done once
    assert count(app, OutboxMail, subject="later") == 1


def test_with_mail_url_emails_go_through_smtp(app, monkeypatch, world):
    import smtplib

    from portal.notifications.jobs import email_address

    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user, password))

        def send_message(self, message):
            sent.append(("message", message["To"], message["Subject"], message.get_content()))

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_URL", "smtp://mailer:s%40cret@mail.example.org:2525?starttls")
    with app.test_request_context():
        email_address("dest@example.org", "nl", "organisation.approved", {"organisation": {"fr": "A", "nl": "B"}},
                      "/o/x/")
        db.session.commit()
        mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == "dest@example.org"))
        assert mail.sent_at is not None
    assert sent[0] == ("connect", "mail.example.org", 2525)
    assert ("starttls",) in sent and ("login", "mailer", "s@cret") in sent
    kind, to, subject, body = sent[-1]
    assert (to, subject) == ("dest@example.org", "B is goedgekeurd")
    assert "http://portal.test/o/x/" in body


def test_sign_in_attempts_are_rate_limited_per_address(app, make_client, world, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNIN_LIMIT_PER_ADDRESS", "3 per 15 minutes")
    client = make_client()
    statuses = [client.post("/login", {"email": f"someone{n}@example.org", "password": "wrong-password-1"}).status_code
                for n in range(4)]
    assert statuses == [422, 422, 422, 429]
    response = client.post("/login", {"email": "x@example.org", "password": "y"})
    assert "Too many attempts" in response.get_data(as_text=True)


def forget(trace: list, name: str) -> None:
    """A clean-up: leaves a trace that the test can read."""
    trace.append(name)


def test_a_savepoint_hands_its_jobs_to_the_enclosing_transaction_and_drops_only_its_own(app, jobs):
    """A sweep gives each item a savepoint: releasing one runs nothing yet, rolling one back drops only its jobs
    and cleans up only its files; the others run once, when the job's one transaction commits."""
    forgotten: list[str] = []
    with app.app_context():
        after_commit(write_mail, "before")
        with db.session.begin_nested():
            after_commit(write_mail, "released")
        assert not db.session.scalar(select(OutboxMail.id).where(OutboxMail.subject == "released"))  # not yet
        with pytest.raises(ValueError), db.session.begin_nested():
            after_commit(write_mail, "rolled back")
            after_rollback(forget, forgotten, "rolled back")
            raise ValueError
        assert forgotten == ["rolled back"]
        with db.session.begin_nested():
            after_rollback(forget, forgotten, "kept")
            with pytest.raises(ValueError), db.session.begin_nested():
                after_commit(write_mail, "inner rolled back")
                raise ValueError
            after_commit(write_mail, "after the inner")
        db.session.commit()
    jobs.run()
    with app.app_context():
        subjects = set(db.session.scalars(select(OutboxMail.subject).where(OutboxMail.to == "job@example.org")))
    assert subjects == {"before", "released", "after the inner"}
    assert forgotten == ["rolled back"]                               # the committed work's clean-up never ran


def test_a_rollback_with_savepoints_open_drops_everything(app, jobs):
    forgotten: list[str] = []
    with app.app_context():
        after_commit(write_mail, "outer")
        after_rollback(forget, forgotten, "outer")
        db.session.begin_nested()
        after_commit(write_mail, "inner")
        after_rollback(forget, forgotten, "inner")
        db.session.rollback()
        db.session.commit()
    jobs.run()
    assert count(app, OutboxMail, to="job@example.org") == 0
    assert sorted(forgotten) == ["inner", "outer"]
