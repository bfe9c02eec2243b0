"""The life of a call: draft → submitted for moderation → published (or returned) → closed at the deadline →
under evaluation → decided; cancelled with a public reason from any step after publication."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class CallStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    published = "published"
    closed = "closed"
    evaluation = "evaluation"
    decided = "decided"
    cancelled = "cancelled"


S = CallStatus
call_workflow = Workflow({
    S.draft: {S.submitted},
    S.returned: {S.submitted},
    S.submitted: {S.published, S.returned},
    S.published: {S.closed, S.cancelled},
    S.closed: {S.evaluation, S.cancelled},
    S.evaluation: {S.decided, S.cancelled},
    S.decided: set(),
    S.cancelled: set(),
})
transition = call_workflow.transition

# Published and after: what every applicant relies on can no longer change, except through an addendum.
FROZEN_STATUSES = frozenset({S.published, S.closed, S.evaluation, S.decided, S.cancelled})
PUBLIC_STATUSES = frozenset({S.published, S.closed, S.evaluation, S.decided, S.cancelled})

STATUS_LABELS = {
    S.draft: _l("Draft"),
    S.submitted: _l("Waiting for the Guichet"),
    S.returned: _l("Sent back by the Guichet"),
    S.published: _l("Open for applications"),
    S.closed: _l("Closed"),
    S.evaluation: _l("Under evaluation"),
    S.decided: _l("Decided"),
    S.cancelled: _l("Cancelled"),
}
