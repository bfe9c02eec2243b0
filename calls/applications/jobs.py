"""Jobs of applications: they take ids, reload, and call the operations; the job runner commits."""
from __future__ import annotations

from calls.applications import operations
from calls.models import Call
from portal import clock
from portal.extensions import db


def remind_drafts(call_id: int, days: int) -> int:
    """Tell the organisations with a draft that the deadline is `days` away (3 and 1)."""
    call = db.session.get(Call, call_id)
    return operations.remind_drafts(call, days=days) if call is not None else 0


def sweep_retention() -> int:
    """Daily: the drafts to calls closed past their retention period."""
    return operations.erase_stale_drafts(clock.now())
