"""The retention schedule (issue 21), each feature's daily sweep on a frozen clock: the outbox's e-mails after 90
days, invitations 30 days after they expired or were accepted, drafts 180 days after their call closed, and the
documents of applications not selected a year after the call's decision; each kept the day before."""
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from calls.applications.models import Application, Attachment
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision
from portal import uploads
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import OutboxMail
from portal.organisations.models import Invitation, Organisation
from portal.roles import OrganisationKind, Role
from tests.support.calls import make_application
from tests.support.evaluation import make_evaluation
from tests.support.factories import make_org
from tests.support.web import Jobs

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _sweep(app, path: str, moment: datetime) -> int:
    """The sweep at that moment, committed, and the jobs it queued run (a file's removal, through RQ with Redis)."""
    from importlib import import_module

    module, name = path.rsplit(".", 1)
    with time_machine.travel(moment, tick=False), app.test_request_context():
        done = getattr(import_module(module), name)()
        db.session.commit()
    Jobs(app).run()
    return done


def _rows(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_outbox_forgets_an_email_after_ninety_days(app, world):
    from portal.notifications.operations import queue_mail

    with time_machine.travel(T0, tick=False), app.test_request_context():
        queue_mail("someone@example.org", "fr", "user.password_changed", {"name": "Anne"}, "/account")
        db.session.commit()
    sweep = "portal.notifications.jobs.sweep_retention"
    assert _sweep(app, sweep, T0 + timedelta(days=90) - timedelta(minutes=1)) == 0
    assert _rows(app, OutboxMail, OutboxMail.to == "someone@example.org") == 1
    assert _sweep(app, sweep, T0 + timedelta(days=90, minutes=1)) == 1
    assert _rows(app, OutboxMail, OutboxMail.to == "someone@example.org") == 0


def test_an_invitation_goes_thirty_days_after_it_expired(app, world):
    from portal.accounts.models import User
    from portal.organisations import operations as org_ops

    with time_machine.travel(T0, tick=False), app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        org_ops.invite_member(owner, email="new.colleague@example.org", role=Role.editor, language="fr",
                              actor=db.session.get(User, world.owner_admin))
        db.session.commit()
        expires = db.session.scalar(select(Invitation.expires_at))
    sweep = "portal.organisations.jobs.sweep_retention"
    assert _sweep(app, sweep, expires + timedelta(days=30) - timedelta(minutes=1)) == 0
    assert _rows(app, Invitation) == 1
    assert _sweep(app, sweep, expires + timedelta(days=30, minutes=1)) == 1
    assert _rows(app, Invitation) == 0


def _attached(application, name: str) -> str:
    """A document kept for the application, its file written."""
    filename = f"{name}.pdf"
    (uploads.folder("attachments") / filename).write_bytes(b"%PDF-1.4 test %%EOF")
    db.session.add(Attachment(application_id=application.id, filename=filename, original_name=f"{name}.pdf",
                              mimetype="application/pdf", size=20, digest="0" * 64))
    return filename


def test_a_draft_to_a_call_closed_for_180_days_goes_with_its_documents(app, world):
    with time_machine.travel(T0, tick=False), app.test_request_context():
        ev = make_evaluation()      # a call closed yesterday, four applications submitted
        late = make_org("occupant-e", kind=OrganisationKind.occupant, name="Asbl E")
        draft = make_application(db.session.get(Application, ev.applications["a"]).call, late)
        db.session.flush()
        draft_id, filename = draft.id, _attached(draft, "draft-budget")
        db.session.commit()
        deadline = draft.call.submission_deadline
    sweep = "calls.applications.jobs.sweep_retention"
    assert _sweep(app, sweep, deadline + timedelta(days=180) - timedelta(minutes=1)) == 0
    assert _sweep(app, sweep, deadline + timedelta(days=180, minutes=1)) == 1
    with app.app_context():
        assert db.session.get(Application, draft_id) is None
        assert not (uploads.folder("attachments") / filename).exists()
        assert db.session.scalar(select(func.count()).select_from(Application)) == 4     # the submitted stay
        assert db.session.scalar(select(AuditEvent.changes).where(
            AuditEvent.action == "application.draft_erased", AuditEvent.target_id == draft_id)) == \
            {"documents": [1, 0]}


def test_the_documents_of_an_application_not_selected_go_a_year_after_the_decision(app, world):
    with time_machine.travel(T0, tick=False), app.test_request_context():
        ev = make_evaluation()
        chosen = db.session.get(Application, ev.applications["a"])
        refused = db.session.get(Application, ev.applications["b"])
        chosen.status, refused.status = ApplicationStatus.selected, ApplicationStatus.not_selected
        kept, gone = _attached(chosen, "chosen-plan"), _attached(refused, "refused-plan")
        db.session.add(Decision(call_id=ev.call, reasons_fr="Motifs", reasons_nl="Redenen", decided_at=T0))
        db.session.commit()
    sweep = "calls.evaluation.jobs.sweep_retention"
    assert _sweep(app, sweep, T0 + timedelta(days=365) - timedelta(minutes=1)) == 0
    assert _sweep(app, sweep, T0 + timedelta(days=365, minutes=1)) == 1
    with app.app_context():
        assert [a.filename for a in db.session.get(Application, ev.applications["a"]).attachments] == [kept]
        assert db.session.get(Application, ev.applications["b"]).attachments == []
        assert db.session.get(Application, ev.applications["b"]).status == ApplicationStatus.not_selected
        assert (uploads.folder("attachments") / kept).exists() and not (uploads.folder("attachments") / gone).exists()
    assert _rows(app, AuditEvent, AuditEvent.action == "application.documents_erased") == 1


def test_the_privacy_notice_states_the_schedule(client):
    page = client.get("/privacy").get_data(as_text=True)
    for text in ("deleted 365 days after the decision", "deleted 180 days after their call closed",
                 "a copy is kept 90 days", "deleted 30 days after they expired or were accepted",
                 "A daily task applies these periods"):
        assert text in page, text
