"""From a decision to its agreements (issue 17, item 10): once the decision is recorded, the evaluation's page, the
owner's dashboard and /agreements/new lead to each selected application's agreement: "Draft the agreement" until
it is drafted, then the agreement itself."""
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from occupancies.agreements.models import Agreement
from portal.extensions import db
from tests.support.evaluation import evaluation_url, propose, record_decision, scored_evaluation


@pytest.fixture
def decided(app, world, make_client):
    """owner-a's call decided through its pages: A and B selected, D not, C not eligible."""
    evaluation, clients = scored_evaluation(app, world, make_client)
    assert propose(clients.admin, evaluation, {"a": [0, 1], "b": [2]}).status_code == 303
    assert record_decision(clients.admin, evaluation).status_code == 303
    return SimpleNamespace(ev=evaluation, **vars(clients))


def _new(decided, key):
    return f"/o/owner-a/agreements/new?application_id={decided.ev.applications[key]}"


def _links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page.replace("&amp;", "&")))


TERMS = {"language": "fr", "reporting": "quarterly", "owner_representative": "Olga Owner",
         "owner_representative_role": "Bourgmestre", "occupant_representative": "Otto Occupant",
         "occupant_representative_role": "Président", "use_category": "emergency_housing",
         "purpose_fr": "Hébergement", "purpose_nl": "Opvang", "start_date": "2027-01-01", "end_date": "2027-12-31",
         "notice_months_owner": "3", "notice_months_occupant": "1", "free_use": "y", "charges_kind": "none",
         "insurance_required": "y", "domiciliation": "y"}


def test_the_decided_evaluation_leads_to_each_selected_applications_agreement(app, world, decided):
    overview = decided.admin.get(evaluation_url(decided.ev, "/")).get_data(as_text=True)
    links = _links(overview)
    assert _new(decided, "a") in links and _new(decided, "b") in links
    assert _new(decided, "d") not in links and _new(decided, "c") not in links
    # The editor drafts too; the evaluator, who does not, sees no such link.
    assert _new(decided, "a") in _links(decided.editor.get(evaluation_url(decided.ev, "/")).get_data(as_text=True))
    assert _new(decided, "a") not in _links(decided.eva.get(evaluation_url(decided.ev, "/")).get_data(as_text=True))


def test_the_owners_dashboard_says_which_agreements_to_draft(app, world, decided):
    dashboard = decided.admin.get("/o/owner-a/").get_data(as_text=True)
    assert _new(decided, "a") in _links(dashboard) and _new(decided, "b") in _links(dashboard)
    assert "draft the occupancy agreement" in dashboard
    assert _new(decided, "a") not in _links(decided.eva.get("/o/owner-a/").get_data(as_text=True))


def test_agreements_new_lists_the_selected_applications_waiting_for_their_agreement(app, world, decided):
    page = decided.editor.get("/o/owner-a/agreements/new").get_data(as_text=True)
    assert _new(decided, "a") in _links(page) and _new(decided, "b") in _links(page)
    assert "Appel Ransfort" in page and "Asbl A" in page


def test_once_drafted_every_way_leads_to_the_agreement_itself(app, world, decided):
    units = decided.ev.units
    assert decided.editor.post(_new(decided, "a"), {**TERMS, "unit_ids": [str(units[0]), str(units[1])]}
                               ).status_code == 303
    with app.app_context():
        agreement_id = db.session.scalar(select(Agreement.id))
    agreement = f"/o/owner-a/agreements/{agreement_id}"
    overview = _links(decided.admin.get(evaluation_url(decided.ev, "/")).get_data(as_text=True))
    assert agreement in overview and _new(decided, "a") not in overview and _new(decided, "b") in overview
    dashboard = _links(decided.admin.get("/o/owner-a/").get_data(as_text=True))
    assert _new(decided, "a") not in dashboard and _new(decided, "b") in dashboard
    ranking = _links(decided.admin.get(evaluation_url(decided.ev, "/ranking")).get_data(as_text=True))
    assert agreement in ranking and _new(decided, "a") not in ranking
    assert _new(decided, "a") not in _links(decided.editor.get("/o/owner-a/agreements/new").get_data(as_text=True))
    # The address of a new draft for it leads to the agreement drafted.
    response = decided.editor.get(_new(decided, "a"))
    assert response.status_code == 303 and response.headers["Location"] == agreement
