"""Who keeps the index series: the Guichet's admins. Its staff read them; the capped rents are public."""
from __future__ import annotations

from portal.roles import is_guichet_admin, is_guichet_staff


def can_read_indices(user) -> bool:
    return is_guichet_staff(user)


def can_maintain_indices(user) -> bool:
    return is_guichet_admin(user)
