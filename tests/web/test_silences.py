"""Issue 17, item 15: the portal's silences. A new sharing session is told to its audience (once per person, in
their language); an anonymous visitor of /sessions/ learns that members' sessions exist; the home page shows the
open calls and the published sites and how to start; a newly approved association is shown the open calls; the
demo's Guichet has a clause library, so that the clause picker shows."""
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from occupancies.models import Site
from occupancies.sharing.workflow import Audience
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.notifications.models import Notification, OutboxMail
from portal.organisations.models import Membership, Organisation
from portal.roles import Role
from tests.support.calls import make_call
from tests.support.sharing import make_session
from tests.support.sites import make_site, make_unit

BEFORE = datetime(2027, 6, 1, 9, tzinfo=UTC)

SESSION = {"title_fr": "Sécurité incendie", "title_nl": "Brandveiligheid", "agenda_fr": "Accueil",
           "agenda_nl": "Onthaal", "theme": "safety", "starts_at": "2027-06-15T14:00", "ends_at": "2027-06-15T16:30",
           "place_kind": "address", "address": "Rue de Namur 59, 1000 Bruxelles", "online_url": "", "site_id": "",
           "capacity": "20", "places_per_organisation": "3", "audience": "partners",
           "registration_deadline": "2027-06-12T12:00", "facilitator_id": ""}


def _told(kind: str) -> dict[int, int]:
    rows = db.session.execute(select(Notification.user_id, func.count(Notification.id))
                              .where(Notification.kind == kind).group_by(Notification.user_id)).all()
    return dict(rows)


# A new session is told to its audience ----------------------------------------------------------------------------

def test_a_session_for_partners_is_told_once_to_every_member_of_an_approved_organisation(app, world, client, jobs):
    with app.app_context():
        # A person in two approved organisations hears of it once; a member of a pending registration not at all.
        both = db.session.get(Organisation, world.other_occupant)
        db.session.add(Membership(user_id=world.occupant_editor, organisation=both, role=Role.editor))
        db.session.commit()
    with time_machine.travel(BEFORE, tick=False):
        client.login(world.guichet_admin)
        assert client.post("/o/guichet/sessions/new", SESSION).status_code == 303
    jobs.run()
    with app.app_context():
        told = _told("session.created")
        members = {world.guichet_moderator, world.owner_admin, world.owner_editor, world.owner_evaluator,
                   world.occupant_admin, world.occupant_editor, world.other_owner_admin,
                   world.other_occupant_admin}
        assert set(told) == members                       # not the organiser, not the pending registration
        assert set(told.values()) == {1}
        # In each person's language: the Dutch-speaking editor reads the Dutch title.
        mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == "occupant.editor@example.org",
                                                          OutboxMail.kind == "session.created"))
        assert mail is not None and mail.language == "nl" and "Brandveiligheid" in mail.subject


def test_a_session_for_signatories_is_told_only_to_the_signatories_and_the_guichet(app, world, client):
    with app.app_context():
        db.session.get(Organisation, world.owner).charter_signed_on = date(2024, 1, 1)
        db.session.commit()
    with time_machine.travel(BEFORE, tick=False):
        client.login(world.owner_admin)
        assert client.post("/o/owner-a/sessions/new", {**SESSION, "audience": "signatories"}).status_code == 303
    with app.app_context():
        told = set(_told("session.created"))
        assert told == {world.guichet_admin, world.guichet_moderator, world.owner_editor, world.owner_evaluator}


# /sessions/ says that members' sessions exist ---------------------------------------------------------------------

def test_an_anonymous_visitor_learns_that_members_sessions_are_planned(app, world, client):
    with app.test_request_context():
        make_session(world.guichet, title="Réservé aux partenaires", audience=Audience.partners)
        make_session(world.guichet, title="Réservé aux signataires", audience=Audience.signatories)
        db.session.commit()
    with time_machine.travel(BEFORE, tick=False):
        body = client.get("/sessions/").get_data(as_text=True)
        assert "No session planned for now" not in body
        assert "Réservé aux" not in body                  # what they are stays for their audience
        assert "2 sessions are planned for the members" in body and 'href="/login?next=' in body
        client.login(world.occupant_admin)                # a partner sees one, and is told of the other
        body = client.get("/sessions/").get_data(as_text=True)
        assert "Réservé aux partenaires" in body and "Réservé aux signataires" not in body
        assert "1 session is planned for the members" in body


