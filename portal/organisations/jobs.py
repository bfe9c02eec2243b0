"""Jobs of organisations: the removal of replaced statutes once the row that pointed to them has moved on. The job
runner commits (portal.jobs)."""
from __future__ import annotations

from portal import uploads
from portal.organisations.operations import STATUTES_AREA


def forget_statutes(name: str) -> None:
    uploads.remove(STATUTES_AREA, name)
