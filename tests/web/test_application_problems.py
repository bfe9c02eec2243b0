"""Submitting an incomplete application shows every problem at once (issue 17, item 9): each missing answer
beside its field, and a summary at the top that links to each of them, so that nobody has to submit again to
find the next one."""
import re
from types import SimpleNamespace

import pytest

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.sites import make_site, make_unit
from tests.support.web import field_error

SUBMIT = {"confirm": "y"}   # the box that says the application is sealed once submitted


@pytest.fixture
def draft(app, world):
    """occupant-a's empty draft to owner-a's open call (three criteria, one condition)."""
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        call = make_call(site, title="Appel École", units=[make_unit(site, "Rez")])
        application = make_application(call, db.session.get(Organisation, world.occupant), complete=False)
        db.session.commit()
        return SimpleNamespace(id=application.id, criteria=[c.id for c in call.criteria],
                               conditions=[c.id for c in call.conditions])


def _url(draft, suffix=""):
    return f"/o/occupant-a/applications/{draft.id}{suffix}"


def _summary_links(page: str) -> list[str]:
    match = re.search(r'<div[^>]*id="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert match, "no summary of the problems at the top of the page"
    return re.findall(r'<a href="#([^"]+)"', match.group(1))


def test_every_missing_answer_is_flagged_at_once_with_a_summary_that_links_to_each(app, client, world, draft):
    client.login(world.occupant_admin)
    # Only the first criterion is answered: the summary, the use, the type, two answers and the statement miss.
    assert client.post(_url(draft), {f"answer_{draft.criteria[0]}": "Notre réponse."}).status_code == 303
    response = client.post(_url(draft, "/submit"), SUBMIT)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    missing = ["summary", "use_category", "occupant_type", f"answer_{draft.criteria[1]}",
               f"answer_{draft.criteria[2]}", f"statement_{draft.conditions[0]}"]
    for field in missing:
        assert field_error(page, field), field
    assert f'id="answer_{draft.criteria[0]}-error"' not in page
    # The summary comes first, names how many problems, and links to each field in the page's order.
    assert page.index('id="error-summary"') < page.index('id="application-form"')
    assert _summary_links(page) == missing
    assert "6 answers are missing" in page
    with app.app_context():
        assert db.session.get(Application, draft.id).status == ApplicationStatus.draft


def test_each_problem_says_what_to_give(app, client, world, draft):
    client.login(world.occupant_admin)
    page = client.post(_url(draft, "/submit"), SUBMIT).get_data(as_text=True)
    assert "Describe your project" in field_error(page, "summary")
    assert "Choose a use" in field_error(page, "use_category")
    assert "Choose the type of occupant" in field_error(page, "occupant_type")
    assert "Answer this criterion" in field_error(page, f"answer_{draft.criteria[0]}")
    assert "Say how your organisation meets this condition" in field_error(page, f"statement_{draft.conditions[0]}")
