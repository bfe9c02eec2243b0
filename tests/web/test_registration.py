from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from portal import config
from portal.accounts.models import SignUp, User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Membership, Organisation
from portal.organisations.workflow import OrganisationStatus
from tests.support.web import count, field_error, link_in, outbox

GOOD = {
    "name_fr": "Collectif du Canal", "name_nl": "Collectief van het Kanaal", "legal_form": "asbl",
    "enterprise_number": "0123.456.749", "commune": "molenbeek-saint-jean", "address": "Quai du Hainaut 41",
    "postcode": "1080", "contact_email": "bonjour@canal.example.org", "contact_phone": "", "website": "",
    "admin_name": "Nadia Benali", "admin_email": "Nadia@Canal.example.org", "admin_language": "nl",
    "password": "Quai-des-peniches-2026", "confirm": "Quai-des-peniches-2026",
}


SENT = "/register/sent"
SAME_ANSWER = "Follow its link within 24 hours"


def confirmation_link(app, jobs, to: str) -> str:
    jobs.run()
    [mail] = [m for m in outbox(app, to) if "/register/confirm/" in m[3]]
    return link_in(mail[3], "/register/confirm/")


def test_an_association_registers_confirms_its_address_and_waits_for_the_guichet(app, client, make_client, world,
                                                                                  jobs):
    response = client.post("/register", GOOD)
    assert response.status_code == 303 and response.headers["Location"] == SENT
    assert SAME_ANSWER in client.get(SENT).get_data(as_text=True)
    # Nothing exists until the address is confirmed: no account, no organisation, nobody told.
    assert count(app, Organisation, slug="collectif-du-canal") == 0
    assert count(app, User, email="nadia@canal.example.org") == 0
    assert client.get("/dashboard").status_code == 302            # not signed in
    link = confirmation_link(app, jobs, "nadia@canal.example.org")
    page = client.get(link)
    assert page.status_code == 200 and "Collectif du Canal" in page.get_data(as_text=True)
    assert count(app, User, email="nadia@canal.example.org") == 0  # a GET never writes (a mail scanner opens links)
    response = client.post(link)
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
        assert db.session.scalar(select(SignUp)) is None           # nothing of it is kept once confirmed
    # The new admin is signed in and sees the pending state and what comes next.
    page = client.get("/o/collectif-du-canal/").get_data(as_text=True)
    assert "Het Loket controleert" in page and 'lang="nl"' in page   # in her language, Dutch
    # Signed in with the chosen password from then on.
    client.post("/logout")
    assert client.post("/login", {"email": GOOD["admin_email"], "password": GOOD["password"]}).status_code == 303
    # The link worked once.
    assert make_client().get(link).status_code == 410


def test_a_known_address_gets_the_same_answer_and_its_owner_an_email(app, client, make_client, world, jobs):
    unknown = client.post("/register", GOOD, follow_redirects=True)
    known = make_client().post("/register", {**GOOD, "admin_email": "Occupant.Admin@example.org",
                                             "enterprise_number": ""}, follow_redirects=True)
    assert (known.status_code, known.request.path) == (unknown.status_code, unknown.request.path) == (200, SENT)
    assert SAME_ANSWER in known.get_data(as_text=True) and SAME_ANSWER in unknown.get_data(as_text=True)
    jobs.run()
    [(_, language, subject, body)] = outbox(app, "occupant.admin@example.org")
    assert "/register/confirm/" not in body and "http://portal.test/login?next=/register" in body
    assert "already has an account" in body
    assert count(app, SignUp) == 1                                  # the unknown address's only
    assert count(app, Organisation, name_fr="Collectif du Canal") == 0


def test_registration_is_rate_limited(app, make_client, world, monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s")
    production = config.load(tmp_path, {"PORTAL_ENV": "production"})
    for key in ("REGISTRATION_LIMIT_PER_ADDRESS", "REGISTRATION_LIMIT_PER_EMAIL"):
        monkeypatch.setitem(app.config, key, production[key])
    client = make_client()
    statuses = [client.post("/register", {**GOOD, "admin_email": f"person{n}@example.org", "enterprise_number": ""}
                            ).status_code for n in range(25)]
    assert statuses[:10] == [303] * 10 and statuses[-1] == 429      # one address: ten an hour
    other = [make_client().post("/register", {**GOOD, "enterprise_number": ""},
                                environ_base={"REMOTE_ADDR": f"198.51.100.{n}"}).status_code for n in range(5)]
    assert other[:3] == [303] * 3 and other[-1] == 429              # one email address: three an hour


def test_a_confirmation_link_lasts_a_day(app, client, world, jobs):
    start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.post("/register", GOOD)
        link = confirmation_link(app, jobs, "nadia@canal.example.org")
    with time_machine.travel(start + timedelta(hours=25), tick=False):
        assert client.get(link).status_code == 410
        assert client.post(link).status_code in (303, 410)
    assert count(app, Organisation, slug="collectif-du-canal") == 0


def test_an_address_that_got_an_account_meanwhile_cannot_confirm_a_second(app, client, make_client, world, jobs):
    client.post("/register", GOOD)
    make_client().post("/register", {**GOOD, "name_fr": "Autre", "name_nl": "Ander", "enterprise_number": ""})
    jobs.run()
    first, second = [link_in(m[3], "/register/confirm/") for m in outbox(app, "nadia@canal.example.org")]
    assert client.post(first).status_code == 303
    other = make_client()
    response = other.post(second, follow_redirects=True)
    assert "already has an account" in response.get_data(as_text=True)
    assert count(app, Organisation, name_fr="Autre") == 0


def _refused(app, client, changes, field):
    before = (count(app, Organisation), count(app, User), count(app, Membership), count(app, SignUp))
    response = client.post("/register", {**GOOD, **changes})
    assert response.status_code == 422
    assert (count(app, Organisation), count(app, User), count(app, Membership), count(app, SignUp)) == before
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
    assert "Do not use your name" in _refused(app, client, {"password": "nadia-benali-2026",
                                                            "confirm": "nadia-benali-2026"}, "password")


def test_an_enterprise_number_is_registered_once(app, client, world, jobs):
    client.post("/register", GOOD)
    client.post(confirmation_link(app, jobs, "nadia@canal.example.org"))
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
