"""The decision is written in French and in Dutch and says how to contest it (issue 17, item 6): the call states
who receives an appeal and within how many days, in both languages, on its public page; the admin writes the
decision's reasons in both languages; each applicant reads them, and the last day to contest, in its own."""
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import time_machine

from calls.applications.models import Application
from calls.evaluation.models import Decision
from calls.models import Call
from calls.workflow import CallStatus
from portal.extensions import db
from tests.support.evaluation import (
    DECISION,
    evaluation_url,
    make_evaluation,
    propose,
    record_decision,
    score_everything,
)
from tests.support.web import field_error, outbox

FRIDAY = datetime(2027, 2, 26, 10, 0, tzinfo=UTC)   # the decision; 30 days later is a Sunday
APPEAL = {"appeal_body_fr": "le Collège des bourgmestre et échevins, place Communale 1, 1080 Molenbeek",
          "appeal_body_nl": "het College van burgemeester en schepenen, Gemeenteplein 1, 1080 Molenbeek",
          "appeal_days": 30}


@pytest.fixture(autouse=True)
def _friday():
    with time_machine.travel(FRIDAY, tick=False):
        yield


@pytest.fixture
def evaluation(app, world):
    """owner-a's closed call (tests.support.evaluation), stating how to contest its decision."""
    with app.app_context():
        evaluation = make_evaluation()
        call = db.session.get(Call, evaluation.call)
        for name, value in APPEAL.items():
            setattr(call, name, value)
        db.session.commit()
        return evaluation


@pytest.fixture
def clients(world, evaluation, make_client):
    return SimpleNamespace(admin=make_client().login(world.owner_admin), editor=make_client().login(world.owner_editor),
                           eva=make_client().login(world.owner_evaluator),
                           sam=make_client().login(evaluation.evaluator2))


def _ready(world, evaluation, clients):
    score_everything(world, evaluation, clients)
    assert propose(clients.admin, evaluation, {"a": [0, 1], "b": [2]}).status_code == 303


def test_the_public_call_says_who_receives_an_appeal_and_within_how_many_days(app, world, evaluation, make_client):
    with app.app_context():
        db.session.get(Call, evaluation.call).status = CallStatus.published
        db.session.commit()
    visitor = make_client()
    french = visitor.get(f"/calls/{evaluation.call}?lang=fr").get_data(as_text=True)
    assert APPEAL["appeal_body_fr"] in french and "30 jours" in french
    dutch = visitor.get(f"/calls/{evaluation.call}?lang=nl").get_data(as_text=True)
    assert APPEAL["appeal_body_nl"] in dutch and "30 dagen" in dutch and APPEAL["appeal_body_fr"] not in dutch


def test_the_reasons_are_written_in_french_and_in_dutch(app, world, evaluation, clients):
    _ready(world, evaluation, clients)
    response = record_decision(clients.admin, evaluation, reasons_nl="")
    assert response.status_code == 422
    assert "required" in field_error(response.get_data(as_text=True), "reasons_nl")
    with app.app_context():
        assert db.session.get(Call, evaluation.call).status == CallStatus.evaluation
    assert record_decision(clients.admin, evaluation).status_code == 303
    with app.app_context():
        decision = db.session.query(Decision).one()
        assert (decision.reasons_fr, decision.reasons_nl) == (DECISION["reasons_fr"], DECISION["reasons_nl"])
    ranking = clients.admin.get(evaluation_url(evaluation, "/ranking?lang=nl")).get_data(as_text=True)
    assert DECISION["reasons_nl"] in ranking


