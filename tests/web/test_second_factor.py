"""The second factor through the pages: setting it up with a QR code, signing in with a code or a recovery code
(each once), the set-up period of those who must have one, a Guichet admin's reset, new recovery codes, turning it
off, and signing an agreement without one."""
import re
from datetime import UTC, datetime, timedelta

import pyotp
import time_machine
from sqlalchemy import select

from portal.accounts.models import RecoveryCode, User
from portal.accounts.rules import hash_recovery_code
from portal.audit.models import AuditEvent
from portal.demo.second_factor import demo_recovery_codes
from portal.extensions import db
from portal.organisations.models import Membership, Organisation
from portal.roles import Role
from tests.support.factories import PASSWORD, code_of, make_user
from tests.support.web import count, field_error, outbox

NOW = datetime(2026, 12, 3, 9, 0, 5, tzinfo=UTC)


def _user(app, user_id) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def _secret_on_page(html: str) -> str:
    start = html.index('id="totp-key">') + len('id="totp-key">')
    return html[start:html.index("</code>", start)].replace(" ", "")


def test_a_person_sets_up_a_second_factor_with_the_qr_code_and_keeps_ten_recovery_codes(app, client, world, jobs):
    client.login(world.owner_editor)
    page = client.get("/account/second-factor/").get_data(as_text=True)
    assert "Set up a second factor" in page and "<svg" not in page
    assert client.post("/account/second-factor/start").status_code == 303
    page = client.get("/account/second-factor/").get_data(as_text=True)
    assert '<svg role="img"' in page and "<title>QR code to scan" in page
    secret = _secret_on_page(page)
    assert _secret_on_page(client.get("/account/second-factor/").get_data(as_text=True)) == secret  # a GET draws none

    wrong = client.post("/account/second-factor/confirm", {"code": "000000"})
    assert wrong.status_code == 422
    assert "not the code your application shows" in field_error(wrong.get_data(as_text=True), "code")
    assert _user(app, world.owner_editor).totp_secret is None
    assert count(app, RecoveryCode, user_id=world.owner_editor) == 0

    response = client.post("/account/second-factor/confirm", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    listed = response.get_data(as_text=True).split('id="recovery-codes"')[1].split("</ul>")[0]
    codes = re.findall(r"<li>([a-z0-9]{5}-[a-z0-9]{5})</li>", listed)
    assert len(codes) == 10 and len(set(codes)) == 10
    person = _user(app, world.owner_editor)
    assert person.totp_secret == secret and person.totp_pending_secret is None and person.second_factor_since
    with app.app_context():
        kept = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == person.id)).all()
    assert sorted(kept) == sorted(hash_recovery_code(code) for code in codes)     # digests only
    assert count(app, AuditEvent, action="user.second_factor_enabled", target_id=person.id) == 1
    jobs.run()
    assert any(mail[2] == "Your second factor is set up" for mail in outbox(app, "owner.editor@example.org"))
    page = client.get("/account/second-factor/").get_data(as_text=True)
    assert "10 recovery codes left." in page and "Turn off the second factor" in page
    # Set up already: a second start changes nothing.
    client.post("/account/second-factor/start")
    assert _user(app, world.owner_editor).totp_pending_secret is None


def test_signing_in_asks_for_the_code_after_the_password_and_a_code_works_once(app, make_client, world):
    laptop = make_client()
    response = laptop.post("/login", {"email": "owner.admin@example.org", "password": PASSWORD})
    assert response.status_code == 303 and response.headers["Location"] == "/login/code"
    assert laptop.get("/dashboard").status_code == 302                 # not signed in yet
    assert "authenticator application" in laptop.get("/login/code").get_data(as_text=True)
    wrong = laptop.post("/login/code", {"code": "123456"})
    assert wrong.status_code == 422
    assert "not right or has expired" in field_error(wrong.get_data(as_text=True), "code")
    with app.app_context():
        code = code_of(world.owner_admin)
    assert laptop.post("/login/code", {"code": code}).headers["Location"] == "/dashboard"
    assert laptop.get("/o/owner-a/").status_code == 200

    phone = make_client()     # the same code, typed again elsewhere, is refused
    phone.post("/login", {"email": "owner.admin@example.org", "password": PASSWORD})
    again = phone.post("/login/code", {"code": code})
    assert again.status_code == 422
    assert "already been used" in field_error(again.get_data(as_text=True), "code")
    assert phone.get("/dashboard").status_code == 302


def test_the_code_must_follow_the_password_within_five_minutes(app, client, world):
    with time_machine.travel(NOW, tick=False):
        client.post("/login", {"email": "owner.admin@example.org", "password": PASSWORD})
    with time_machine.travel(NOW + timedelta(minutes=5, seconds=1), tick=False):
        with app.app_context():
            code = code_of(world.owner_admin)
        response = client.post("/login/code", {"code": code})
        assert response.status_code == 303 and response.headers["Location"] == "/login"
        assert client.get("/dashboard").status_code == 302


