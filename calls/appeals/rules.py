"""Pure rules of appeals: whether an appeal can still be lodged, and whether a call's agreements wait (its standstill
after the decision, an appeal not yet answered). Days are Brussels days; the last day counts whole."""
from __future__ import annotations

from datetime import date, timedelta

MAX_REASONS = 5000


def standstill_until(decided_on: date, days: int | None) -> date | None:
    """The last day of the standstill after the decision (its days counted from the day after), or None."""
    return decided_on + timedelta(days=days) if days else None


def lodging_problem(deadline: date | None, today: date) -> str | None:
    """Why an appeal cannot be lodged today: the call says no way to contest ("not_offered"), or its delay is over
    ("late"); None when it can."""
    if deadline is None:
        return "not_offered"
    if today > deadline:
        return "late"
    return None


def signature_hold(standstill_end: date | None, today: date, open_appeals: int) -> str | None:
    """Why no agreement of the call may be sent for signature today: an appeal waits for its answer ("appeal"), or
    the standstill still runs ("standstill"); None when it may."""
    if open_appeals:
        return "appeal"
    if standstill_end is not None and today <= standstill_end:
        return "standstill"
    return None
