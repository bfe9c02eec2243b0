"""Who may manage people's accounts: pure predicates."""
from __future__ import annotations

from portal.roles import is_guichet_admin


def can_manage_accounts(user) -> bool:
    return is_guichet_admin(user)


def can_disable_user(user, target) -> bool:
    return is_guichet_admin(user) and target.id != user.id


def can_reset_second_factor(user, target) -> bool:
    """A Guichet admin, for someone else (another admin resets an admin's)."""
    return is_guichet_admin(user) and target.id != user.id
