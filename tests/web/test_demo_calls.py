"""The demo's calls: one at each step of a call's life, consistent, and loaded once however often `load()` runs."""
from datetime import timedelta

from sqlalchemy import func, select

from calls.applications.models import Application
from calls.applications.rules import content_digest
from calls.applications.workflow import ApplicationStatus
from calls.models import Call, Question
from calls.workflow import CallStatus
from portal import clock
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db

S = CallStatus


def _load():
    from portal.demo import load

    return load()


def _calls() -> dict:
    return {call.status: call for call in db.session.scalars(select(Call).order_by(Call.id))}


def _applications(call, status=None) -> list[Application]:
    query = select(Application).where(Application.call_id == call.id)
    if status is not None:
        query = query.where(Application.status == status)
    return list(db.session.scalars(query))


def _history(call) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.target_type == "calls", AuditEvent.target_id == call.id).order_by(AuditEvent.at, AuditEvent.id)))


def test_there_is_a_call_at_each_step(app_context):
    _load()
    calls = _calls()
    assert {S.draft, S.submitted, S.returned, S.published, S.evaluation, S.decided, S.cancelled} <= set(calls)
    # The demo owner accounts (Comensia) see a call to finish, one at the Guichet, one sent back and one open.
    assert {calls[s].owner.slug for s in (S.draft, S.submitted, S.returned, S.published)} == {"comensia"}
    assert calls[S.returned].status_reason and calls[S.cancelled].status_reason
    assert _history(calls[S.returned])[-1] == "call.returned"
    for call in calls.values():
        assert sum(c.weight for c in call.criteria) == 100, call.title_fr
        assert call.title_nl and call.description_nl and all(c.label_nl and c.guidance_nl for c in call.criteria)
        assert all(c.text_fr and c.text_nl for c in call.conditions)
        # Every call sent to the Guichet says how to contest its decision (the draft may not yet).
        assert call.states_appeal or call.status == S.draft, call.title_fr


def test_the_open_call_has_questions_and_applications(app_context):
    _load()
    call = _calls()[S.published]
    today = clock.today()
    deadline = call.submission_deadline.astimezone(clock.BRUSSELS).date()
    assert deadline == today + timedelta(days=21)
    assert call.questions_deadline == call.submission_deadline - timedelta(days=7)
    assert call.decision_on == deadline + timedelta(days=30)
    assert call.scale == 5 and len(call.criteria) in (3, 4) and len(call.conditions) == 2 and call.visits
    assert call.support_fr and call.support_nl and call.support_amount
    assert call.min_social_share is not None and call.min_use_categories is not None
    questions = list(db.session.scalars(select(Question).where(Question.call_id == call.id)))
    assert any(q.answer_fr and q.answer_nl and q.answered_at for q in questions)
    assert any(q.answered_at is None for q in questions)
    drafts = {a.applicant.slug for a in _applications(call, ApplicationStatus.draft)}
    assert {"l-ilot", "communa"} <= drafts
    submitted = _applications(call, ApplicationStatus.submitted)
    assert submitted and all(a.digest == content_digest(a.content()) for a in submitted)
    # Through the operations: the history is the real one.
    assert _history(call)[:4] == ["call.created", "call.submitted", "call.approved", "call.published"]


def test_the_call_under_evaluation_has_three_complete_applications(app_context):
    _load()
    call = _calls()[S.evaluation]
    now = clock.now()
    assert call.submission_deadline < now
    assert call.submission_deadline.astimezone(clock.BRUSSELS).date() >= clock.today() - timedelta(days=7)
    submitted = _applications(call, ApplicationStatus.submitted)
    assert len({a.organisation_id for a in submitted}) >= 3
    offered = {u.unit_id for u in call.units}
    for application in submitted:
        assert application.digest == content_digest(application.content())
        assert application.submitted_at < call.submission_deadline
        assert application.use_category and application.occupant_type and application.summary
        assert set(application.requested_units) <= offered and application.requested_units
        assert set(application.answers) == {str(c.id) for c in call.criteria}
        assert set(application.statements) == {str(c.id) for c in call.conditions}
    history = db.session.execute(select(AuditEvent.action, AuditEvent.at).where(
        AuditEvent.target_type == "calls", AuditEvent.target_id == call.id).order_by(AuditEvent.at)).all()
    assert [action for action, _ in history][:3] == ["call.created", "call.submitted", "call.published"]
    actions = [action for action, _ in history]
    assert actions.index("call.closed") < actions.index("evaluation.evaluators_assigned")
    assert all(at <= now for _, at in history)


def test_one_call_is_under_evaluation_and_one_is_decided_with_its_report(app_context):
    from calls.evaluation.pdf import report_html
    from calls.evaluation.queries import board

    _load()
    calls = _calls()
    running = board(calls[S.evaluation])
    assert len(running.evaluators) == 2 and all(e.declared_at for e in running.evaluators)
    assert sum(len(running.conflicts(e.id)) for e in running.evaluators) == 1          # a conflict declared
    assert "sheets" in running.problems()                                              # some scores in, not all
    assert any(line.submitted for line in running.lines)
    decided = board(calls[S.decided])
    assert decided.decision is not None and not decided.problems() and decided.mix.ok
    assert [line.application.applicant.slug for line in decided.selection] == ["new-samusocial"]
    assert str(decided.threshold) == "88.00"
    statuses = {line.application.applicant.slug: line.application.status for line in decided.lines}
    assert statuses == {"new-samusocial": ApplicationStatus.selected, "diogenes": ApplicationStatus.not_selected,
                        "smes": ApplicationStatus.ineligible}
    # Dated as it happened: the decision a month after the deadline, not the day the demo was loaded.
    assert decided.decision.decided_at < clock.now() - timedelta(days=30)
    # Its reasons in each language, each read by the applicants of that language only.
    assert "New Samusocial" in decided.decision.reasons_fr and "Het College" in decided.decision.reasons_nl
    assert "Het College" not in decided.decision.reasons_fr
    assert "Evaluatieverslag" in report_html(calls[S.decided], "nl")


def test_loading_twice_changes_nothing(app_context):
    _load()
    db.session.commit()

    def counts():
        return [db.session.scalar(select(func.count()).select_from(model))
                for model in (Call, Application, Question, AuditEvent, User)]

    before = counts()
    _load()
    assert counts() == before


def test_the_command_loads_the_calls(app):
    """`flask demo load` runs outside any request: the notifications' links must still be built."""
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "editor@communa.demo.entretemps.brussels" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Call)) >= 6


def test_the_public_list_shows_the_published_calls_only(app, client):
    with app.test_request_context():
        _load()
        calls = {status: (call.id, call.title_fr) for status, call in _calls().items()}
    page = client.get("/calls", headers={"Accept-Language": "fr"}).get_data(as_text=True).replace("&#39;", "'")
    assert calls[S.published][1].split(" : ")[1] in page
    assert calls[S.draft][1].split(" : ")[1] not in page
    detail = client.get(f"/calls/{calls[S.published][0]}", headers={"Accept-Language": "fr"})
    assert detail.status_code == 200
    assert "Comensia remet l" in detail.get_data(as_text=True).replace("&#39;", "'")
