from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from portal.accounts import rules

SECRET = "secret"
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def test_reset_token_round_trip_and_single_use():
    with time_machine.travel(T0, tick=False):
        token = rules.make_reset_token(SECRET, 7, "hash-before")
        user_id, fingerprint = rules.read_reset_token(SECRET, token, max_age=3600)
    assert user_id == 7
    assert rules.reset_token_matches(fingerprint, "hash-before")
    # Using the token changes the password hash: the same token no longer matches.
    assert not rules.reset_token_matches(fingerprint, "hash-after")


def test_reset_token_expires_after_an_hour():
    with time_machine.travel(T0, tick=False):
        token = rules.make_reset_token(SECRET, 7, "hash")
    with time_machine.travel(T0 + timedelta(minutes=59), tick=False):
        assert rules.read_reset_token(SECRET, token, max_age=3600)[0] == 7
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        with pytest.raises(rules.TokenError) as error:
            rules.read_reset_token(SECRET, token, max_age=3600)
    assert error.value.code == "expired"


@pytest.mark.parametrize("token", ["", "garbage", "eyJ1Ijo3fQ.forged.signature"])
def test_reset_token_forged(token):
    with pytest.raises(rules.TokenError) as error:
        rules.read_reset_token(SECRET, token, max_age=3600)
    assert error.value.code == "invalid"


def test_reset_token_signed_with_another_key_is_refused():
    token = rules.make_reset_token("another-secret", 7, "hash")
    with pytest.raises(rules.TokenError):
        rules.read_reset_token(SECRET, token, max_age=3600)


def test_invitation_tokens_are_random_and_only_their_hash_is_kept():
    token, digest = rules.new_invitation_token()
    other, other_digest = rules.new_invitation_token()
    assert token != other and digest != other_digest
    assert rules.hash_token(token) == digest
    assert token not in digest and len(token) >= 40
