"""Appeals and the standstill (issue 21), through the pages: an applicant contests the decision within the call's
delay (late: refused beside the field), the call's agreements wait during the standstill and while an appeal waits
for its answer, the owner's admin rejects it with reasons or upholds it, which reopens the evaluation until a new
decision is told to every applicant; the Guichet reads every appeal; the call's page says where things stand."""
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from sqlalchemy import func, select

from calls.appeals.models import Appeal
from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision, ScoreSheet
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.agreements import operations as agreement_ops
from occupancies.agreements.models import Agreement
from occupancies.agreements.queries import terms_from_application
from portal import clock
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.evaluation import propose, record_decision, scored_evaluation
from tests.support.sites import PDF
from tests.support.web import Jobs, count, field_error

REASONS = "Le critère d'ancrage local n'a pas tenu compte de nos dix ans d'activité dans le quartier."


@pytest.fixture
def decided(app, world, make_client):
    """owner-a's call, stating a 15-day appeal and a 10-day standstill, decided through its pages: A and B selected,
    D not, C not eligible."""
    evaluation, clients = scored_evaluation(app, world, make_client)
    with app.app_context():
        call = db.session.get(Call, evaluation.call)
        call.appeal_body_fr, call.appeal_body_nl = "le collège communal", "het college"
        call.appeal_days, call.standstill_days = 15, 10
        db.session.commit()
    assert propose(clients.admin, evaluation, {"a": [0, 1], "b": [2]}).status_code == 303
    assert record_decision(clients.admin, evaluation).status_code == 303
    # Dirk, occupant-d's admin, reads Dutch: the applicant's pages below are his.
    return SimpleNamespace(ev=evaluation, **vars(clients), d_admin=make_client().login(evaluation.occupant_d_admin))


def _lodge(client, decided, data=None):
    return client.post(f"/o/occupant-d/appeals/new/{decided.ev.applications['d']}",
                       data if data is not None else {"reasons": REASONS})


def _draft_for_a(app, world, decided) -> int:
    with app.test_request_context():
        application = db.session.get(Application, decided.ev.applications["a"])
        agreement = agreement_ops.draft_agreement(
            db.session.get(Organisation, world.owner), application.call.site, application.applicant,
            terms_from_application(application), actor=db.session.get(User, world.owner_editor),
            application=application)
        db.session.commit()
        return agreement.id


def test_an_applicant_lodges_an_appeal_in_time_and_the_owner_and_the_guichet_are_told(app, world, decided):
    form = decided.d_admin.get(f"/o/occupant-d/appeals/new/{decided.ev.applications['d']}")
    assert form.status_code == 200 and "De beslissing betwisten" in form.get_data(as_text=True)
    empty = _lodge(decided.d_admin, decided, {"reasons": " "})
    assert empty.status_code == 422
    assert "Leg uit waarom u de beslissing betwist" in field_error(empty.get_data(as_text=True), "reasons")
    assert count(app, Appeal) == 0
    response = _lodge(decided.d_admin, decided, {"reasons": REASONS, "document": (io.BytesIO(PDF), "preuves.pdf")})
    assert response.status_code == 303
    with app.app_context():
        appeal = db.session.scalar(select(Appeal))
        assert appeal.status == "lodged" and appeal.document_name == "preuves.pdf" and appeal.reasons == REASONS
        told = {n.user_id for n in db.session.scalars(select(Notification).where(Notification.kind == "appeal.lodged"))}
    assert {world.owner_admin, world.owner_editor, world.guichet_admin, world.guichet_moderator} <= told
    assert count(app, AuditEvent, action="appeal.lodged") == 1
    page = decided.admin.get(f"/o/owner-a/appeals/{appeal.id}").get_data(as_text=True)
    assert REASONS.replace("'", "&#39;") in page and 'id="answer-form"' in page
    assert decided.admin.get(f"/o/owner-a/appeals/{appeal.id}/document").status_code == 200
    # A second appeal of the same application waits for the first's answer.
    again = _lodge(decided.d_admin, decided)
    assert again.status_code == 422
    assert "wacht al op het antwoord" in field_error(again.get_data(as_text=True), "reasons")


def test_an_appeal_after_the_delay_is_refused_beside_the_field(app, world, decided, make_client):
    with time_machine.travel(clock.now() + timedelta(days=30), tick=False):          # well past the 15 days
        client = make_client().login(decided.ev.occupant_d_admin)
        late = _lodge(client, decided)
    assert late.status_code == 422
    message = field_error(late.get_data(as_text=True), "reasons")
    assert "De termijn om deze beslissing te betwisten verstreek op" in message
    assert count(app, Appeal) == 0