# The home page is a landing page ----------------------------------------------------------------------------------

def test_the_home_page_shows_the_open_calls_the_published_sites_and_how_to_start(app, world, client):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "Ancienne caserne Dailly", publication=PublicationStatus.published)
        make_unit(site, "Hall")
        make_call(site, title="Occuper la caserne")
        make_call(site, title="Un brouillon caché", status="draft")
        make_site(owner, "Site pas encore publié")
        db.session.commit()
    for language, start in (("fr", "Inscrire une association"), ("nl", "Een vereniging registreren"),
                            ("en", "Register an association")):
        body = client.get(f"/?lang={language}").get_data(as_text=True)
        assert "Ancienne caserne Dailly" in body and "Site pas encore publié" not in body
        assert ("Occuper la caserne" if language != "nl" else "Oproep Occuper la caserne") in body
        assert "Un brouillon caché" not in body
        assert start in body and 'href="/calls"' in body and 'href="/sites"' in body


def test_the_home_page_says_so_when_no_call_is_open(app, world, client):
    body = client.get("/?lang=en").get_data(as_text=True)
    assert "No call is open right now" in body


# A newly approved association is shown the open calls -------------------------------------------------------------

def test_a_newly_approved_association_is_shown_the_open_calls(app, world, client, jobs):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "Ancienne caserne Dailly", publication=PublicationStatus.published)
        make_call(site, title="Occuper la caserne")
        db.session.commit()
    client.login(world.guichet_admin)
    assert client.post(f"/guichet/organisations/{world.pending}/approve").status_code == 303
    jobs.run()
    with app.app_context():
        mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == "pending.admin@example.org",
                                                          OutboxMail.kind == "organisation.approved"))
        assert "\nhttp://portal.test/o/pending-c/\n" in mail.body   # the way in: the dashboard, with the calls
        assert "open oproepen" in mail.body                           # in the admin's language (Dutch)
    client.login(world.pending_admin)
    body = client.get("/o/pending-c/?lang=en").get_data(as_text=True)
    assert "Open calls you can apply to" in body and "Occuper la caserne" in body
    # An owner's dashboard does not offer calls to apply to.
    client.login(world.owner_admin)
    assert "Open calls you can apply to" not in client.get("/o/owner-a/?lang=en").get_data(as_text=True)


# The demo's clause library ----------------------------------------------------------------------------------------

@pytest.mark.usefixtures("app_context")
def test_the_demo_guichet_keeps_a_clause_library_that_the_agreement_form_offers():
    from occupancies.agreements.models import Clause
    from portal.demo import load

    load()
    shared = db.session.scalars(select(Clause).where(Clause.organisation_id.is_(None), Clause.active.is_(True))).all()
    assert len(shared) >= 4
    assert all(c.title_fr and c.title_nl and c.text_fr and c.text_nl for c in shared)
    load()                                              # loading twice adds none
    assert db.session.scalar(select(func.count(Clause.id)).where(Clause.organisation_id.is_(None))) == len(shared)


def test_the_clause_picker_shows_the_demo_library(app, client):
    from portal.demo import load

    with app.test_request_context():
        load()
        db.session.commit()
        user_id = db.session.scalar(select(Membership.user_id).join(Organisation).where(
            Organisation.slug == "comensia", Membership.role == Role.editor))
        comensia = db.session.scalar(select(Organisation.id).where(Organisation.slug == "comensia"))
        site_id = db.session.scalar(select(func.min(Site.id)).where(Site.organisation_id == comensia))
        occupant_id = db.session.scalar(select(Organisation.id).where(Organisation.slug == "communa"))
    client.login(user_id)
    body = client.get(f"/o/comensia/agreements/new?site_id={site_id}&occupant_id={occupant_id}&lang=en")
    assert body.status_code == 200
    assert "Clauses from the library" in body.get_data(as_text=True)
