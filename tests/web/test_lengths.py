"""One length limit for a password, the same in every form (a password accepted when chosen is accepted at
sign-in), and file names that cannot disguise themselves with right-to-left overrides or other invisible
characters."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select
from wtforms import PasswordField

from calls.applications.models import Attachment
from occupancies.workflow import PublicationStatus
from portal import clock
from portal.accounts.models import User
from portal.accounts.rules import hash_token, make_reset_token
from portal.extensions import db
from portal.forms import MAX_PASSWORD_LENGTH, BaseForm
from portal.organisations.models import Invitation, Organisation
from portal.roles import Role
from tests.support.calls import make_application, make_call
from tests.support.factories import PASSWORD
from tests.support.sites import make_site, make_unit
from tests.support.web import count, field_error

LONGEST = ("Le-vent-souffle-sur-les-toits-de-Molenbeek-" * 20)[:MAX_PASSWORD_LENGTH]   # as long as one may be
TOO_LONG = LONGEST + "x"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(client, email, password):
    return client.post("/login", {"email": email, "password": password})


def test_the_limit_is_the_one_sign_in_has_always_had():
    assert MAX_PASSWORD_LENGTH == 500 and len(LONGEST) == 500


def _reset_path(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        return "/password/reset/" + make_reset_token(app.config["SECRET_KEY"], user.id, user.password_hash)


def test_a_reset_refuses_a_password_longer_than_sign_in_accepts_and_takes_the_longest(app, client, world):
    response = client.post(_reset_path(app, world.owner_admin), {"password": TOO_LONG, "confirm": TOO_LONG})
    assert response.status_code == 422
    assert "At most 500 characters" in field_error(response.get_data(as_text=True), "password")
    response = client.post(_reset_path(app, world.owner_admin), {"password": LONGEST, "confirm": LONGEST})
    assert response.status_code == 303
    assert sign_in(client, "owner.admin@example.org", LONGEST).status_code == 303


def test_a_change_of_password_has_the_same_limit(app, client, world):
    client.login(world.owner_admin)
    data = {"current_password": PASSWORD, "password": TOO_LONG, "confirm": TOO_LONG}
    response = client.post("/account/password", data)
    assert "At most 500 characters" in field_error(response.get_data(as_text=True), "password")
    assert client.post("/account/password", {**data, "password": LONGEST, "confirm": LONGEST}).status_code == 303


def test_an_invitation_has_the_same_limit(app, client, world):
    with app.app_context():
        db.session.add(Invitation(organisation_id=world.owner, email="new.person@example.org", role=Role.editor,
                                  token_hash=hash_token("a-token"), invited_by_id=world.owner_admin,
                                  expires_at=clock.now() + timedelta(days=7)))
        db.session.commit()
    data = {"name": "Nouvelle Personne", "language": "fr", "password": TOO_LONG, "confirm": TOO_LONG}
    response = client.post("/invitations/a-token", data)
    assert "At most 500 characters" in field_error(response.get_data(as_text=True), "password")
    assert count(app, User, email="new.person@example.org") == 0


def test_the_registration_has_the_same_limit(app, client, world):
    response = client.post("/register", {
        "name_fr": "Collectif", "name_nl": "Collectief", "legal_form": "asbl", "commune": "evere",
        "address": "Rue 1", "postcode": "1140", "contact_email": "c@example.org", "admin_name": "Nadia Benali",
        "admin_email": "nadia@example.org", "admin_language": "fr", "password": TOO_LONG, "confirm": TOO_LONG})
    assert "At most 500 characters" in field_error(response.get_data(as_text=True), "password")


def test_every_password_field_of_every_form_has_the_limit(app):
    class Signature(BaseForm):  # a form of any feature, declared as features declare theirs
        password = PasswordField("Your password")

    with app.test_request_context(method="POST", data={"password": TOO_LONG}, headers={"Accept-Language": "en"}):
        current_app.config["WTF_CSRF_ENABLED"] = False
        try:
            form = Signature()
            assert not form.validate() and form.password.errors == ["At most 500 characters."]
            assert Signature(data={"password": LONGEST}, formdata=None).validate()
        finally:
            current_app.config["WTF_CSRF_ENABLED"] = True


@pytest.fixture
def draft(app, world):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        call = make_call(site, units=[make_unit(site, "Rez")])
        application = make_application(call, db.session.get(Organisation, world.occupant), complete=False)
        db.session.commit()
        return application.id


@pytest.mark.parametrize("name", [
    "devis\N{RIGHT-TO-LEFT OVERRIDE}fdp.pdf",            # shown as "devispdf.pdf"-like, reversed
    "budget\N{LEFT-TO-RIGHT EMBEDDING}.pdf",
    "budget\N{RIGHT-TO-LEFT ISOLATE}.pdf",
    "budget\N{ZERO WIDTH JOINER}.pdf",
    "budget\N{ZERO WIDTH NO-BREAK SPACE}.pdf",
    "budget\x85.pdf",                                   # a C1 control (next line)
    "budget\N{LINE SEPARATOR}.pdf",
])
def test_a_file_name_with_an_override_or_control_character_is_refused(app, client, world, draft, name):
    client.login(world.occupant_admin)
    response = client.post(f"/o/occupant-a/applications/{draft}/attachments", {"file": (io.BytesIO(PDF), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "invisible" in field_error(response.get_data(as_text=True), "file")
    with app.app_context():
        assert db.session.scalar(select(Attachment)) is None


def test_a_plain_accented_file_name_is_kept(app, client, world, draft):
    client.login(world.occupant_admin)
    response = client.post(f"/o/occupant-a/applications/{draft}/attachments",
                           {"file": (io.BytesIO(PDF), "Budget Trèfles 2027 (v2).pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Attachment)).original_name == "Budget Trèfles 2027 (v2).pdf"