def test_each_applicant_reads_the_reasons_and_the_last_day_to_contest_in_its_own_language(
        app, world, evaluation, clients, make_client, jobs):
    _ready(world, evaluation, clients)
    assert record_decision(clients.admin, evaluation).status_code == 303
    jobs.run()
    # Asbl D reads Dutch: the Dutch reasons, the body in Dutch, and the last day (a Sunday, so the Monday after).
    d = make_client().login(evaluation.occupant_d_admin)
    page = d.get(f"/o/occupant-d/applications/{evaluation.applications['d']}").get_data(as_text=True)
    assert DECISION["reasons_nl"] in page and DECISION["reasons_fr"] not in page
    assert APPEAL["appeal_body_nl"] in page and "29 maart 2027" in page
    # Asbl C (not eligible) reads French.
    c = make_client().login(evaluation.occupant_c_admin)
    page = c.get(f"/o/occupant-c/applications/{evaluation.applications['c']}").get_data(as_text=True)
    assert DECISION["reasons_fr"] in page and DECISION["reasons_nl"] not in page
    assert APPEAL["appeal_body_fr"] in page and "29 mars 2027" in page
    # The emails say the same, each in its reader's language.
    [(_to, language, _subject, body)] = [m for m in outbox(app, "d.admin@example.org") if "Ransfort" in m[2]]
    assert language == "nl" and DECISION["reasons_nl"] in body and DECISION["reasons_fr"] not in body
    assert APPEAL["appeal_body_nl"] in body and "29 maart 2027" in body
    [(_to, language, _subject, body)] = [m for m in outbox(app, "c.admin@example.org") if "Ransfort" in m[2]]
    assert language == "fr" and DECISION["reasons_fr"] in body and "29 mars 2027" in body
    with app.app_context():
        assert db.session.get(Application, evaluation.applications["d"]).status.value == "not_selected"


CALL_FORM = {
    "title_fr": "Rez commercial rue Ransfort", "title_nl": "Handelsgelijkvloers Ransfortstraat",
    "description_fr": "Un rez-de-chaussée.", "description_nl": "Een gelijkvloers.", "uses": ["culture"],
    "scale": "5", "tie_rule": "highest_first_criterion", "free_use": "y",
    "criteria-0-label_fr": "Qualité du projet", "criteria-0-label_nl": "Kwaliteit van het project",
    "criteria-0-weight": "100",
    "publication_at": "2027-03-05T10:00", "questions_deadline": "2027-03-15T12:00",
    "submission_deadline": "2027-03-31T12:00", "decision_on": "2027-04-28",
}


def test_a_call_is_sent_to_the_guichet_only_once_it_says_how_to_contest_its_decision(app, world, make_client):
    from occupancies.models import Site
    from portal.organisations.models import Organisation
    from tests.support.sites import make_site, make_unit

    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École")
        make_unit(site, "Rez")
        db.session.commit()
        site_id = db.session.get(Site, site.id).id
    editor = make_client().login(world.owner_editor)
    assert editor.post("/o/owner-a/calls/new", {**CALL_FORM, "site_id": site_id}).status_code == 303
    with app.app_context():
        call_id = db.session.query(Call.id).scalar()
    page = editor.get(f"/o/owner-a/calls/{call_id}").get_data(as_text=True)
    assert "Say who receives an appeal against the decision" in page
    editor.post(f"/o/owner-a/calls/{call_id}/submit")
    with app.app_context():
        assert db.session.get(Call, call_id).status == CallStatus.draft
    # Half of it is not enough: both languages and the delay.
    response = editor.post(f"/o/owner-a/calls/{call_id}/edit", {**CALL_FORM, **APPEAL, "appeal_days": "400"})
    assert response.status_code == 422 and "between 1 and 365" in field_error(response.get_data(as_text=True),
                                                                              "appeal_days")
    assert editor.post(f"/o/owner-a/calls/{call_id}/edit", {**CALL_FORM, **APPEAL}).status_code == 303
    assert editor.post(f"/o/owner-a/calls/{call_id}/submit").status_code == 303
    with app.app_context():
        call = db.session.get(Call, call_id)
        assert call.status == CallStatus.submitted
        assert (call.appeal_body_fr, call.appeal_body_nl, call.appeal_days) == (
            APPEAL["appeal_body_fr"], APPEAL["appeal_body_nl"], 30)
    review = make_client().login(world.guichet_moderator).get(f"/guichet/calls/{call_id}").get_data(as_text=True)
    assert APPEAL["appeal_body_fr"] in review and APPEAL["appeal_body_nl"] in review
