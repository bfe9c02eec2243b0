"""Pure rules of applications: what may change when, and the receipt's digest."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from calls.applications.workflow import ApplicationStatus as A
from calls.rules import submissions_open


def may_edit(status: A, submission_deadline: datetime, now: datetime) -> bool:
    """A draft, or a withdrawn application being corrected, and only before the deadline (the server decides,
    whatever the browser sends). A submitted application is frozen."""
    return status in (A.draft, A.withdrawn) and submissions_open(submission_deadline, now)


def may_submit(status: A, submission_deadline: datetime, now: datetime) -> bool:
    return status in (A.draft, A.withdrawn) and submissions_open(submission_deadline, now)


def may_withdraw(status: A, submission_deadline: datetime, now: datetime) -> bool:
    return status == A.submitted and submissions_open(submission_deadline, now)


def owner_may_read(submission_deadline: datetime, now: datetime) -> bool:
    """The call's owner (and the Guichet) read submitted applications only once the call has closed."""
    return not submissions_open(submission_deadline, now)


def content_digest(content: dict) -> str:
    """SHA-256 of the application's content written canonically: the same content gives the same digest."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
