"""The life of an application until the deadline: draft → submitted (frozen) → withdrawn → submitted again.
The evaluation's states (eligible, scored, selected…) come with issue 6."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class ApplicationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    withdrawn = "withdrawn"


A = ApplicationStatus
application_workflow = Workflow({
    A.draft: {A.submitted},
    A.submitted: {A.withdrawn},
    A.withdrawn: {A.submitted},
})
transition = application_workflow.transition

STATUS_LABELS = {
    A.draft: _l("Draft"),
    A.submitted: _l("Submitted"),
    A.withdrawn: _l("Withdrawn"),
}
