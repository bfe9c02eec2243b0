"""Who may read what the portal sends: pure predicates."""
from __future__ import annotations

from portal.roles import is_guichet_admin


def can_read_outbox(user) -> bool:
    """The e-mails as sent (outside production): the Guichet's admins only."""
    return is_guichet_admin(user)
