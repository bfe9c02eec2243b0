"""Who may do what in the evaluation of a call: pure predicates on plain objects.

`evaluator` is the user's assignment to the call (an Evaluator row, or None); `conflicted` is the set of
applicant organisation ids the evaluator declared a conflict with; `declared` says the declarations are done.
"""
from __future__ import annotations

from calls.workflow import CallStatus as S
from portal.organisations.permissions import role_in
from portal.organisations.workflow import Role

EVALUATING = (S.closed, S.evaluation)


def can_assign_evaluators(user, call) -> bool:
    """The owner's admin assigns evaluators once the call has closed, until the decision."""
    return call.status in EVALUATING and role_in(user, call.owner) == Role.admin


def may_be_assigned(user, call) -> bool:
    """Only the owner's members with the evaluator role (or its admin, who may also evaluate)."""
    return role_in(user, call.owner) in (Role.evaluator, Role.admin)


def can_declare_conflicts(user, call, evaluator) -> bool:
    return call.status in EVALUATING and evaluator is not None and evaluator.user_id == user.id


def can_open_application(user, call, application, evaluator, *, declared: bool, conflicted: set[int]) -> bool:
    """An evaluator opens an application only after declaring, and never one they have a conflict with."""
    return (can_declare_conflicts(user, call, evaluator) and declared
            and application.organisation_id not in conflicted)


def can_score(user, call, application, evaluator, *, declared: bool, conflicted: set[int], eligible: bool,
              sheet_submitted: bool) -> bool:
    return (can_open_application(user, call, application, evaluator, declared=declared, conflicted=conflicted)
            and eligible and not sheet_submitted)


def may_see_other_scores(user, call, *, sheet_submitted: bool) -> bool:
    """An evaluator sees the others' scores of an application only once their own sheet is submitted; the
    owner's admin, who decides, sees them all."""
    return sheet_submitted or role_in(user, call.owner) == Role.admin


def can_mark_eligibility(user, call) -> bool:
    return call.status in EVALUATING and role_in(user, call.owner) in (Role.admin, Role.editor, Role.evaluator)


def can_decide(user, call) -> bool:
    return call.status == S.evaluation and role_in(user, call.owner) == Role.admin


JINJA_GLOBALS = {name: value for name, value in dict(globals()).items() if name.startswith(("can_", "may_"))}
