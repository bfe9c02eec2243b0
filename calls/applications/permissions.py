"""Who may do what with applications: pure predicates, `now` given so that the deadline is checked at the
moment of the request."""
from __future__ import annotations

from calls import rules
from calls.applications import rules as application_rules
from calls.workflow import CallStatus as S
from portal.roles import OrganisationKind, Refusal, is_guichet_staff, role_in, write_refusal, writes_for

CLOSED = "closed"


def occupant_writer(user, application) -> bool:
    """An admin or editor of the (approved) applicant."""
    return writes_for(user, application.applicant, OrganisationKind.occupant)

def can_apply(user, organisation, call, now) -> bool:
    return (call.status == S.published and rules.submissions_open(call.submission_deadline, now)
            and writes_for(user, organisation, OrganisationKind.occupant))


def why_not_apply(user, organisation, call, now) -> Refusal | str | None:
    """Why can_apply is False: CLOSED when the call takes no more applications, else why the user may not act for
    the organisation (waiting for the Guichet's approval, their role…); None when they may apply."""
    if not (call.status == S.published and rules.submissions_open(call.submission_deadline, now)):
        return CLOSED
    return write_refusal(user, organisation, OrganisationKind.occupant)


def can_edit_application(user, application, now) -> bool:
    return (application.call.status == S.published and occupant_writer(user, application)
            and application_rules.may_edit(application.status, application.call.submission_deadline, now))


def can_submit_application(user, application, now) -> bool:
    return (application.call.status == S.published and occupant_writer(user, application)
            and application_rules.may_submit(application.status, application.call.submission_deadline, now))


def can_withdraw_application(user, application, now) -> bool:
    return (application.call.status == S.published and occupant_writer(user, application)
            and application_rules.may_withdraw(application.status, application.call.submission_deadline, now))


def can_read_application(user, application, now) -> bool:
    """The applicant always; the call's owner and the Guichet once the deadline has passed, and never a draft."""
    if role_in(user, application.applicant) is not None:
        return True
    if application.status.value == "draft":
        return False
    if not application_rules.owner_may_read(application.call.submission_deadline, now):
        return False
    return role_in(user, application.call.owner) is not None or is_guichet_staff(user)