def test_a_frozen_clock_shows_the_window_of_a_code_at_sign_in(app, make_client, world):
    secret = _user(app, world.owner_admin).totp_secret
    code = pyotp.TOTP(secret).at(NOW)
    with time_machine.travel(NOW + timedelta(seconds=65), tick=False):      # two steps later: expired
        client = make_client()
        client.post("/login", {"email": "owner.admin@example.org", "password": PASSWORD})
        assert client.post("/login/code", {"code": code}).status_code == 422
    with time_machine.travel(NOW + timedelta(seconds=40), tick=False):      # the step after: still accepted
        assert client.post("/login/code", {"code": code}).status_code == 303


def test_many_wrong_codes_make_the_next_attempt_wait(app, client, world):
    client.post("/login", {"email": "owner.admin@example.org", "password": PASSWORD})
    statuses = [client.post("/login/code", {"code": "000000"}).status_code for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429
    held = client.post("/login/code", {"code": "000000"})
    assert held.status_code == 429 and int(held.headers["Retry-After"]) > 0
    assert "wrong codes in a row" in field_error(held.get_data(as_text=True), "code")


def test_a_recovery_code_signs_in_once_and_the_person_is_told_how_many_are_left(app, make_client, world, jobs):
    first = demo_recovery_codes("occupant.admin@example.org")[0]
    client = make_client()
    client.post("/login", {"email": "occupant.admin@example.org", "password": PASSWORD})
    assert client.post("/login/code", {"code": first.upper()}).headers["Location"] == "/dashboard"
    assert count(app, AuditEvent, action="user.recovery_code_used") == 1
    jobs.run()
    mails = outbox(app, "occupant.admin@example.org")
    assert mails[-1][2] == "A recovery code was used to sign in" and "9 codes are left" in mails[-1][3]
    again = make_client()
    again.post("/login", {"email": "occupant.admin@example.org", "password": PASSWORD})
    refused = again.post("/login/code", {"code": first})
    assert refused.status_code == 422
    assert "already been used" in field_error(refused.get_data(as_text=True), "code")
    assert "9 recovery codes left." in client.get("/account/second-factor/").get_data(as_text=True)


def _new_guichet_admin(app) -> int:
    with app.app_context():
        person = make_user("new.guichet@example.org", name="Nina New")
        guichet = db.session.scalar(select(Organisation).where(Organisation.slug == "guichet"))
        db.session.add(Membership(user=person, organisation=guichet, role=Role.admin))
        db.session.commit()
        return person.id


def test_the_guichets_staff_have_a_set_up_period_then_the_password_alone_is_refused(app, make_client, world, jobs):
    nina = _new_guichet_admin(app)
    with time_machine.travel(NOW, tick=False):
        client = make_client()
        assert client.sign_in("new.guichet@example.org").headers["Location"] == "/dashboard"
        due = _user(app, nina).second_factor_due_at
        assert due == NOW + timedelta(days=14)
        page = client.get("/guichet/").get_data(as_text=True)
        assert 'id="second-factor-reminder"' in page and "set it up before" in page
    with time_machine.travel(NOW + timedelta(days=14), tick=False):
        late = make_client().post("/login", {"email": "new.guichet@example.org", "password": PASSWORD})
        assert late.status_code == 422
        assert "needs a second factor since" in field_error(late.get_data(as_text=True), "password")
        # Another Guichet admin gives a new period: the person is told, and may sign in for three days.
        admin = make_client().login(world.guichet_admin)
        refused = admin.post(f"/guichet/users/{nina}/second-factor/reset", {"reset-reason": " "})
        assert refused.status_code == 422
        assert f'id="reset-reason-{nina}-error"' in refused.get_data(as_text=True)
        assert admin.post(f"/guichet/users/{nina}/second-factor/reset",
                          {"reset-reason": "Asked by phone; identity checked by a call back."}).status_code == 303
        assert _user(app, nina).second_factor_due_at == NOW + timedelta(days=17)
        event = count(app, AuditEvent, action="user.second_factor_reset", target_id=nina)
        assert event == 1
        jobs.run()
        assert outbox(app, "new.guichet@example.org")[-1][2] == \
            "A Guichet administrator has reset your second factor"
        assert make_client().sign_in("new.guichet@example.org").status_code == 303


def test_a_reset_ends_the_sessions_and_the_lost_second_factor(app, make_client, world):
    occupant = make_client()
    occupant.sign_in("occupant.admin@example.org")
    assert occupant.get("/o/occupant-a/").status_code == 200
    admin = make_client().login(world.guichet_admin)
    assert admin.post(f"/guichet/users/{world.occupant_admin}/second-factor/reset",
                      {"reset-reason": "Lost phone and codes, checked in person."}).status_code == 303
    assert occupant.get("/o/occupant-a/").status_code == 302        # signed out
    person = _user(app, world.occupant_admin)
    assert person.totp_secret is None and count(app, RecoveryCode, user_id=person.id) == 0
    # The password alone opens the account again, for the new period.
    assert make_client().sign_in("occupant.admin@example.org").headers["Location"] == "/dashboard"


def test_only_another_guichet_admin_resets_a_second_factor(app, make_client, world):
    admin = make_client().login(world.guichet_admin)
    assert admin.post(f"/guichet/users/{world.guichet_admin}/second-factor/reset",
                      {"reset-reason": "Mine"}).status_code == 403
    moderator = make_client().login(world.guichet_moderator)
    assert moderator.post(f"/guichet/users/{world.owner_admin}/second-factor/reset",
                          {"reset-reason": "No"}).status_code == 403
    owner = make_client().login(world.owner_admin)
    assert owner.post(f"/guichet/users/{world.occupant_admin}/second-factor/reset",
                      {"reset-reason": "No"}).status_code == 404
    assert _user(app, world.owner_admin).totp_secret is not None


def test_new_recovery_codes_need_a_code_and_void_the_old_ones(app, client, world):
    client.login(world.owner_admin)
    wrong = client.post("/account/second-factor/recovery-codes", {"renew-code": "111111"})
    assert wrong.status_code == 422 and "not right" in field_error(wrong.get_data(as_text=True), "renew-code")
    response = client.post("/account/second-factor/recovery-codes", {"renew-code": client.code()})
    assert response.status_code == 200 and "the old ones no longer work" in response.get_data(as_text=True)
    old = demo_recovery_codes("owner.admin@example.org")[0]
    with app.app_context():
        assert db.session.scalar(select(RecoveryCode).where(RecoveryCode.code_hash == hash_recovery_code(old))) is None
    assert count(app, RecoveryCode, user_id=world.owner_admin) == 10


def test_someone_whose_role_requires_it_cannot_turn_it_off_others_can_with_their_password(app, make_client, world):
    admin = make_client().login(world.owner_admin)
    refused = admin.post("/account/second-factor/off", {"password": PASSWORD})
    assert refused.status_code == 422 and "cannot be turned off" in refused.get_data(as_text=True)
    with app.app_context():      # an editor who chose to have one
        from portal.demo.second_factor import enrol

        enrol(db.session.get(User, world.owner_editor))
        db.session.commit()
    editor = make_client().login(world.owner_editor)
    assert "Turn off the second factor" in editor.get("/account/second-factor/").get_data(as_text=True)
    wrong = editor.post("/account/second-factor/off", {"password": "not-my-password"})
    assert wrong.status_code == 422 and "not your current password" in field_error(wrong.get_data(as_text=True),
                                                                                  "password")
    assert editor.post("/account/second-factor/off", {"password": PASSWORD}).status_code == 303
    assert _user(app, world.owner_editor).totp_secret is None
    assert count(app, AuditEvent, action="user.second_factor_disabled") == 1


def test_the_account_page_and_the_guichets_list_say_who_has_one(app, make_client, world):
    page = make_client().login(world.owner_editor).get("/account").get_data(as_text=True)
    assert "Not set up" in page and "/account/second-factor/" in page
    listing = make_client().login(world.guichet_admin).get("/guichet/users/").get_data(as_text=True)
    assert f"/guichet/users/{world.owner_admin}/second-factor/reset" in listing
    assert f"/guichet/users/{world.guichet_admin}/second-factor/reset" not in listing      # not one's own


def test_the_demo_prints_how_to_pass_its_second_factors_and_flask_demo_codes_does(app, client):
    from portal.demo.organisations import DEMO_PASSWORD
    from portal.demo.second_factor import demo_secret

    runner = app.test_cli_runner()
    with app.test_request_context():
        loaded = runner.invoke(args=["demo", "load"])
    assert loaded.exit_code == 0, loaded.output
    admin = "guichet.admin@demo.entretemps.brussels"
    assert f"{admin:<52} {demo_secret(admin)}" in loaded.output
    printed = {line.split()[0]: line.split()[1:] for line in runner.invoke(args=["demo", "codes"]).output.splitlines()
               if "@" in line}
    assert {"guichet.admin@demo.entretemps.brussels", "owner.admin@demo.entretemps.brussels",
            "occupant.admin@demo.entretemps.brussels"} <= set(printed)
    assert "owner.editor@demo.entretemps.brussels" not in printed        # an editor needs none
    response = client.post("/login", {"email": admin, "password": DEMO_PASSWORD})
    assert response.headers["Location"] == "/login/code"
    assert client.post("/login/code", {"code": printed[admin][0]}).headers["Location"] == "/dashboard"
    other = client.__class__(app)    # and a recovery code, once
    other.post("/login", {"email": "owner.admin@demo.entretemps.brussels", "password": DEMO_PASSWORD})
    assert other.post("/login/code", {"code": printed["owner.admin@demo.entretemps.brussels"][1]}).status_code == 303


def test_the_demo_is_never_loaded_in_production(app):
    app.config["PORTAL_ENV"] = "production"
    try:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
    finally:
        app.config["PORTAL_ENV"] = "testing"
    assert result.exit_code != 0 and "never loaded in production" in result.output
    assert count(app, User) == 0
