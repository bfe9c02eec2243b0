"""Calls and applications through their operations, with a frozen clock (the pages come next)."""
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from calls import operations as ops
from calls import permissions as p
from calls.applications import operations as app_ops
from calls.applications import permissions as ap
from calls.applications.workflow import ApplicationStatus
from calls.jobs import sweep_calls
from calls.models import Call
from calls.workflow import CallStatus
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.errors import OperationError
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from portal.permissions import Denied
from tests.support.sites import make_site, make_unit
from tests.support.web import count

UTC = UTC
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2027, 1, 31, 11, 0, tzinfo=UTC)

VALUES = dict(title_fr="Appel Ransfort", title_nl="Oproep Ransfort", description_fr="…", description_nl="…",
              uses=["culture"], scale=5, publication_at=T0 + timedelta(days=1),
              questions_deadline=datetime(2027, 1, 15, 11, 0, tzinfo=UTC), submission_deadline=DEADLINE,
              decision_on=date(2027, 2, 28), occupancy_start=date(2027, 4, 1),
              appeal_body_fr="le Collège communal", appeal_body_nl="het College", appeal_days=30)
CRITERIA = [dict(label_fr="Projet", label_nl="Project", weight=50),
            dict(label_fr="Quartier", label_nl="Buurt", weight=30),
            dict(label_fr="Mixité", label_nl="Mix", weight=20)]
CONDITIONS = [dict(text_fr="Association sans but lucratif", text_nl="Vereniging zonder winstoogmerk")]


@pytest.fixture
def draft_call(app, world):
    """owner-a's call on two units of its school, drafted by its editor through the operations at T0; gives the ids
    of the call and the units."""
    with time_machine.travel(T0, tick=False), app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "École")
        units = [make_unit(site, "Rez"), make_unit(site, "Étage")]
        editor = db.session.get(User, world.owner_editor)
        call = ops.create_call(site, VALUES, criteria=CRITERIA, conditions=CONDITIONS,
                               unit_ids=[u.id for u in units], visits=[T0 + timedelta(days=10)], actor=editor)
        db.session.commit()
        return {"call": call.id, "units": [u.id for u in units]}


def users(*ids):
    return [db.session.get(User, i) for i in ids]


def test_weights_and_dates_are_checked_beside_their_fields(app, world):
    with time_machine.travel(T0, tick=False), app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "École")
        [editor] = users(world.owner_editor)
        # A draft may share its weights out later; it cannot be sent before they add up to 100.
        bad_weights = [dict(c, weight=40) for c in CRITERIA]
        draft = ops.create_call(site, VALUES, criteria=bad_weights, conditions=[], unit_ids=[], visits=[],
                                actor=editor)
        with pytest.raises(OperationError) as error:
            ops.submit_call(draft, actor=editor)
        assert error.value.field == "criteria" and "100" in str(error.value.message)
        db.session.rollback()
        with pytest.raises(OperationError) as error:
            ops.create_call(site, dict(VALUES, decision_on=date(2027, 1, 30)), criteria=CRITERIA, conditions=[],
                            unit_ids=[], visits=[], actor=editor)
        assert error.value.field == "decision_on"
        with pytest.raises(Denied):
            ops.create_call(site, VALUES, criteria=CRITERIA, conditions=[], unit_ids=[], visits=[],
                            actor=db.session.get(User, world.owner_evaluator))
        db.session.rollback()
    assert count(app, Call) == 0


def test_the_life_of_a_call_until_it_closes_by_itself(app, world, jobs, draft_call):
    with time_machine.travel(T0, tick=False), app.test_request_context():
        call = db.session.get(Call, draft_call["call"])
        editor, moderator, admin = users(world.owner_editor, world.guichet_moderator, world.owner_admin)
        ops.submit_call(call, actor=editor)
        ops.return_call(call, actor=moderator, reason="Précisez le soutien")
        assert p.can_edit_call(editor, call)
        ops.submit_call(call, actor=editor)
        ops.approve_call(call, actor=moderator)
        db.session.commit()
        assert call.status == CallStatus.approved   # public at its planned moment, a day later
        assert not p.can_edit_call(editor, call)  # frozen once approved
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        jobs.run_due(sweep_calls)
        with app.app_context():
            assert db.session.get(Call, draft_call["call"]).status == CallStatus.published
    with time_machine.travel(DEADLINE - timedelta(seconds=1), tick=False):
        jobs.run()
        with app.test_request_context():
            assert sweep_calls() == 0  # one second early: nothing closes
        with app.app_context():
            assert db.session.get(Call, draft_call["call"]).status == CallStatus.published
    with time_machine.travel(DEADLINE, tick=False):
        jobs.run_due(sweep_calls)
        with app.app_context():
            assert db.session.get(Call, draft_call["call"]).status == CallStatus.closed
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent).where(
            AuditEvent.target_type == "calls").order_by(AuditEvent.id))]
    assert actions == ["call.created", "call.submitted", "call.returned", "call.submitted", "call.approved",
                       "call.published", "call.closed"]


def published(app, world, draft_call):
    with time_machine.travel(T0, tick=False), app.test_request_context():
        call = db.session.get(Call, draft_call["call"])
        editor, moderator = users(world.owner_editor, world.guichet_moderator)
        ops.submit_call(call, actor=editor)
        ops.approve_call(call, actor=moderator)
        db.session.commit()
    with time_machine.travel(VALUES["publication_at"], tick=False), app.test_request_context():
        assert ops.publish_call(db.session.get(Call, draft_call["call"]))
        db.session.commit()