def test_the_agreements_wait_for_the_standstill_and_for_an_appeal_to_be_answered(app, world, decided, make_client):
    agreement_id = _draft_for_a(app, world, decided)
    send = f"/o/owner-a/agreements/{agreement_id}/send"
    page = decided.editor.get(f"/o/owner-a/agreements/{agreement_id}").get_data(as_text=True)
    assert 'id="signature-hold"' in page and "standstill" in page
    assert decided.editor.post(send).status_code == 303
    with app.app_context():
        assert db.session.get(Agreement, agreement_id).status == "draft"         # refused: still a draft
    assert _lodge(decided.d_admin, decided).status_code == 303
    with time_machine.travel(clock.now() + timedelta(days=11), tick=False):     # the standstill is over…
        editor = make_client().login(world.owner_editor)
        assert "An appeal against the decision" in editor.get(
            f"/o/owner-a/agreements/{agreement_id}").get_data(as_text=True)
        editor.post(send)
        with app.app_context():
            assert db.session.get(Agreement, agreement_id).status == "draft"     # …but the appeal waits
            appeal_id = db.session.scalar(select(Appeal.id))
        admin = make_client().login(world.owner_admin)
        answered = admin.post(f"/o/owner-a/appeals/{appeal_id}", {"outcome": "rejected",
                                                                  "answer": "Le critère a été appliqué."})
        assert answered.status_code == 303
        assert editor.post(send).status_code == 303
        with app.app_context():
            assert db.session.get(Agreement, agreement_id).status == "sent"


def test_the_owners_admin_rejects_an_appeal_with_reasons_and_the_applicant_reads_them(app, world, decided,
                                                                                         make_client):
    assert _lodge(decided.d_admin, decided).status_code == 303
    with app.app_context():
        appeal_id = db.session.scalar(select(Appeal.id))
    url = f"/o/owner-a/appeals/{appeal_id}"
    assert decided.editor.post(url, {"outcome": "rejected", "answer": "Non."}).status_code == 403
    refused = decided.admin.post(url, {"answer": " "})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "Give the reasons of your answer" in field_error(html, "answer") and 'id="outcome-error"' in html
    assert decided.admin.post(url, {"outcome": "rejected",
                                    "answer": "Le critère a été appliqué à tous."}).status_code == 303
    page = decided.d_admin.get(f"/o/occupant-d/appeals/{appeal_id}").get_data(as_text=True)
    assert "Le critère a été appliqué à tous." in page and 'id="answer"' in page     # in Dirk's Dutch page
    with app.app_context():
        assert db.session.get(Call, decided.ev.call).status == CallStatus.decided
        told = db.session.scalar(select(func.count(Notification.id)).where(
            Notification.kind == "appeal.rejected", Notification.user_id == decided.ev.occupant_d_admin))
    assert told == 1
    assert decided.admin.post(url, {"outcome": "upheld", "answer": "Finalement oui."}).status_code == 403   # once


def test_an_upheld_appeal_reopens_the_evaluation_until_a_new_decision_tells_every_applicant(app, world, decided):
    assert _lodge(decided.d_admin, decided).status_code == 303
    with app.app_context():
        appeal_id = db.session.scalar(select(Appeal.id))
        before = db.session.scalar(select(func.count(Notification.id)))
    assert decided.admin.post(f"/o/owner-a/appeals/{appeal_id}", {
        "outcome": "upheld", "answer": "Le critère d'ancrage a été mal appliqué."}).status_code == 303
    with app.app_context():
        call = db.session.get(Call, decided.ev.call)
        assert call.status == CallStatus.evaluation
        assert db.session.scalar(select(Decision).where(Decision.call_id == call.id)) is None
        statuses = {a.status for a in db.session.scalars(select(Application).where(Application.call_id == call.id))}
        assert statuses == {ApplicationStatus.submitted}
        sheets = db.session.scalars(select(ScoreSheet).where(
            ScoreSheet.application_id == decided.ev.applications["d"])).all()
        assert sheets and all(sheet.submitted_at is None for sheet in sheets)
        evaluators = {n.user_id for n in db.session.scalars(
            select(Notification).where(Notification.kind == "appeal.reopened"))}
    assert {world.owner_evaluator, decided.ev.evaluator2} <= evaluators
    assert count(app, AuditEvent, action="call.reopened") == 1
    # The evaluators score D again; the admin records a new decision, and every applicant is told again.
    from tests.support.evaluation import give_scores

    assert give_scores(decided.eva, decided.ev, "d", [5, 5, 5]).status_code == 303
    assert give_scores(decided.sam, decided.ev, "d", [5, 5, 5]).status_code == 303
    assert propose(decided.admin, decided.ev, {"a": [0, 1], "d": [3]}).status_code == 303
    assert record_decision(decided.admin, decided.ev).status_code == 303
    with app.app_context():
        assert db.session.get(Application, decided.ev.applications["d"]).status == ApplicationStatus.selected
        kinds = [n.kind for n in db.session.scalars(select(Notification).order_by(Notification.id))][before:]
    assert sum(kind.startswith("evaluation.decided_") for kind in kinds) >= 4


