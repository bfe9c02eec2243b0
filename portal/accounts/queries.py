from __future__ import annotations

from flask import abort
from sqlalchemy import func, or_, select

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
