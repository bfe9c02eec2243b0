"""The life of a call: draft → submitted for moderation → approved by the Guichet (or returned) → published at its
planned moment → closed at the deadline → under evaluation → decided; cancelled with a public reason from any step
after publication."""
from __future__ import annotations

from enum import StrEnum

from blinker import Namespace
from flask_babel import lazy_gettext as _l

from calls.rules import submissions_open
from portal.workflow import Workflow


class CallStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"
    published = "published"
    closed = "closed"
    evaluation = "evaluation"
    decided = "decided"
    cancelled = "cancelled"


S = CallStatus
call_workflow = Workflow({
    S.draft: {S.submitted},
    S.returned: {S.submitted},
    S.submitted: {S.approved, S.returned},
    S.approved: {S.published, S.returned},     # published at its planned moment; sent back until then
    S.published: {S.closed, S.cancelled},
    S.closed: {S.evaluation, S.cancelled},
    S.evaluation: {S.decided, S.cancelled},
    S.decided: {S.evaluation},                # reopened when an appeal against the decision is upheld
    S.cancelled: set(),
})
transition = call_workflow.transition

# Published and after: public, and what every applicant relies on can no longer change, except by an addendum.
PUBLIC_STATUSES = frozenset({S.published, S.closed, S.evaluation, S.decided, S.cancelled})

STATUS_LABELS = {
    S.draft: _l("Draft"),
    S.submitted: _l("Waiting for the Guichet"),
    S.returned: _l("Sent back by the Guichet"),
    S.approved: _l("Approved, to be published"),
    S.published: _l("Open for applications"),
    S.closed: _l("Closed"),
    S.evaluation: _l("Under evaluation"),
    S.decided: _l("Decided"),
    S.cancelled: _l("Cancelled"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
STATUS_BADGES = {S.draft: "secondary", S.submitted: "warning", S.returned: "danger", S.approved: "info",
                 S.published: "success",
                 S.closed: "dark", S.evaluation: "info", S.decided: "primary", S.cancelled: "secondary"}

# How a tie in the ranking is broken: stated on the call, applied by the evaluation.
TIE_RULE_LABELS = {
    "highest_first_criterion": _l("the higher score on the first criterion wins"),
    "earliest_submission": _l("the earlier submission wins"),
}

# Whose move it is, and what comes next, for each state.
NEXT_STEP = {
    S.draft: _l("The owner completes the call, then sends it to the Guichet for moderation."),
    S.submitted: _l("The Guichet checks the call and approves it or sends it back with a reason."),
    S.approved: _l("The Guichet has approved the call: it goes public by itself at its planned publication date, "
                   "with its site. Until then nobody else sees it."),
    S.returned: _l("The owner corrects the call as the Guichet asked, then sends it again."),
    S.published: _l("Occupants ask their questions and apply until the submission deadline; the call then "
                    "closes by itself."),
    S.closed: _l("The owner opens the applications and starts the evaluation."),
    S.evaluation: _l("The evaluators score the applications; the owner then records the decision."),
    S.decided: _l("The decision is taken and every applicant has been told."),
    S.cancelled: _l("The call is cancelled: nothing more happens."),
}


def is_public(call) -> bool:
    """Published by the Guichet, whatever came after: its page is public."""
    return call.status in PUBLIC_STATUSES


def effective_status(call, now) -> CallStatus:
    """A published call whose deadline has passed reads as closed at once, before its job has run."""
    if call.status == S.published and not submissions_open(call.submission_deadline, now):
        return S.closed
    return call.status


# What the features above calls may follow (portal.features.Feature.subscriptions), sent by the operations inside
# their transaction with the call as sender.
EVENTS = Namespace()
published = EVENTS.signal("call-published")          # public from now on (needs are matched against it)
deadline_set = EVENTS.signal("call-deadline-set")  # published, or its deadline moved by an addendum
closed = EVENTS.signal("call-closed")               # its deadline has passed: applications are read from now on
# Asked before the call's followers are told of a change (change="addendum" or "cancelled"): each receiver returns
# the ids of other organisations concerned (those preparing or holding an application).
concerned = EVENTS.signal("call-concerned")