def answer_all(application, call):
    return {"summary": "Un atelier de quartier", "use_category": "culture", "occupant_type": "association",
            "requested_units": call_units(call), "answers": {str(c.id): "Réponse" for c in call.criteria},
            "statements": {str(c.id): "Oui" for c in call.conditions}}


def call_units(call):
    return [u.unit_id for u in call.units][:1]


def test_applications_are_sealed_frozen_and_refused_after_the_second_of_the_deadline(app, world, draft_call):
    published(app, world, draft_call)
    with time_machine.travel(T0 + timedelta(days=2), tick=False), app.test_request_context():
        call = db.session.get(Call, draft_call["call"])
        occupant = db.session.get(Organisation, world.occupant)
        editor, owner_admin, moderator = users(world.occupant_editor, world.owner_admin, world.guichet_moderator)
        application = app_ops.start_application(call, occupant, actor=editor)
        with pytest.raises(OperationError) as error:
            app_ops.submit_application(application, actor=editor)
        assert error.value.field == "summary"
        app_ops.save_application(application, answer_all(application, call), actor=editor)
        digest = app_ops.submit_application(application, actor=editor)
        assert len(digest) == 64 and application.status == ApplicationStatus.submitted
        assert not ap.can_edit_application(editor, application, T0 + timedelta(days=2))  # frozen
        app_ops.withdraw_application(application, actor=editor)
        app_ops.save_application(application, {"summary": "Un atelier corrigé"}, actor=editor)
        assert app_ops.submit_application(application, actor=editor) != digest
        # Sealed: the owner and the Guichet cannot read it before the deadline.
        assert not ap.can_read_application(owner_admin, application, DEADLINE - timedelta(seconds=1))
        assert ap.can_read_application(owner_admin, application, DEADLINE)
        assert ap.can_read_application(moderator, application, DEADLINE)
        assert not ap.can_read_application(db.session.get(User, world.other_owner_admin), application, DEADLINE)
        db.session.commit()
        application_id = application.id
    with time_machine.travel(DEADLINE, tick=False), app.test_request_context():
        from calls.applications.models import Application

        application = db.session.get(Application, application_id)
        [editor] = users(world.occupant_editor)
        with pytest.raises(Denied):
            app_ops.withdraw_application(application, actor=editor)
        with pytest.raises(Denied):
            app_ops.start_application(application.call, db.session.get(Organisation, world.other_occupant),
                                      actor=db.session.get(User, world.other_occupant_admin))


def test_an_addendum_moves_the_deadline_later_and_tells_followers_and_drafts(app, world, jobs, draft_call):
    published(app, world, draft_call)
    with time_machine.travel(T0 + timedelta(days=3), tick=False), app.test_request_context():
        call = db.session.get(Call, draft_call["call"])
        editor, occupant_editor, other_admin = users(world.owner_editor, world.occupant_editor,
                                                     world.other_occupant_admin)
        ops.ask_question(call, db.session.get(Organisation, world.other_occupant), text="Y a-t-il du chauffage ?",
                         actor=other_admin)  # asking follows the call
        app_ops.start_application(call, db.session.get(Organisation, world.occupant), actor=occupant_editor)
        with pytest.raises(OperationError) as error:
            ops.publish_addendum(call, text_fr="Report", text_nl="Uitstel",
                                 new_deadline=DEADLINE - timedelta(days=1), actor=editor)
        assert error.value.field == "new_deadline"
        ops.publish_addendum(call, text_fr="Report", text_nl="Uitstel", new_deadline=DEADLINE + timedelta(days=7),
                             actor=editor)
        db.session.commit()
        assert call.submission_deadline == DEADLINE + timedelta(days=7)
        told = {n.user_id for n in db.session.scalars(select(Notification).where(Notification.kind == "call.addendum"))}
    assert told == {world.occupant_admin, world.occupant_editor, world.other_occupant_admin}
    with time_machine.travel(DEADLINE + timedelta(hours=1), tick=False), app.test_request_context():
        assert sweep_calls() == 0  # the new deadline has not passed


def test_questions_are_answered_in_both_languages_and_followers_are_told(app, world, draft_call):
    published(app, world, draft_call)
    with time_machine.travel(T0 + timedelta(days=3), tick=False), app.test_request_context():
        call = db.session.get(Call, draft_call["call"])
        owner_editor, other_admin = users(world.owner_editor, world.other_occupant_admin)
        question = ops.ask_question(call, db.session.get(Organisation, world.other_occupant),
                                    text="Peut-on visiter le soir ?", actor=other_admin)
        with pytest.raises(OperationError) as error:
            ops.answer_question(question, call, answer_fr="Oui", answer_nl="", actor=owner_editor)
        assert error.value.field == "answer_nl"
        ops.answer_question(question, call, answer_fr="Oui, jusqu'à 20 h", answer_nl="Ja, tot 20 uur",
                            actor=owner_editor)
        db.session.commit()
        assert question.answered_at is not None
        told = {n.user_id for n in db.session.scalars(select(Notification).where(
            Notification.kind == "call.question_answered"))}
    assert told == {world.other_occupant_admin}
    with time_machine.travel(datetime(2027, 1, 15, 11, 0, tzinfo=UTC), tick=False), app.test_request_context():
        call = db.session.get(Call, draft_call["call"])
        [other_admin] = users(world.other_occupant_admin)
        assert not p.can_ask_question(other_admin, db.session.get(Organisation, world.other_occupant), call,
                                      datetime(2027, 1, 15, 11, 0, tzinfo=UTC))  # questions deadline, to the second
