from datetime import date

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Invitation, Organisation
from portal.organisations.workflow import OrganisationStatus
from tests.support.web import count, field_error, link_in, outbox


def org(app, organisation_id):
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        db.session.expunge(organisation)
        return organisation


def test_the_guichet_dashboard_lists_pending_registrations(client, world):
    client.login(world.guichet_moderator)
    page = client.get("/guichet/").get_data(as_text=True)
    assert "Asbl pending C" in page
    assert f"/guichet/organisations/{world.pending}" in page


def test_the_dashboard_shows_the_ten_oldest_registrations_and_links_to_all_of_them(app, client, world):
    from portal.roles import OrganisationKind
    from tests.support.factories import make_org

    with app.app_context():
        for n in range(11):
            make_org(f"later-{n}", kind=OrganisationKind.occupant, status=OrganisationStatus.pending,
                     name=f"Asbl tardive {n:02d}")
        db.session.commit()
    client.login(world.guichet_moderator)
    page = client.get("/guichet/").get_data(as_text=True)
    assert "Asbl pending C" in page and "Asbl tardive 08" in page      # the oldest first
    assert "Asbl tardive 09" not in page and "Asbl tardive 10" not in page
    assert '<span class="badge text-bg-warning">12</span>' in page
    assert "See all 12 registrations to review" in page
    listing = client.get("/guichet/organisations?status=pending").get_data(as_text=True)
    assert "Asbl tardive 10" in listing and "Asbl pending C" in listing


def test_the_regions_counts_on_the_dashboard_are_kept_until_the_next_operation(app, client, world, jobs,
                                                                              monkeypatch):
    import re

    from portal.extensions import cache
    from tests.support.web import count_queries

    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 3600)
    with app.app_context():
        cache.clear()
    client.login(world.guichet_moderator)

    def occupants_approved():
        with count_queries(app) as statements:
            page = client.get("/guichet/").get_data(as_text=True)
        approved = re.search(r'fs-3 fw-bold">(\d+)</div>\S*\s*approved occupant organisations', page)
        return int(approved.group(1)), [s for s in statements if "GROUP BY" in s]

    before, grouped = occupants_approved()
    assert len(grouped) == 3                   # the organisations by kind and status, the region's mix, DGP cases
    again, grouped = occupants_approved()
    assert again == before and grouped == []   # kept: nothing has changed
    assert client.post(f"/guichet/organisations/{world.pending}/approve").status_code == 303
    jobs.run()
    after, grouped = occupants_approved()
    assert after == before + 1 and len(grouped) == 3


def test_approving_a_registration(app, client, world, jobs):
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.pending}/approve")
    assert response.status_code == 303
    jobs.run()
    assert org(app, world.pending).status == OrganisationStatus.approved
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.approved")).all()
        assert (event.actor_id, event.target_id, event.changes) == (
            world.guichet_moderator, world.pending, {"status": ["pending", "approved"]})
        assert event.organisation_id == world.guichet  # acting for the Guichet
        [notification] = db.session.scalars(select(Notification).where(
            Notification.kind == "organisation.approved")).all()
        assert notification.user_id == world.pending_admin
    [(_, language, subject, _)] = outbox(app, "pending.admin@example.org")
    assert language == "nl" and subject == "Asbl pending C is goedgekeurd"  # in the recipient's language
    # The history on the organisation's page shows it.
    page = client.get(f"/guichet/organisations/{world.pending}").get_data(as_text=True)
    assert "Mo Moderator" in page


def test_approving_twice_is_refused(client, world):
    client.login(world.guichet_moderator)
    client.post(f"/guichet/organisations/{world.pending}/approve")
    assert client.post(f"/guichet/organisations/{world.pending}/approve").status_code == 403


def test_rejecting_needs_a_reason(app, client, world):
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.pending}/reject", {"reason": ""})
    assert response.status_code == 422
    assert "required" in field_error(response.get_data(as_text=True), "reason")
    assert org(app, world.pending).status == OrganisationStatus.pending
    response = client.post(f"/guichet/organisations/{world.pending}/reject", {"reason": "Pas de siège à Bruxelles"})
    assert response.status_code == 303
    rejected = org(app, world.pending)
    assert (rejected.status, rejected.status_reason) == (OrganisationStatus.rejected, "Pas de siège à Bruxelles")


def test_suspending_and_reinstating(app, make_client, world):
    admin = make_client().login(world.guichet_admin)
    member = make_client().login(world.occupant_admin)
    response = admin.post(f"/guichet/organisations/{world.occupant}/suspend", {"reason": "Assurance échue"})
    assert response.status_code == 303
    assert org(app, world.occupant).status == OrganisationStatus.suspended
    page = member.get("/o/occupant-a/").get_data(as_text=True)
    assert "Suspended" in page and "only the Guichet can reinstate it" in page
    assert not member.get("/o/occupant-a/members").get_data(as_text=True).count('action="/o/occupant-a/members/invite"')
    assert admin.post(f"/guichet/organisations/{world.occupant}/reinstate").status_code == 303
    assert org(app, world.occupant).status == OrganisationStatus.approved


def test_recording_the_charter_signature(app, client, world):
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.owner}/charter", {"signed_on": "2026-03-14"})
    assert response.status_code == 303
    assert org(app, world.owner).charter_signed_on == date(2026, 3, 14)
    assert count(app, AuditEvent, action="organisation.charter_recorded") == 1
    response = client.post(f"/guichet/organisations/{world.owner}/charter", {"signed_on": "14/03/2026x"})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "signed_on")


def test_the_charter_date_cannot_be_in_the_future(app, client, world):
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.owner}/charter", {"signed_on": "2999-01-01"})
    assert response.status_code == 422
    assert "future" in field_error(response.get_data(as_text=True), "signed_on")


def test_the_guichet_creates_a_public_owner_and_invites_its_admin(app, client, jobs, world):
    client.login(world.guichet_admin)
    response = client.post("/guichet/organisations/new", {
        "name_fr": "CPAS d'Anderlecht", "name_nl": "OCMW Anderlecht", "legal_form": "cpas",
        "enterprise_number": "", "commune": "anderlecht", "address": "Avenue Raymond Vander Bruggen 62",
        "postcode": "1070", "contact_email": "info@cpas.example.org", "admin_email": "directrice@cpas.example.org",
        "admin_language": "nl",
    })
    assert response.status_code == 303
    jobs.run()
    with app.app_context():
        owner = db.session.scalar(select(Organisation).where(Organisation.slug == "cpas-d-anderlecht"))
        assert owner.status == OrganisationStatus.approved and owner.kind.value == "public_owner"
        assert db.session.scalar(select(Invitation).where(Invitation.organisation_id == owner.id)).role.value == "admin"
    [(_, language, subject, body)] = outbox(app, "directrice@cpas.example.org")
    assert language == "nl"
    assert link_in(body, "/invitations/")


def test_the_guichet_filters_organisations(client, world):
    client.login(world.guichet_moderator)
    page = client.get("/guichet/organisations?status=pending").get_data(as_text=True)
    assert "Asbl pending C" in page and "Commune A" not in page
    page = client.get("/guichet/organisations?kind=public_owner&q=commune").get_data(as_text=True)
    assert "Commune A" in page and "Asbl A" not in page
    assert client.get("/guichet/organisations?status=nonsense&kind=%00").status_code == 200


def test_the_outbox_is_for_guichet_admins(client, world):
    client.login(world.guichet_admin)
    assert client.get("/guichet/outbox/").status_code == 200
    client.login(world.guichet_moderator)
    assert client.get("/guichet/outbox/").status_code == 403
