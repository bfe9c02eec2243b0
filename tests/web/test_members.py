from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.organisations.models import Invitation, Membership
from tests.support.factories import PASSWORD
from tests.support.web import count, field_error, link_in, outbox


def invite(client, email="nouvelle@example.org", role="editor", language="fr"):
    return client.post("/o/owner-a/members/invite", {"email": email, "role": role, "language": language})


def test_an_admin_invites_and_the_person_joins_with_a_new_account(app, client, make_client, jobs, world):
    client.login(world.owner_admin)
    assert invite(client, language="nl").status_code == 303
    jobs.run()
    [(_, language, subject, body)] = outbox(app, "nouvelle@example.org")
    assert language == "nl" and "Commune A" in subject
    link = link_in(body, "/invitations/")
    newcomer = make_client()
    page = newcomer.get(link).get_data(as_text=True)
    assert "nouvelle@example.org" in page
    response = newcomer.post(link, {"name": "Nora Nouvelle", "language": "nl", "password": "Nieuwe-sleutel-42",
                                    "confirm": "Nieuwe-sleutel-42"})
    assert response.status_code == 303 and response.headers["Location"] == "/o/owner-a/"
    assert newcomer.get("/o/owner-a/").status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nouvelle@example.org"))
        assert user.membership_in(world.owner).role.value == "editor"
    assert newcomer.get(link).status_code == 410  # used once
    assert count(app, AuditEvent, action="organisation.member_joined") == 1


def test_an_existing_user_accepts_while_signed_in(app, client, make_client, jobs, world):
    client.login(world.owner_admin)
    invite(client, email="occupant.admin@example.org", role="evaluator")
    jobs.run()
    link = link_in(outbox(app, "occupant.admin@example.org")[0][3], "/invitations/")
    member = make_client().login(world.occupant_admin)
    assert member.post(link, {}).status_code == 303
    with app.app_context():
        assert db.session.get(User, world.occupant_admin).membership_in(world.owner).role.value == "evaluator"


def test_an_invitation_expires_after_seven_days(app, client, make_client, jobs, world):
    start = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.login(world.owner_admin)
        invite(client)
        jobs.run()
    link = link_in(outbox(app, "nouvelle@example.org")[0][3], "/invitations/")
    with time_machine.travel(start + timedelta(days=6, hours=23), tick=False):
        assert make_client().get(link).status_code == 200
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        assert make_client().get(link).status_code == 410


def test_a_revoked_invitation_no_longer_works(app, client, make_client, jobs, world):
    client.login(world.owner_admin)
    invite(client)
    jobs.run()
    link = link_in(outbox(app, "nouvelle@example.org")[0][3], "/invitations/")
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    assert client.post(f"/o/owner-a/invitations/{invitation_id}/revoke").status_code == 303
    assert make_client().get(link).status_code == 410


def test_invite_form_errors_are_beside_their_fields(app, client, world):
    client.login(world.owner_admin)
    response = invite(client, email="not-an-address")
    assert response.status_code == 422
    assert "valid email" in field_error(response.get_data(as_text=True), "email")
    response = invite(client, role="moderator")  # not a role of a public owner
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "role")
    response = invite(client, email="owner.editor@example.org")
    assert response.status_code == 422
    assert "already a member" in field_error(response.get_data(as_text=True), "email")
    assert count(app, Invitation) == 0


def test_changing_a_role(app, client, world):
    client.login(world.owner_admin)
    with app.app_context():
        membership = db.session.scalar(select(Membership).where(Membership.user_id == world.owner_editor))
    assert client.post(f"/o/owner-a/members/{membership.id}/role", {"role": "evaluator"}).status_code == 303
    with app.app_context():
        assert db.session.get(Membership, membership.id).role.value == "evaluator"
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.member_role_changed"))
        assert event.changes["role"] == ["editor", "evaluator"]


def test_the_last_admin_cannot_step_down_or_be_removed(app, client, world):
    client.login(world.owner_admin)
    with app.app_context():
        own = db.session.scalar(select(Membership).where(Membership.user_id == world.owner_admin))
    response = client.post(f"/o/owner-a/members/{own.id}/role", {"role": "editor"}, follow_redirects=True)
    assert "at least one administrator" in response.get_data(as_text=True)
    assert client.post(f"/o/owner-a/members/{own.id}/remove").status_code == 403
    with app.app_context():
        assert db.session.get(Membership, own.id).role.value == "admin"


def test_removing_a_member_ends_their_access(app, client, make_client, world):
    client.login(world.owner_admin)
    editor = make_client().login(world.owner_editor)
    with app.app_context():
        membership = db.session.scalar(select(Membership).where(Membership.user_id == world.owner_editor))
    assert client.post(f"/o/owner-a/members/{membership.id}/remove").status_code == 303
    assert editor.get("/o/owner-a/").status_code == 404  # the membership is checked on every request


def test_another_tenants_member_ids_are_not_found(app, client, world):
    client.login(world.owner_admin)
    with app.app_context():
        foreign = db.session.scalar(select(Membership).where(Membership.user_id == world.other_owner_admin))
    assert client.post(f"/o/owner-a/members/{foreign.id}/remove").status_code == 404
    assert client.post(f"/o/owner-a/members/{foreign.id}/role", {"role": "editor"}).status_code == 404
    assert client.get("/o/owner-b/members").status_code == 404


def test_a_pending_organisation_cannot_invite_yet(client, world):
    client.login(world.pending_admin)
    assert client.post("/o/pending-c/members/invite", {"email": "x@example.org", "role": "editor",
                                                       "language": "fr"}).status_code == 403


def test_members_sign_in_with_the_password_they_chose(client, world):
    response = client.post("/login", {"email": "owner.editor@example.org", "password": PASSWORD})
    assert response.status_code == 303
