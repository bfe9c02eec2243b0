"""An appeal against a call's decision: lodged by an applicant within the call's delay, answered by the owner's
admin, rejected with reasons or upheld (which reopens the evaluation)."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class AppealStatus(StrEnum):
    lodged = "lodged"
    rejected = "rejected"
    upheld = "upheld"


S = AppealStatus
appeal_workflow = Workflow({S.lodged: {S.rejected, S.upheld}, S.rejected: set(), S.upheld: set()})
transition = appeal_workflow.transition

STATUS_LABELS = {S.lodged: _l("Waiting for the owner's answer"), S.rejected: _l("Rejected with reasons"),
                 S.upheld: _l("Upheld: the evaluation is reopened")}
STATUS_BADGES = {S.lodged: "warning", S.rejected: "secondary", S.upheld: "success"}
ANSWERS = (S.rejected, S.upheld)
