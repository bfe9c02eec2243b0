"""Jobs of the public management right: the reminders of the cases' deadlines, swept every hour (each reminder is
sent once; the job runner commits, portal.jobs)."""
from __future__ import annotations

from occupancies.dgp import operations, queries
from portal import clock


def sweep_deadlines() -> int:
    """Remind the operators of the deadlines coming within the week, and of those falling today."""
    today = clock.today()
    return sum(operations.remind(case, today) for case in queries.cases_to_remind(today))
