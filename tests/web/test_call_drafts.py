"""A call's draft may be incomplete; what is sent to the Guichet may not (issue 17, item 14): the weights of the
award criteria need not add up to 100 to save a draft, only to send it."""
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from calls.models import Call
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_site, make_unit

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FORM = {
    "title_fr": "Rez commercial rue Ransfort", "title_nl": "Handelsgelijkvloers Ransfortstraat",
    "description_fr": "Un rez-de-chaussée de 120 m².", "description_nl": "Een gelijkvloers van 120 m².",
    "uses": ["culture"], "scale": "5", "tie_rule": "highest_first_criterion", "free_use": "y",
    "criteria-0-label_fr": "Qualité du projet", "criteria-0-label_nl": "Kwaliteit van het project",
    "criteria-0-weight": "50",
    "criteria-1-label_fr": "Ancrage local", "criteria-1-label_nl": "Lokale verankering", "criteria-1-weight": "30",
    "publication_at": "2026-12-05T10:00", "questions_deadline": "2027-01-15T12:00",
    "submission_deadline": "2027-01-31T12:00", "decision_on": "2027-02-28",
    "appeal_body_fr": "Le Collège communal, place Communale 1", "appeal_body_nl": "Het College, Gemeenteplein 1",
    "appeal_days": "30",
}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(T0, tick=False):
        yield


@pytest.fixture
def site_id(app, world):
    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         publication=PublicationStatus.published)
        make_unit(site, "Rez")
        db.session.commit()
        return site.id


def test_a_draft_is_saved_with_weights_that_do_not_add_up_to_100_yet(app, client, world, site_id):
    editor = client.login(world.owner_editor)
    response = editor.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id})
    assert response.status_code == 303, "a draft whose weights add up to 80 must be saved"
    with app.app_context():
        call = db.session.scalar(select(Call))
        assert call.status == CallStatus.draft and [c.weight for c in call.criteria] == [50, 30]
    # The call's page says what is missing before it can be sent.
    page = editor.get(f"/o/owner-a/calls/{call.id}").get_data(as_text=True)
    assert "The weights of the criteria add up to 80, not 100" in page
    # Sending it is refused, and says why.
    sent = editor.post(f"/o/owner-a/calls/{call.id}/submit", follow_redirects=True)
    assert "must add up to 100" in sent.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Call, call.id).status == CallStatus.draft
    # Completed, it is sent.
    completed = {**FORM, "criteria-2-label_fr": "Mixité", "criteria-2-label_nl": "Diversiteit",
                 "criteria-2-weight": "20"}
    assert editor.post(f"/o/owner-a/calls/{call.id}/edit", completed).status_code == 303
    assert "add up to 80" not in editor.get(f"/o/owner-a/calls/{call.id}").get_data(as_text=True)
    assert editor.post(f"/o/owner-a/calls/{call.id}/submit").status_code == 303
    with app.app_context():
        assert db.session.get(Call, call.id).status == CallStatus.submitted


def test_a_draft_without_any_criterion_yet_is_saved_too(app, client, world, site_id):
    editor = client.login(world.owner_editor)
    form = {k: v for k, v in FORM.items() if not k.startswith("criteria-")}
    assert editor.post("/o/owner-a/calls/new", {**form, "site_id": site_id}).status_code == 303
    with app.app_context():
        call = db.session.scalar(select(Call))
    page = editor.get(f"/o/owner-a/calls/{call.id}").get_data(as_text=True)
    assert "Give at least one award criterion." in page


def test_a_weight_out_of_range_is_still_refused_beside_its_field(app, client, world, site_id):
    editor = client.login(world.owner_editor)
    response = editor.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id, "criteria-1-weight": "0"})
    assert response.status_code == 422
    assert "between 1 and 100" in response.get_data(as_text=True)
