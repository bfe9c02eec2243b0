"""Jobs of calls: they take ids, reload, and call the operations."""
from __future__ import annotations

from sqlalchemy import select

from calls import operations
from calls.models import Call
from calls.workflow import CallStatus
from portal import clock
from portal.extensions import db
from portal.jobs import enqueue


def close_call(call_id: int) -> bool:
    call = db.session.get(Call, call_id)
    return bool(call) and operations.close_call(call)


def publish_call(call_id: int) -> bool:
    """At the call's planned publication moment (scheduled by the Guichet's approval)."""
    call = db.session.get(Call, call_id)
    return bool(call) and operations.publish_call(call)


def sweep_calls() -> int:
    """The safety net behind the scheduled jobs: every approved call whose planned moment has come is published,
    each by its own job once this sweep commits (one refused, its site no longer publishable say, leaves the
    others), and every published call past its deadline closes now. Returns how many calls it moves."""
    now = clock.now()
    due = db.session.scalars(select(Call.id).where(Call.status == CallStatus.approved,
                                                   Call.publication_at <= now)).all()
    for call_id in due:
        enqueue(publish_call, call_id)
    past = db.session.scalars(select(Call).where(Call.status == CallStatus.published,
                                                 Call.submission_deadline <= now)).all()
    return len(due) + sum(1 for call in past if operations.close_call(call))
