"""Jobs of accounts: the retention sweep of the security record's sign-ins. The job runner commits (portal.jobs)."""
from __future__ import annotations

from portal import clock
from portal.accounts import operations


def sweep_retention() -> int:
    """Daily: the sign-ins past their retention period."""
    return operations.erase_old_sign_ins(clock.now())
