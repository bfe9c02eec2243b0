"""Who may do what in the evaluation of a call: pure predicates on plain objects.

`standing` is the user's place in the evaluation (calls.evaluation.queries.Standing): `evaluator`, their
assignment to the call or None; `declared`, whether their declarations of conflict are made; `conflicted`, the
applicant organisations they declared a conflict with."""
from __future__ import annotations

from calls.workflow import CallStatus as S
from portal.roles import WRITERS, Role, is_guichet_staff, role_in

EVALUATING = (S.closed, S.evaluation)
SHOWN = (S.closed, S.evaluation, S.decided)


def can_assign_evaluators(user, call) -> bool:
    """The owner's admin assigns evaluators once the call has closed, until the decision."""
    return call.status in EVALUATING and role_in(user, call.owner) == Role.admin


def may_be_assigned(user, call) -> bool:
    """Only the owner's members with the evaluator role, or its admin, who may also evaluate."""
    return role_in(user, call.owner) in (Role.evaluator, Role.admin)


def can_view_evaluation(user, call, standing) -> bool:
    """The owner's admins and editors follow the evaluation; an evaluator sees it once assigned."""
    return call.status in SHOWN and (role_in(user, call.owner) in WRITERS
                                     or (standing.evaluator is not None and role_in(user, call.owner) is not None))


def can_declare_conflicts(user, call, standing) -> bool:
    """Once, before opening any application; the declarations are kept."""
    return (call.status in EVALUATING and standing.evaluator is not None and standing.evaluator.user_id == user.id
            and not standing.declared)


def may_open(user, call, application, standing) -> bool:
    """Whether a member of the owner may read an application's content (its page, files and receipt).

    An assigned evaluator only after declaring, and never an application they declared a conflict with; an
    admin or editor who is not an evaluator of the call always; an evaluator not assigned to the call never."""
    role = role_in(user, call.owner)
    if role is None:
        return False
    if standing.evaluator is not None:
        return standing.declared and application.organisation_id not in standing.conflicted
    return role in WRITERS


def can_mark_eligibility(user, call, application, standing) -> bool:
    return call.status in EVALUATING and may_open(user, call, application, standing)


def can_score(user, call, application, standing, *, eligible: bool, sheet_submitted: bool) -> bool:
    """An assigned evaluator scores an eligible application they may open, until they submit the sheet."""
    return (call.status == S.evaluation and standing.evaluator is not None
            and may_open(user, call, application, standing) and eligible and not sheet_submitted)


def may_see_other_scores(user, call, application, standing, *, sheet_submitted: bool) -> bool:
    """An evaluator sees the others' scores of an application only once their own sheet is submitted; an admin
    or editor who does not evaluate the call sees them all."""
    if not may_open(user, call, application, standing):
        return False
    return sheet_submitted if standing.evaluator is not None else True


def can_see_ranking(user, call, standing, *, own_sheets_done: bool) -> bool:
    """The ranking shows every result: to the owner's admins and editors, and to one who also evaluates the
    call only once all their own sheets are submitted."""
    return (call.status in SHOWN and role_in(user, call.owner) in WRITERS
            and (standing.evaluator is None or own_sheets_done))


def can_record_consensus(user, call) -> bool:
    """The admin chairs the discussion of a disagreement and records its outcome."""
    return call.status == S.evaluation and role_in(user, call.owner) == Role.admin


def can_decide(user, call) -> bool:
    """The admin proposes the selection and records the decision."""
    return call.status == S.evaluation and role_in(user, call.owner) == Role.admin


def can_read_report(user, call) -> bool:
    """The evaluation report, once decided: the owner's admins and editors, and the Guichet."""
    return call.status == S.decided and (role_in(user, call.owner) in WRITERS or is_guichet_staff(user))