def test_the_guichet_reads_every_appeal_and_the_calls_page_says_where_things_stand(app, world, decided,
                                                                                    make_client, client):
    public = client.get(f"/calls/{decided.ev.call}").get_data(as_text=True)
    assert 'id="appeals-standing"' in public and "No appeal lodged." in public and "Standstill" in public
    assert _lodge(decided.d_admin, decided).status_code == 303
    with app.app_context():
        appeal_id = db.session.scalar(select(Appeal.id))
    public = client.get(f"/calls/{decided.ev.call}").get_data(as_text=True)
    assert "1 appeal waits for the owner" in public and "Asbl D" not in public.split('id="appeals-standing"')[1][:800]
    guichet = make_client().login(world.guichet_moderator)
    assert "Asbl D" in guichet.get("/guichet/appeals/").get_data(as_text=True)
    assert REASONS[:30] in guichet.get(f"/guichet/appeals/{appeal_id}").get_data(as_text=True).replace("&#39;", "'")
    # Nobody else reads it: another association, or owner-a's applicant A.
    assert make_client().login(world.other_occupant_admin).get(f"/o/occupant-b/appeals/{appeal_id}").status_code == 404
    assert make_client().login(world.occupant_admin).get(f"/o/occupant-a/appeals/{appeal_id}").status_code == 404


def test_the_demo_has_an_appeal_rejected_within_its_delay(app, client):
    from portal.demo import load

    with app.test_request_context():
        load()
        appeal = db.session.scalar(select(Appeal))
        assert appeal.status == "rejected" and appeal.applicant.slug != "new-samusocial"
        assert appeal.lodged_at < appeal.answered_at
        call_id = appeal.call_id
    assert "1 appeal rejected." in client.get(f"/calls/{call_id}").get_data(as_text=True)


def test_an_appeal_lodged_after_sending_holds_the_signature(app, world, decided, make_client):
    agreement_id = _draft_for_a(app, world, decided)
    with time_machine.travel(clock.now() + timedelta(days=11), tick=False):        # the standstill is over
        editor = make_client().login(world.owner_editor)
        assert editor.post(f"/o/owner-a/agreements/{agreement_id}/send").status_code == 303
        Jobs(app).run()
        with app.app_context():
            assert db.session.get(Agreement, agreement_id).status == "sent"
        dirk = make_client().login(decided.ev.occupant_d_admin)
        assert _lodge(dirk, decided).status_code == 303                         # day 11 of 15: in time
        occupant = make_client().login(world.occupant_admin)
        response = occupant.post(f"/o/occupant-a/agreements/{agreement_id}/sign",
                                 {"password": "Correct-horse-battery-9", "code": occupant.code()})
        assert response.status_code == 422 and "waits for its answer" in response.get_data(as_text=True)
        with app.app_context():
            assert db.session.get(Agreement, agreement_id).status == "sent"      # refused: the appeal waits


def test_an_upheld_appeal_holds_the_agreements_already_drafted_and_tells_the_selected(app, world, decided,
                                                                                       make_client):
    agreement_id = _draft_for_a(app, world, decided)
    assert _lodge(decided.d_admin, decided).status_code == 303
    with app.app_context():
        appeal_id = db.session.scalar(select(Appeal.id))
    assert decided.admin.post(f"/o/owner-a/appeals/{appeal_id}", {
        "outcome": "upheld", "answer": "Revu."}).status_code == 303
    with time_machine.travel(clock.now() + timedelta(days=20), tick=False):     # no standstill left to wait for
        editor = make_client().login(world.owner_editor)
        page = editor.get(f"/o/owner-a/agreements/{agreement_id}").get_data(as_text=True)
        assert "reopened after an appeal" in page
        editor.post(f"/o/owner-a/agreements/{agreement_id}/send")
    with app.app_context():
        assert db.session.get(Agreement, agreement_id).status == "draft"
        told = {n.user_id for n in db.session.scalars(
            select(Notification).where(Notification.kind == "appeal.decision_reopened"))}
    assert world.occupant_admin in told and decided.ev.occupant_d_admin not in told


def test_a_second_appeal_upheld_while_the_evaluation_is_open_reopens_its_sheets_only(app, world, decided,
                                                                                        make_client):
    assert _lodge(decided.d_admin, decided).status_code == 303
    c_admin = make_client().login(decided.ev.occupant_c_admin)
    assert c_admin.post(f"/o/occupant-c/appeals/new/{decided.ev.applications['c']}",
                        {"reasons": "Nos statuts sont publiés depuis mars."}).status_code == 303
    with app.app_context():
        first, second = db.session.scalars(select(Appeal.id).order_by(Appeal.id)).all()
    for appeal_id in (first, second):
        assert decided.admin.post(f"/o/owner-a/appeals/{appeal_id}", {
            "outcome": "upheld", "answer": "Accueilli."}).status_code == 303
    with app.app_context():
        assert [a.status for a in db.session.scalars(select(Appeal).order_by(Appeal.id))] == ["upheld", "upheld"]
        assert db.session.get(Call, decided.ev.call).status == CallStatus.evaluation
