"""The only writers of accounts: one function per state change."""
from __future__ import annotations

import functools
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import format_timedelta
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from portal import audit, clock
from portal.accounts import queries, rules
from portal.accounts.models import SignUp, User
from portal.accounts.permissions import can_disable_user
from portal.errors import OperationError
from portal.extensions import db
from portal.notifications import notify, send_email_to_address
from portal.permissions import require


def _hasher() -> PasswordHasher:
    if current_app.config.get("TESTING"):
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # fast, for tests only
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def create_user(*, email: str, name: str, password: str, language: str = "fr") -> User:
    user = User(email=rules.normalise_email(email), name=name.strip(), password_hash=hash_password(password),
                language=language)
    db.session.add(user)
    db.session.flush()
    return user


@functools.cache
def _stand_in_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    """A hash made with the current parameters, computed once per process, for the addresses with no account."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism).hash(
        secrets.token_urlsafe(16))


def authenticate(email: str, password: str) -> User | None:
    """The user whose credentials these are, if active; None otherwise (same answer for every failure)."""
    return _verified(queries.find_user_by_email(email), password)


def _verified(user: User | None, password: str) -> User | None:
    """The user, if active and this is their password; None otherwise.

    An address with no account verifies the password against a stand-in hash made once with the same parameters:
    one Argon2 verification, as for a wrong password, so that the time of the answer does not tell which addresses
    have an account (hashing a password first, as this once did, made it twice the work)."""
    hasher = _hasher()
    if user is None:
        try:
            hasher.verify(_stand_in_hash(hasher.time_cost, hasher.memory_cost, hasher.parallelism), password)
        except VerificationError:
            pass
        return None
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_sign_up(*, email: str, name: str, password: str, language: str, purpose: str, payload: dict,
                  confirm_link, existing_link: str) -> None:
    """Someone asks for an account: the address must be shown to be theirs before anything is created.

    An address with no account is sent a link (`confirm_link(token)`) that creates the account and does what the
    `purpose` says with `payload` (complete_sign_up). An address that has an account is sent a message that says
    so, with `existing_link` to sign in. The caller answers the same either way, and both ways cost the same work
    (the password is hashed in both), so that registering tells nobody which addresses have an account."""
    email = rules.normalise_email(email)
    password_hash = hash_password(password)
    now = clock.now()
    db.session.execute(delete(SignUp).where(SignUp.expires_at <= now))   # no address kept past its day
    user = queries.find_user_by_email(email)
    if user is not None:
        if user.active:
            send_email_to_address(user.email, user.language, "user.sign_up_existing", {"name": user.name},
                                  existing_link)
        return
    token, token_hash = rules.new_invitation_token()
    db.session.add(SignUp(email=email, name=name.strip(), password_hash=password_hash, language=language,
                          purpose=purpose, payload=payload, token_hash=token_hash,
                          expires_at=now + timedelta(hours=current_app.config["SIGN_UP_HOURS"])))
    db.session.flush()
    send_email_to_address(email, language, "user.sign_up_confirm", {"name": name.strip()}, confirm_link(token))


def complete_sign_up(token: str, *, purpose: str) -> tuple[User, dict]:
    """The account the link confirms, created now with the password chosen then, and the payload of its purpose;
    the sign-up is deleted (the link works once)."""
    sign_up = queries.sign_up_for_token(token, clock.now())
    if sign_up is None or sign_up.purpose != purpose:
        raise OperationError(_l("This link is not valid: it has expired (links are valid for a day) or it was "
                                "already used. Register again."))
    if queries.find_user_by_email(sign_up.email) is not None:
        raise OperationError(_l("This address already has an account: sign in, then register the organisation "
                                "from your account."))
    user = User(email=sign_up.email, name=sign_up.name, password_hash=sign_up.password_hash,
                language=sign_up.language)
    db.session.add(user)
    payload = dict(sign_up.payload)
    db.session.delete(sign_up)
    db.session.flush()
    return user, payload


def sign_in(user: User) -> None:
    user.last_signed_in_at = clock.now()


class SignInHeld(OperationError):
    """A sign-in refused before the password is even checked: this address must wait `retry_after` seconds for
    this account, or the account is locked (retry_after None) until a new password is chosen."""

    def __init__(self, message, retry_after: int | None):
        super().__init__(message, field="password")
        self.retry_after = retry_after


def sign_in_with_password(email: str, password: str, *, address: str) -> User:
    """The user whose credentials these are, signed in now; refused beside the password otherwise, with the same
    message for every failure (no account enumeration).

    Failed attempts slow whoever makes them from where they make them: per account and address pair, a few are
    free, then each doubles the wait before the next (SignInHeld, the password unchecked); per account, many from
    every address in a day lock it until a new password is chosen through a reset link (portal.accounts.rules).
    An address with no account is counted and answered alike."""
    user, now = queries.find_user_by_email(email), clock.now()
    standing = queries.sign_in_standing(email, user, address, now)
    if standing.locked:
        raise SignInHeld(_l("After many failed attempts from several places, this account is locked for its "
                            "safety. If it is yours, choose a new password with “Forgot your password?”: the link "
                            "we send to its address unlocks it."), None)
    if standing.wait:
        raise SignInHeld(_l("Several wrong passwords in a row: for your safety, wait %(delay)s before trying "
                            "again.", delay=format_timedelta(timedelta(seconds=standing.wait), threshold=1.1)),
                         standing.wait)
    signed = _verified(user, password)
    if signed is None:
        _count_failure(standing, now)
        raise OperationError(_l("Wrong email address or password."), field="password")
    for key in (f"signin-pair:{standing.pair}", f"signin-last:{standing.pair}"):
        queries.failure_counts().clear(key)   # the owner is back: this address starts afresh
    sign_in(signed)
    return signed


def _count_failure(standing, now) -> None:
    """One more failure of the pair and of the account, kept in the rate-limit storage (outside the transaction,
    which the refusal rolls back), for a day."""
    storage, window = queries.failure_counts(), current_app.config["SIGNIN_FAILURE_WINDOW"]
    storage.incr(f"signin-pair:{standing.pair}", window)
    storage.incr(f"signin-account:{standing.account}", window)
    storage.clear(f"signin-last:{standing.pair}")    # the storage keeps counts: the last failure as a count of seconds
    storage.incr(f"signin-last:{standing.pair}", window, amount=int(now.timestamp()))


def sign_out_everywhere(user: User) -> None:
    """End every session of this user at their next request."""
    user.session_version += 1


def change_password(user: User, *, current_password: str, new_password: str, actor: User) -> None:
    """The user changes their own password, proving it with the current one; their other sessions end."""
    require(actor.id == user.id)
    if authenticate(user.email, current_password) is None:
        raise OperationError(_l("This is not your current password."), field="current_password")
    user.password_hash = hash_password(new_password)
    sign_out_everywhere(user)
    audit.record("user.password_changed", target=user, actor=actor, organisation=None)
    notify([user], "user.password_changed", params={"name": user.name}, link="/account")


def request_password_reset(email: str) -> None:
    """Email a reset link if the account exists; say nothing either way (no account enumeration)."""
    user = queries.find_user_by_email(email)
    if user is None or not user.active:
        return
    token = rules.make_reset_token(current_app.config["SECRET_KEY"], user.id, user.password_hash)

    send_email_to_address(user.email, user.language, "user.password_reset_requested", {"name": user.name},
                          f"/password/reset/{token}")


def reset_password(token: str, *, new_password: str) -> User:
    user = queries.user_for_reset_token(token)
    user.password_hash = hash_password(new_password)  # the token no longer matches: it worked once
    sign_out_everywhere(user)
    audit.record("user.password_reset", target=user, actor=user, organisation=None)
    return user


def update_profile(user: User, *, name: str, language: str, actor: User) -> None:
    require(actor.id == user.id)
    changes = {}
    if user.name != name.strip():
        changes["name"] = [user.name, name.strip()]
        user.name = name.strip()
    if user.language != language:
        changes["language"] = [user.language, language]
        user.language = language
    if changes:
        audit.record("user.profile_updated", target=user, actor=actor, organisation=None, changes=changes)


def disable_user(user: User, *, actor: User, reason: str) -> None:
    require(can_disable_user(actor, user))
    if not user.active:
        return
    user.active = False
    sign_out_everywhere(user)
    audit.record("user.disabled", target=user, actor=actor, changes={"active": [True, False]}, reason=reason)


def enable_user(user: User, *, actor: User) -> None:
    require(can_disable_user(actor, user))
    if user.active:
        return
    user.active = True
    audit.record("user.enabled", target=user, actor=actor, changes={"active": [False, True]})
