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


def refusal(status: A, call_open: bool, submission_deadline: datetime, now: datetime, action: str) -> str | None:
    """Why the deadline or the application's state refuses an action (edit, submit, withdraw) now, as a code;
    None when they allow it (the user's role is the permissions' to say)."""
    if not submissions_open(submission_deadline, now):
        return "deadline_withdraw" if action == "withdraw" else "deadline"
    if not call_open:
        return "call_not_open"
    if action == "withdraw":
        return None if status == A.submitted else "not_submitted"
    if status == A.submitted:
        return "already_submitted" if action == "submit" else "frozen"
    return None


def owner_may_read(submission_deadline: datetime, now: datetime) -> bool:
    """The call's owner (and the Guichet) read submitted applications only once the call has closed."""
    return not submissions_open(submission_deadline, now)


def content_digest(content: dict) -> str:
    """SHA-256 of the application's content written canonically: the same content gives the same digest."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
