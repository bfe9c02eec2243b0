"""Signing in with an unknown address costs the same work as with a wrong password, so that the time of the answer
does not tell which addresses have an account: both verify one Argon2 hash, and nothing else hashes."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from tests.support.factories import PASSWORD


@pytest.fixture
def argon2_work(monkeypatch):
    """Every Argon2 computation (a hash or a verification), by name, as the request makes them."""
    done: list[str] = []
    hash_, verify = PasswordHasher.hash, PasswordHasher.verify

    def counted_hash(self, *args, **kwargs):
        done.append("hash")
        return hash_(self, *args, **kwargs)

    def counted_verify(self, *args, **kwargs):
        done.append("verify")
        return verify(self, *args, **kwargs)

    monkeypatch.setattr(PasswordHasher, "hash", counted_hash)
    monkeypatch.setattr(PasswordHasher, "verify", counted_verify)
    return done


def _work(client, argon2_work, email, password, address):
    """The Argon2 work of a sign-in, after a first one that may prepare what every later one uses (each from its
    own address, so that no delay between failed attempts comes into play)."""
    environ = {"REMOTE_ADDR": address}
    client.post("/login", {"email": email, "password": "Warm-up-password-0"}, environ_base=environ)
    argon2_work.clear()
    response = client.post("/login", {"email": email, "password": password}, environ_base=environ)
    return response.status_code, list(argon2_work)


def test_an_unknown_address_costs_what_a_wrong_password_costs(client, world, argon2_work):
    unknown = _work(client, argon2_work, "nobody@example.org", "Wrong-password-123", "192.0.2.1")
    wrong = _work(client, argon2_work, "owner.admin@example.org", "Wrong-password-123", "192.0.2.2")
    right = _work(client, argon2_work, "owner.admin@example.org", PASSWORD, "192.0.2.3")
    assert unknown == (422, ["verify"])
    assert wrong == (422, ["verify"])
    assert right == (303, ["verify"])


def test_registering_a_known_or_an_unknown_address_costs_the_same(make_client, world, argon2_work):
    form = {"name_fr": "Collectif", "name_nl": "Collectief", "legal_form": "asbl", "commune": "evere",
            "address": "Rue 1", "postcode": "1140", "contact_email": "c@example.org", "admin_name": "Nadia Benali",
            "admin_language": "fr", "password": "Quai-du-canal-2026", "confirm": "Quai-du-canal-2026"}
    answers = []
    for email in ("nobody@example.org", "occupant.admin@example.org"):
        argon2_work.clear()
        response = make_client().post("/register", {**form, "admin_email": email})
        answers.append((response.status_code, response.headers["Location"], list(argon2_work)))
    assert answers[0] == answers[1] == (303, "/register/sent", ["hash"])
