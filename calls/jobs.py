"""Jobs of calls: they take ids, reload, and call the operations."""
from __future__ import annotations

from sqlalchemy import select

from calls import operations
from calls.models import Call
from calls.workflow import CallStatus
from portal import clock
from portal.extensions import db


def close_call(call_id: int) -> bool:
    call = db.session.get(Call, call_id)
    return bool(call) and operations.close_call(call)


def sweep_calls() -> int:
    """The safety net behind the scheduled closings: every published call past its deadline closes now."""
    due = db.session.scalars(select(Call).where(Call.status == CallStatus.published,
                                                Call.submission_deadline <= clock.now())).all()
    return sum(1 for call in due if operations.close_call(call))

