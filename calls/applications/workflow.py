"""The life of an application: draft → submitted (frozen) → withdrawn → submitted again, until the deadline;
then, at the owner's decision, selected (the starting point of an agreement), not selected, or ineligible."""
from __future__ import annotations

from enum import StrEnum

from blinker import Namespace
from flask_babel import lazy_gettext as _l

from calls.rules import submissions_open
from calls.workflow import CallStatus
from portal.workflow import Workflow


class ApplicationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    withdrawn = "withdrawn"
    selected = "selected"
    not_selected = "not_selected"
    ineligible = "ineligible"


A = ApplicationStatus
application_workflow = Workflow({
    A.draft: {A.submitted},
    A.submitted: {A.withdrawn, A.selected, A.not_selected, A.ineligible},
    A.withdrawn: {A.submitted},
    A.selected: {A.submitted},
    A.not_selected: {A.submitted},              # the three decided states reopen when an appeal is upheld
    A.ineligible: {A.submitted},
})
# Decided: the owner's decision is taken and the applicant has been told.
DECIDED = frozenset({A.selected, A.not_selected, A.ineligible})
# Submitted by the deadline, whatever was decided since: what the owner reads and counts.
RECEIVED = frozenset({A.submitted}) | DECIDED
transition = application_workflow.transition

STATUS_LABELS = {
    A.draft: _l("Draft"),
    A.submitted: _l("Submitted"),
    A.withdrawn: _l("Withdrawn"),
    A.selected: _l("Selected"),
    A.not_selected: _l("Not selected"),
    A.ineligible: _l("Not eligible"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
STATUS_BADGES = {A.draft: "secondary", A.submitted: "success", A.withdrawn: "warning", A.selected: "success",
                 A.not_selected: "secondary", A.ineligible: "danger"}


# What comes next for an application, and whose move it is, by its situation.
NEXT_STEP = {
    "sealed": (_l("Your application is sealed: nobody reads it before the deadline. Until then you may withdraw it, "
                  "correct it and submit it again. After the deadline the owner checks eligibility and the "
                  "evaluators score every application on the published criteria."),
               _l("the owner's move after the deadline")),
    "evaluation": (_l("The owner checks eligibility and the evaluators score every application on the published "
                      "criteria. Every applicant is then told the decision and their own scores."),
                   _l("the owner's move")),
    "missed": (_l("The deadline has passed: this application was not submitted and can no longer be."), None),
    "withdrawn": (_l("Your application is withdrawn. Correct it if you wish and submit it again before the deadline; "
                     "otherwise it will not be considered."), _l("your move")),
    "selected": (_l("Your application is selected. The owner will now draft the occupancy agreement with you: it "
                    "starts from your application and the terms of the call."), _l("the owner's move")),
    "not_selected": (_l("The decision is taken: your application is not selected this time. Your scores, the "
                        "evaluators' justifications, your rank and the threshold are set out below."), None),
    "ineligible": (_l("Your application did not meet every eligibility condition, so it was not scored. The reasons "
                      "are set out below."), None),
    "draft": (_l("Answer every criterion and every condition, add your documents, then submit before the deadline. "
                 "Your draft is saved as you type; nobody else sees it."), _l("your move")),
}


def next_step(application, now) -> tuple:
    """(what comes next, whose move) for this application at this moment."""
    is_open = submissions_open(application.call.submission_deadline, now) \
        and application.call.status == CallStatus.published
    if application.status in DECIDED:
        return NEXT_STEP[application.status.value]
    if application.status == A.submitted:
        return NEXT_STEP["sealed" if is_open else "evaluation"]
    if not is_open:
        return NEXT_STEP["missed"]
    return NEXT_STEP["withdrawn" if application.status == A.withdrawn else "draft"]


# What the features above applications may answer (portal.features.Feature.subscriptions).
EVENTS = Namespace()
# Asked before a member of the call's owner opens received applications (sender: the call; user=, applications=):
# each receiver returns the ids among them this person may not open (the evaluation's rule on conflicts).
opening = EVENTS.signal("applications-opening")
