"""The evaluation's tables (issue 6): what the database itself refuses."""
import pytest
from sqlalchemy.exc import IntegrityError

from calls.evaluation.models import ConflictDeclaration, Evaluator, Score, ScoreSheet
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.sites import make_site


def closed_call(world):
    site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
    call = make_call(site, status=CallStatus.closed)
    application = make_application(call, db.session.get(Organisation, world.occupant))
    evaluator = Evaluator(call_id=call.id, user_id=world.owner_evaluator)
    db.session.add(evaluator)
    db.session.flush()
    return call, application, evaluator


def test_an_evaluator_is_assigned_once_and_declares_once_per_applicant(app, world):
    with app.test_request_context():
        call, application, evaluator = closed_call(world)
        db.session.add(ConflictDeclaration(evaluator_id=evaluator.id, applicant_id=world.occupant, conflict=True,
                                           note="Ancien administrateur de l'association"))
        db.session.commit()
        db.session.add(ConflictDeclaration(evaluator_id=evaluator.id, applicant_id=world.occupant, conflict=False))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add(Evaluator(call_id=call.id, user_id=world.owner_evaluator))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_a_score_stays_on_a_scale_and_once_per_criterion(app, world):
    with app.test_request_context():
        call, application, evaluator = closed_call(world)
        sheet = ScoreSheet(application_id=application.id, evaluator_id=evaluator.id)
        criterion = call.criteria[0]
        sheet.scores = [Score(criterion_id=criterion.id, score=4, justification="Projet solide.")]
        db.session.add(sheet)
        db.session.commit()
        db.session.add(Score(sheet_id=sheet.id, criterion_id=call.criteria[1].id, score=11, justification="?"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add(Score(sheet_id=sheet.id, criterion_id=criterion.id, score=3, justification="Deux fois"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert [s.score for s in db.session.get(ScoreSheet, sheet.id).scores] == [4]
