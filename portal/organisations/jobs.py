"""Jobs of organisations: the removal of replaced statutes once the row that pointed to them has moved on, and the
retention sweep of invitations. The job runner commits (portal.jobs)."""
from __future__ import annotations

from portal import clock, uploads
from portal.organisations.operations import STATUTES_AREA, erase_old_invitations


def forget_statutes(name: str) -> None:
    uploads.remove(STATUTES_AREA, name)


def sweep_retention() -> int:
    """Daily: the invitations past their retention period."""
    return erase_old_invitations(clock.now())
