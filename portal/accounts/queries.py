from __future__ import annotations

from flask import abort, current_app
from sqlalchemy import func, or_, select

from portal.accounts import rules
from portal.accounts.models import User
from portal.extensions import db


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
