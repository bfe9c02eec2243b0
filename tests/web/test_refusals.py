"""Issue 17, item 2: every refusal on a page says its real cause and what to do. A newly registered association's
administrator read on a call that her role did not allow applying; the cause was that the Guichet had not yet
approved the association."""
from sqlalchemy import select

from occupancies.models import Site
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sites import make_site


def _open_call(app, world, **fields) -> int:
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        call = make_call(site, title="Appel École", **fields)
        db.session.commit()
        return call.id


def _apply_box(body: str) -> str:
    return body[body.index('id="apply-title"'):body.index("</section>", body.index('id="apply-title"'))]


def test_an_association_waiting_for_approval_is_told_so_on_a_call_not_that_its_role_is_wrong(app, client, world):
    call = _open_call(app, world)
    client.login(world.pending_admin)
    box = _apply_box(client.get(f"/calls/{call}?lang=en").get_data(as_text=True))
    assert "waiting for the Guichet&#39;s approval" in box and "does not allow" not in box
    assert 'href="/o/pending-c/organisation' in box                         # where to follow the registration
    assert "Start an application" not in box
    dutch = _apply_box(client.get(f"/calls/{call}?lang=nl").get_data(as_text=True))
    assert "wacht op de goedkeuring" in dutch


def test_the_guichet_s_question_is_the_cause_while_it_waits_for_the_answer(app, client, world):
    call = _open_call(app, world)
    with app.app_context():
        db.session.get(Organisation, world.pending).status = "information_requested"
        db.session.commit()
    client.login(world.pending_admin)
    box = _apply_box(client.get(f"/calls/{call}?lang=en").get_data(as_text=True))
    assert "asked Asbl pending C for more information" in box


def test_an_approved_association_s_administrator_may_start(app, client, world):
    call = _open_call(app, world)
    client.login(world.occupant_admin)
    assert "Start an application" in _apply_box(client.get(f"/calls/{call}?lang=en").get_data(as_text=True))


def test_a_refused_action_on_an_organisation_s_page_gives_its_real_cause(app, client, world):
    call = _open_call(app, world)
    client.login(world.pending_admin)
    response = client.post(f"/o/pending-c/applications/start/{call}?lang=en")
    body = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "waiting for the Guichet&#39;s approval" in body and "role" not in body.lower().split("<main")[-1]
    # An evaluator of an approved owner is told that the role is the cause, and whom to ask.
    client.login(world.owner_evaluator)
    with app.app_context():
        site = db.session.scalar(select(Site).where(Site.organisation_id == world.owner))
        assert site is not None
    body = client.post(f"/o/owner-a/calls/new?site_id={site.id}&lang=en").get_data(as_text=True)
    assert "Your role in" in body and "administrators or editors" in body
