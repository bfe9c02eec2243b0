from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort, current_app
from limits.storage import storage_from_string
from sqlalchemy import func, or_, select

from portal.accounts import rules
from portal.accounts.models import SignUp, User
from portal.database import MAX_ID
from portal.extensions import db, limiter
from portal.roles import Role


def users_for_guichet(q: str = "", limit: int = 100) -> list[User]:
    """Accounts of the whole region, memberships loaded with them (one query each)."""
    query = select(User).order_by(User.name).limit(limit)
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(User.name).like(pattern), func.lower(User.email).like(pattern)))
    return list(db.session.scalars(query))


def user_or_404(user_id) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == rules.normalise_email(email)))


def sign_up_for_token(token: str, now: datetime) -> SignUp | None:
    """The sign-up this link confirms, if it has not expired (nor been confirmed: a confirmed one is deleted)."""
    sign_up = db.session.scalar(select(SignUp).where(SignUp.token_hash == rules.hash_token(token or "")))
    return sign_up if sign_up is not None and sign_up.expires_at > now else None


@dataclass(frozen=True)
class SignInStanding:
    """Where an account and address pair stands after its failed sign-ins: keys of its counts, the seconds still
    to wait, and whether the account is locked (until a new password)."""

    pair: str
    account: str
    wait: int
    locked: bool


def failure_counts():
    """Where failed sign-ins are counted: the rate limiter's storage (Redis with REDIS_URL, shared by every process).
    With the limits turned off (RATELIMIT_ENABLED, for scripts), the limiter sets none up: the same kind of storage
    is made for the counts, which protect accounts whether pages are limited or not."""
    if current_app.config["RATELIMIT_ENABLED"]:
        return limiter.storage
    extensions = current_app.extensions
    if "signin_failure_counts" not in extensions:
        extensions["signin_failure_counts"] = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
    return extensions["signin_failure_counts"]


def sign_in_standing(email: str, user: User | None, address: str, now: datetime) -> SignInStanding:
    """The failed sign-ins of this account (or of an address with no account, counted alike) from this address,
    read from the rate-limit storage (Redis, shared by every process)."""
    config = current_app.config
    pair, account = rules.sign_in_keys(email, user.password_hash if user else None, address)
    storage = failure_counts()
    wait = rules.sign_in_wait(storage.get(f"signin-pair:{pair}"), storage.get(f"signin-last:{pair}"),
                              int(now.timestamp()), free=config["SIGNIN_FREE_FAILURES"],
                              longest=config["SIGNIN_LONGEST_DELAY"])
    locked = storage.get(f"signin-account:{account}") >= config["SIGNIN_ACCOUNT_LOCKOUT"]
    return SignInStanding(pair, account, wait, locked)


def user_for_reset_token(token: str) -> User:
    """The user the token was issued to, or TokenError('invalid' | 'expired' | 'used')."""
    user_id, fingerprint = rules.read_reset_token(
        current_app.config["SECRET_KEY"], token, current_app.config["PASSWORD_RESET_MAX_AGE"]
    )
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise rules.TokenError("invalid")
    if not rules.reset_token_matches(fingerprint, user.password_hash):
        raise rules.TokenError("used")
    return user


def feed_holder(key: str, salt: str = rules.FEED_SALT) -> User | None:
    """The holder of a personal feed link (?key=…, for calendar applications, which send no cookie), or None when
    the key is not (or no longer) valid: signed for this feed, of an active user whose password has not changed."""
    found = rules.read_feed_token(current_app.config["SECRET_KEY"], key, salt)
    user = db.session.get(User, found[0]) if found and 0 < found[0] <= MAX_ID else None
    if user is None or not user.active or not rules.reset_token_matches(found[1], user.password_hash):
        return None
    return user


def password_context(user) -> dict:
    """The words a new password of this person must not be made of: their address, name and organisations."""
    return {"email": user.email, "name": user.name,
            "organisation": " ".join(m.organisation.name_fr or m.organisation.name_nl for m in user.memberships)}


def organisations_only_administered_by(user: User) -> list:
    """The organisations of which this person is the only administrator (erasing them would leave it without one)."""
    alone = []
    for membership in user.memberships:
        if membership.role == Role.admin and not any(
                other.role == Role.admin and other.user_id != user.id for other in membership.organisation.memberships):
            alone.append(membership.organisation)
    return alone
