"""Failed sign-ins slow the attacker, not the owner: delays that grow per account and address pair, an account lock
only after many failures from everywhere, lifted by choosing a new password through a reset link, a cap per address
that an office behind one address never reaches, and the client's address read behind the trusted proxies only."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from portal import config
from tests.support.factories import PASSWORD
from tests.support.web import field_error, link_in, outbox

OWNER = "owner.admin@example.org"
ATTACKER, HOME, OFFICE = "203.0.113.9", "198.51.100.7", "192.0.2.50"
START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def sign_in(client, email, password, address, **headers):
    return client.post("/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address},
                       headers=headers)


@pytest.fixture
def production_limits(app, monkeypatch, tmp_path):
    """The sign-in limits of production (tests run with looser ones, so that their sign-ins never meet them)."""
    monkeypatch.setenv("SECRET_KEY", "s")
    for key, value in config.load(tmp_path, {"PORTAL_ENV": "production"}).items():
        if key.startswith("SIGNIN_"):
            monkeypatch.setitem(app.config, key, value)


def test_the_owner_signs_in_from_their_address_while_an_attacker_fails_from_another(client, make_client, world,
                                                                                    production_limits):
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(12):
            sign_in(client, OWNER, f"Guess-number-{n}", ATTACKER)
            traveller.shift(timedelta(seconds=30))
        assert sign_in(make_client(), OWNER, PASSWORD, HOME).status_code == 303


def test_failures_from_one_address_make_it_wait_longer_each_time(client, world):
    with time_machine.travel(START, tick=False) as traveller:
        statuses = [sign_in(client, OWNER, f"Guess-number-{n}", ATTACKER).status_code for n in range(3)]
        assert statuses == [422, 422, 422]                      # three free attempts
        waits = []
        for n in range(4):
            held = sign_in(client, OWNER, PASSWORD, ATTACKER)   # even the right password waits: nothing is checked
            assert held.status_code == 429
            waits.append(int(held.headers["Retry-After"]))
            assert "wait" in field_error(held.get_data(as_text=True), "password")
            traveller.shift(timedelta(seconds=waits[-1]))
            assert sign_in(client, OWNER, f"Guess-again-{n}", ATTACKER).status_code == 422
        assert waits == [1, 2, 4, 8]
        traveller.shift(timedelta(seconds=16))
        assert sign_in(client, OWNER, PASSWORD, ATTACKER).status_code == 303   # the owner, after the wait
        client.post("/logout")
        # A success starts the count again: three free attempts.
        assert [sign_in(client, OWNER, "Wrong-password-1", ATTACKER).status_code for _ in range(3)] == [422] * 3


def test_the_wait_never_passes_a_quarter_of_an_hour(client, world):
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(20):
            response = sign_in(client, OWNER, f"Guess-number-{n}", ATTACKER)
            if response.status_code == 429:
                traveller.shift(timedelta(seconds=int(response.headers["Retry-After"])))
                response = sign_in(client, OWNER, f"Guess-number-{n}", ATTACKER)
            assert response.status_code == 422
        assert int(sign_in(client, OWNER, PASSWORD, ATTACKER).headers["Retry-After"]) == 15 * 60


def test_an_office_behind_one_address_is_never_blocked_by_its_colleagues_typing_errors(make_client, world,
                                                                                       production_limits):
    with time_machine.travel(START, tick=False):
        for n in range(60):    # sixty colleagues mistype their password within the same quarter of an hour
            assert sign_in(make_client(), f"colleague{n}@commune.example.org", "Typing-error-1", OFFICE
                           ).status_code == 422
        assert sign_in(make_client(), OWNER, PASSWORD, OFFICE).status_code == 303


def test_many_failures_from_everywhere_lock_the_account_until_a_new_password_is_chosen(app, client, make_client,
                                                                                      world, jobs, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNIN_ACCOUNT_LOCKOUT", 6)
    with time_machine.travel(START, tick=False):
        for n in range(6):   # a guess from each of six addresses: no address is made to wait
            assert sign_in(make_client(), OWNER, f"Guess-number-{n}", f"203.0.113.{n + 1}").status_code == 422
        locked = sign_in(make_client(), OWNER, PASSWORD, HOME)
        assert locked.status_code == 429 and "Retry-After" not in locked.headers
        message = field_error(locked.get_data(as_text=True), "password")
        assert "new password" in message
        # The same words for an address with no account: the lock tells nothing about who has one.
        for n in range(6):
            sign_in(make_client(), "nobody@example.org", f"Guess-number-{n}", f"203.0.113.{n + 1}")
        unknown = sign_in(make_client(), "nobody@example.org", PASSWORD, HOME)
        assert unknown.status_code == 429 and field_error(unknown.get_data(as_text=True), "password") == message
        # The owner asks for a reset link and chooses a new password: the lock is lifted, everywhere.
        make_client().post("/password/forgot", {"email": OWNER})
        jobs.run()
        link = link_in(outbox(app, OWNER)[-1][3], "/password/reset/")
        assert make_client().post(link, {"password": "Brand-new-secret-1", "confirm": "Brand-new-secret-1"}
                                  ).status_code == 303
        assert sign_in(make_client(), OWNER, "Brand-new-secret-1", HOME).status_code == 303
        assert sign_in(make_client(), OWNER, "Wrong-password-1", "203.0.113.1").status_code == 422


def test_a_forwarded_address_is_believed_only_from_a_trusted_proxy(app, client, world, monkeypatch):
    with time_machine.travel(START, tick=False):
        # No trusted proxy (the default): X-Forwarded-For is the client's own claim, and ignored.
        for n in range(3):
            sign_in(client, OWNER, f"Guess-number-{n}", ATTACKER, **{"X-Forwarded-For": f"10.0.0.{n}"})
        assert sign_in(client, OWNER, PASSWORD, ATTACKER, **{"X-Forwarded-For": "10.0.0.99"}).status_code == 429
        # Behind one trusted proxy, the address it saw is the client's: two people behind it are two addresses.
        monkeypatch.setitem(app.config, "TRUSTED_PROXIES", 1)
        proxy = "10.1.1.1"
        for n in range(3):
            sign_in(client, OWNER, f"Guess-number-{n}", proxy, **{"X-Forwarded-For": ATTACKER})
        assert sign_in(client, OWNER, PASSWORD, proxy, **{"X-Forwarded-For": ATTACKER}).status_code == 429
        assert sign_in(client, OWNER, PASSWORD, proxy, **{"X-Forwarded-For": f"{ATTACKER}, {HOME}"}
                       ).status_code == 303


def test_proxies_are_configured_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert config.load(tmp_path, {"SECRET_KEY": "s"})["TRUSTED_PROXIES"] == 2
    monkeypatch.delenv("TRUSTED_PROXIES")
    assert config.load(tmp_path, {"SECRET_KEY": "s"})["TRUSTED_PROXIES"] == 0


def test_only_a_429_says_how_long_to_wait(app, client, world, monkeypatch):
    assert "Retry-After" not in client.get("/login").headers
    assert not [h for h in sign_in(client, OWNER, "Wrong-password-1", HOME).headers if h[0].startswith("X-RateLimit")]
    monkeypatch.setitem(app.config, "SIGNIN_LIMIT_PER_ADDRESS", "2 per hour")
    statuses = [sign_in(client, f"someone{n}@example.org", "Wrong-password-1", OFFICE) for n in range(3)]
    assert [r.status_code for r in statuses] == [422, 422, 429]
    assert 3500 <= int(statuses[-1].headers["Retry-After"]) <= 3601


def test_failures_are_counted_even_where_the_rate_limits_are_turned_off(app, client, world, monkeypatch):
    """A script that turns the limiter off (RATELIMIT_ENABLED: the limiter then sets up no storage) still signs in,
    and failed sign-ins still slow the next ones (the sign-in answered 500 there)."""
    from portal.extensions import limiter

    monkeypatch.setitem(app.config, "RATELIMIT_ENABLED", False)
    monkeypatch.setattr(limiter, "enabled", False)        # as init_app leaves it for such an app: no storage
    monkeypatch.setattr(limiter, "_storage", None)
    monkeypatch.delitem(app.extensions, "signin_failure_counts", raising=False)
    with time_machine.travel(START, tick=False):
        statuses = [sign_in(client, OWNER, f"Guess-number-{n}", ATTACKER).status_code for n in range(3)]
        assert statuses == [422, 422, 422]
        assert sign_in(client, OWNER, PASSWORD, ATTACKER).status_code == 429
        assert sign_in(client, OWNER, PASSWORD, HOME).status_code == 303
