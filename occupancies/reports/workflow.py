"""The life of a report: draft (created by the agreement's schedule) → submitted by the occupant →
acknowledged by the owner with a comment, or returned with a question (then corrected and submitted again)."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class ReportStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    acknowledged = "acknowledged"
    returned = "returned"


class ReportKind(StrEnum):
    """What the form asks, after the agreement's use: people housed, or activities held."""
    housing = "housing"
    activity = "activity"


S = ReportStatus
report_workflow = Workflow({
    S.draft: {S.submitted},
    S.returned: {S.submitted},
    S.submitted: {S.acknowledged, S.returned},
    S.acknowledged: set(),
})
transition = report_workflow.transition

# The occupant may still change these; the others are in the owner's hands or closed.
OPEN = frozenset({S.draft, S.returned})
# Figures count only what the occupant has submitted.
COUNTED = frozenset({S.submitted, S.acknowledged})

# Where people went when they left (counts per destination).
EXITS = ("exits_durable", "exits_other_housing", "exits_street", "exits_institution", "exits_unknown")
AXES = ("persons_axis1", "persons_axis2", "persons_axis3")
HOUSING_COUNTS = ("households", "persons", *AXES, "entries", *EXITS)
ACTIVITY_COUNTS = ("activities", "audience")
TEXTS = ("activities_text", "incidents", "neighbourhood", "support_needs")

STATUS_LABELS = {
    S.draft: _l("To fill in"),
    S.submitted: _l("Submitted to the owner"),
    S.acknowledged: _l("Acknowledged"),
    S.returned: _l("Returned with a question"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
STATUS_BADGES = {ReportStatus.draft: "secondary", ReportStatus.submitted: "warning",
                 ReportStatus.acknowledged: "success", ReportStatus.returned: "danger"}

KIND_LABELS = {ReportKind.housing: _l("Housing"), ReportKind.activity: _l("Activities")}

FIELD_LABELS = {
    "households": _l("Households housed at the end of the period"),
    "persons": _l("Persons housed at the end of the period"),
    "persons_axis1": _l("Axis 1: insertion through intensive coaching"),
    "persons_axis2": _l("Axis 2: respite and opening of rights"),
    "persons_axis3": _l("Axis 3: transit towards Housing First"),
    "entries": _l("Persons who entered during the period"),
    "exits_durable": _l("to durable housing"),
    "exits_other_housing": _l("to other housing"),
    "exits_street": _l("back to the street"),
    "exits_institution": _l("to an institution"),
    "exits_unknown": _l("destination unknown"),
    "activities": _l("Activities held"),
    "audience": _l("Audience of the activities (persons)"),
    "activities_text": _l("The activities, in a few lines"),
    "incidents": _l("Incidents"),
    "neighbourhood": _l("Relations with the neighbourhood"),
    "support_needs": _l("Support needed from the owner"),
    "consistency_note": _l("Explanation of the difference"),
    "occupant_answer": _l("Your answer to the owner's question"),
}

# What comes next, and whose move it is.
NEXT_STEP = {
    S.draft: (_l("The occupant fills in the report and submits it by its due date."), _l("the occupant's move")),
    S.returned: (_l("The owner asked a question: the occupant answers it, corrects the report if needed and "
                    "submits it again."), _l("the occupant's move")),
    S.submitted: (_l("The owner reads the report and acknowledges it with a comment, or returns it with a "
                     "question."), _l("the owner's move")),
    S.acknowledged: (_l("The owner has acknowledged the report. Its figures count in the dashboards."), None),
}
