"""Jobs of the evaluation: the retention sweep of the documents of applications not selected. The job runner commits
(portal.jobs)."""
from __future__ import annotations

from calls.evaluation import operations
from portal import clock


def sweep_retention() -> int:
    """Daily: the documents of applications not selected, past their retention period."""
    return operations.erase_unselected_documents(clock.now())
