"""Who may do what with appeals: pure predicates."""
from __future__ import annotations

from calls.appeals.workflow import AppealStatus
from calls.applications.workflow import DECIDED
from calls.workflow import CallStatus
from portal.roles import WRITERS, administers, is_guichet_staff, role_in, writes_for


def can_lodge(user, application) -> bool:
    """The applicant's admins and editors, once the call is decided and it says how to contest it (the delay is a
    rule, told beside the field)."""
    call = application.call
    return application.status in DECIDED and call.status == CallStatus.decided and call.states_appeal \
        and writes_for(user, application.applicant)


def can_read_appeal(user, appeal) -> bool:
    """The applicant's members, the owner's admins and editors, the Guichet's staff."""
    return role_in(user, appeal.applicant) is not None or role_in(user, appeal.call.owner) in WRITERS \
        or is_guichet_staff(user)


def can_answer(user, appeal) -> bool:
    """The owner's admin, who took the decision, answers the appeal once."""
    return appeal.status == AppealStatus.lodged and administers(user, appeal.call.owner)
