"""Steps that cannot be undone ask for a confirmation that the server checks (issue 17, item 7): submitting an
application, submitting one's scores, recording the decision and the Guichet's approval of a call each carry a box
that says what cannot be undone; without it ticked nothing happens, whether the browser runs JavaScript or not."""
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import ScoreSheet
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.evaluation import (
    application_url,
    assign,
    declare,
    evaluation_url,
    give_scores,
    make_evaluation,
    mark_eligibility,
    propose,
    record_decision,
    score_everything,
)
from tests.support.sites import make_site, make_unit
from tests.support.web import field_error


def _box(page: str) -> None:
    """The page carries a confirmation box: a checkbox named confirm, tied to its label."""
    assert re.search(r'<input[^>]*id="confirm"[^>]*name="confirm"[^>]*type="checkbox"', page), "no confirmation box"
    assert '<label class="form-check-label" for="confirm">' in page


# Submitting an application ------------------------------------------------------------------------------------

@pytest.fixture
def application(app, world):
    """occupant-a's complete draft to owner-a's open call."""
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        call = make_call(site, units=[make_unit(site, "Rez")])
        draft = make_application(call, db.session.get(Organisation, world.occupant))
        db.session.commit()
        return draft.id


def _status(app, application_id):
    with app.app_context():
        return db.session.get(Application, application_id).status


def test_submitting_an_application_asks_to_confirm_that_it_is_sealed(app, client, world, application):
    client.login(world.occupant_admin)
    url = f"/o/occupant-a/applications/{application}"
    page = client.get(url).get_data(as_text=True)
    _box(page)
    assert "I understand that once submitted, the application is sealed" in page
    refused = client.post(f"{url}/submit")
    assert refused.status_code == 422
    assert "Tick the box" in field_error(refused.get_data(as_text=True), "confirm")
    assert _status(app, application) == ApplicationStatus.draft
    assert client.post(f"{url}/submit", {"confirm": "y"}).status_code == 303
    assert _status(app, application) == ApplicationStatus.submitted


def test_an_unconfirmed_incomplete_application_shows_every_problem_at_once(app, client, world, application):
    client.login(world.occupant_admin)
    url = f"/o/occupant-a/applications/{application}"
    assert client.post(url, {"summary": ""}).status_code in (303, 422)
    page = client.post(f"{url}/submit").get_data(as_text=True)
    assert "Tick the box" in field_error(page, "confirm")
    assert "Describe your project" in field_error(page, "summary")


# Submitting one's scores, recording the decision --------------------------------------------------------------

@pytest.fixture
def evaluation(app, world):
    with app.app_context():
        return make_evaluation()


@pytest.fixture
def clients(world, evaluation, make_client):
    return SimpleNamespace(admin=make_client().login(world.owner_admin), editor=make_client().login(world.owner_editor),
                           eva=make_client().login(world.owner_evaluator),
                           sam=make_client().login(evaluation.evaluator2))


def _sheets_submitted(app):
    with app.app_context():
        return [s.submitted_at is not None for s in db.session.scalars(select(ScoreSheet))]


def test_submitting_scores_asks_to_confirm_they_no_longer_change(app, world, evaluation, clients):
    assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2)
    declare(clients.sam, evaluation)
    mark_eligibility(clients.editor, evaluation, "a")
    page = clients.sam.get(application_url(evaluation, "a")).get_data(as_text=True)
    _box(page)
    assert "I understand that my scores can no longer be changed once submitted" in page
    refused = give_scores(clients.sam, evaluation, "a", [3, 3, 3], confirm=False)
    assert refused.status_code == 422
    assert "Tick the box" in field_error(refused.get_data(as_text=True), "confirm")
    assert _sheets_submitted(app) == []
    # A draft needs no confirmation: it still changes.
    assert give_scores(clients.sam, evaluation, "a", [3, 3, 3], submit=False, confirm=False).status_code == 303
    assert _sheets_submitted(app) == [False]
    assert give_scores(clients.sam, evaluation, "a", [3, 3, 3]).status_code == 303
    assert _sheets_submitted(app) == [True]


def test_recording_the_decision_asks_to_confirm_it_is_final(app, world, evaluation, clients):
    score_everything(world, evaluation, clients)
    propose(clients.admin, evaluation, {"a": [0, 1], "b": [2]})
    page = clients.admin.get(evaluation_url(evaluation, "/ranking")).get_data(as_text=True)
    _box(page)
    assert "I understand that the decision is final" in page
    refused = record_decision(clients.admin, evaluation, confirm="")
    assert refused.status_code == 422
    assert "Tick the box" in field_error(refused.get_data(as_text=True), "confirm")
    with app.app_context():
        assert db.session.get(Call, evaluation.call).status == CallStatus.evaluation
    assert record_decision(clients.admin, evaluation).status_code == 303
    with app.app_context():
        assert db.session.get(Call, evaluation.call).status == CallStatus.decided


# The Guichet's approval -------------------------------------------------------------------------------------

def test_approving_a_call_asks_to_confirm_what_publishing_cannot_undo(app, world, make_client):
    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        call = make_call(site, status=CallStatus.submitted, units=[make_unit(site, "Rez")])
        db.session.commit()
        call_id = call.id
    moderator = make_client().login(world.guichet_moderator)
    page = moderator.get(f"/guichet/calls/{call_id}").get_data(as_text=True)
    _box(page)
    assert "cannot be undone" in page
    refused = moderator.post(f"/guichet/calls/{call_id}/publish")
    assert refused.status_code == 422
    assert "Tick the box" in field_error(refused.get_data(as_text=True), "confirm")
    with app.app_context():
        assert db.session.get(Call, call_id).status == CallStatus.submitted
    assert moderator.post(f"/guichet/calls/{call_id}/publish", {"confirm": "y"}).status_code == 303
    with app.app_context():
        assert db.session.get(Call, call_id).status != CallStatus.submitted
