from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Membership, Organisation
from portal.organisations.workflow import OrganisationStatus
from tests.support.web import count, field_error

GOOD = {
    "name_fr": "Collectif du Canal", "name_nl": "Collectief van het Kanaal", "legal_form": "asbl",
    "enterprise_number": "0123.456.749", "commune": "molenbeek-saint-jean", "address": "Quai du Hainaut 41",
    "postcode": "1080", "contact_email": "bonjour@canal.example.org", "contact_phone": "", "website": "",
    "admin_name": "Nadia Benali", "admin_email": "Nadia@Canal.example.org", "admin_language": "nl",
    "password": "Quai-du-canal-2026", "confirm": "Quai-du-canal-2026",
}


def test_an_association_registers_and_waits_for_the_guichet(app, client, world):
    response = client.post("/register", GOOD)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/o/collectif-du-canal/")
    with app.app_context():
        organisation = db.session.scalar(select(Organisation).where(Organisation.slug == "collectif-du-canal"))
        assert organisation.status == OrganisationStatus.pending
        assert organisation.enterprise_number == "0123456749"
        [membership] = organisation.memberships
        assert (membership.user.email, membership.role.value, membership.user.language) == (
            "nadia@canal.example.org", "admin", "nl")
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.target_id == organisation.id,
                                                             AuditEvent.target_type == "organisations")).all()
        assert event.action == "organisation.registered"
        # Every Guichet member is told.
        told = {n.user_id for n in db.session.scalars(select(Notification).where(
            Notification.kind == "organisation.registered"))}
        assert told == {world.guichet_admin, world.guichet_moderator}
    # The new admin is signed in and sees the pending state and what comes next.
    page = client.get("/o/collectif-du-canal/").get_data(as_text=True)
    assert "Guichet" in page and 'lang="nl"' in page


def _refused(app, client, changes, field):
    before = (count(app, Organisation), count(app, User), count(app, Membership))
    response = client.post("/register", {**GOOD, **changes})
    assert response.status_code == 422
    assert (count(app, Organisation), count(app, User), count(app, Membership)) == before  # nothing half-saved
    return field_error(response.get_data(as_text=True), field)


def test_bad_enterprise_number(app, client, world):
    assert "not a valid enterprise number" in _refused(app, client, {"enterprise_number": "0123.456.748"},
                                                       "enterprise_number")


def test_bad_postcode(app, client, world):
    assert "starts with 1" in _refused(app, client, {"postcode": "9000"}, "postcode")


def test_missing_name(app, client, world):
    assert "required" in _refused(app, client, {"name_nl": "  "}, "name_nl")


def test_unknown_commune_or_legal_form(app, client, world):
    assert _refused(app, client, {"commune": "paris"}, "commune")
    assert _refused(app, client, {"legal_form": "sisp"}, "legal_form")  # owners' forms are not offered


def test_passwords_must_match(app, client, world):
    assert "not the same" in _refused(app, client, {"confirm": "Something-else-2026"}, "confirm")


def test_password_must_not_contain_the_name(app, client, world):
    assert "name or email" in _refused(app, client, {"password": "nadia-benali-2026", "confirm": "nadia-benali-2026"},
                                       "password")


def test_an_existing_account_is_asked_to_sign_in_first(app, client, world):
    assert "sign in first" in _refused(app, client, {"admin_email": "occupant.admin@example.org"}, "admin_email")


def test_an_enterprise_number_is_registered_once(app, client, world):
    client.post("/register", GOOD)
    other = {**GOOD, "name_fr": "Autre", "name_nl": "Ander", "admin_email": "autre@example.org"}
    assert "already registered" in _refused(app, client.__class__(app), other, "enterprise_number")


def test_a_signed_in_user_registers_another_organisation(app, client, world):
    client.login(world.occupant_admin)
    data = {k: v for k, v in GOOD.items() if not k.startswith("admin_") and k not in ("password", "confirm")}
    assert 'name="admin_email"' not in client.get("/register").get_data(as_text=True)
    response = client.post("/register", data)
    assert response.status_code == 303
    with app.app_context():
        user = db.session.get(User, world.occupant_admin)
        assert {m.organisation.slug for m in user.memberships} == {"occupant-a", "collectif-du-canal"}
