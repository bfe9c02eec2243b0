"""Who may do what with calls, questions and applications: pure predicates. `now` is given where the
deadline matters, so that the rule is checked at the moment of the request, never from a stored state."""
from __future__ import annotations

from calls import rules
from calls.workflow import CallStatus as S
from calls.workflow import is_public
from portal.roles import OrganisationKind, administers, is_guichet_staff, role_in, writes_for


def can_draft_calls(user, organisation) -> bool:
    return writes_for(user, organisation, OrganisationKind.public_owner)


def can_draft_call(user, site) -> bool:
    return can_draft_calls(user, site.owner)


def can_edit_call(user, call) -> bool:
    return call.status in (S.draft, S.returned) and writes_for(user, call.owner, OrganisationKind.public_owner)


can_submit_call = can_edit_call


def can_moderate_call(user, call) -> bool:
    """The Guichet approves a call sent to it (it goes public at its planned date) or sends it back."""
    return is_guichet_staff(user) and call.status == S.submitted


def can_return_call(user, call) -> bool:
    """The Guichet sends a call back while it is not public yet: sent to it, or approved and still waiting."""
    return is_guichet_staff(user) and call.status in (S.submitted, S.approved)


def can_cancel_call(user, call) -> bool:
    return call.status in (S.published, S.closed, S.evaluation) and administers(user, call.owner)


def can_publish_addendum(user, call, now) -> bool:
    return (call.status == S.published and rules.submissions_open(call.submission_deadline, now)
            and writes_for(user, call.owner, OrganisationKind.public_owner))


def can_view_call(user, call) -> bool:
    return is_public(call) or role_in(user, call.owner) is not None or is_guichet_staff(user)


def can_ask_question(user, organisation, call, now) -> bool:
    return (call.status == S.published and rules.questions_open(call.questions_deadline, now)
            and writes_for(user, organisation, OrganisationKind.occupant))


def can_answer_question(user, call) -> bool:
    return call.status in (S.published, S.closed) and writes_for(user, call.owner, OrganisationKind.public_owner)


