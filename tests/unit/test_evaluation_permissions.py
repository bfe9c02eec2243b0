"""Who may do what in an evaluation (issue 6): pure predicates on plain objects."""
from types import SimpleNamespace as NS

import pytest

from calls.evaluation import permissions as p
from calls.workflow import CallStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import User, org


@pytest.fixture
def cast():
    owner, occupant = org(K.public_owner), org(K.occupant)
    admin, editor, evaluator = User((owner, R.admin)), User((owner, R.editor)), User((owner, R.evaluator))
    call = NS(status=S.closed, owner=owner)
    return NS(owner=owner, occupant=occupant, admin=admin, editor=editor, evaluator=evaluator, call=call,
              assignment=NS(user_id=evaluator.id), application=NS(organisation_id=occupant.id),
              outsider=User((org(K.public_owner), R.admin)))


def test_the_admin_assigns_evaluators_among_the_owners_evaluators_once_the_call_is_closed(cast):
    assert p.can_assign_evaluators(cast.admin, cast.call)
    assert not p.can_assign_evaluators(cast.editor, cast.call)
    assert not p.can_assign_evaluators(cast.outsider, cast.call)
    assert not p.can_assign_evaluators(cast.admin, NS(status=S.published, owner=cast.owner))
    assert p.may_be_assigned(cast.evaluator, cast.call) and not p.may_be_assigned(cast.editor, cast.call)


def standing(evaluator=None, declared=False, conflicted=()):
    return NS(evaluator=evaluator, declared=declared, conflicted=frozenset(conflicted))


def test_an_evaluator_declares_once_first_and_never_opens_a_conflicted_application(cast):
    assert p.can_declare_conflicts(cast.evaluator, cast.call, standing(cast.assignment))
    assert not p.can_declare_conflicts(cast.evaluator, cast.call, standing(cast.assignment, declared=True))
    assert not p.can_declare_conflicts(cast.editor, cast.call, standing())
    open_it = lambda **kw: p.may_open(cast.evaluator, cast.call, cast.application,  # noqa: E731
                                      standing(cast.assignment, **kw))
    assert not open_it(declared=False)
    assert open_it(declared=True)
    assert not open_it(declared=True, conflicted={cast.occupant.id})
    # An evaluator of the owner not assigned to the call opens nothing; its admins and editors read.
    assert not p.may_open(cast.evaluator, cast.call, cast.application, standing())
    assert p.may_open(cast.editor, cast.call, cast.application, standing())
    assert not p.may_open(cast.outsider, cast.call, cast.application, standing())
    # An admin who evaluates the call is bound like any evaluator.
    admin_assignment = NS(user_id=cast.admin.id)
    assert not p.may_open(cast.admin, cast.call, cast.application, standing(admin_assignment, declared=True,
                                                                             conflicted={cast.occupant.id}))


def test_scores_are_given_to_eligible_applications_until_the_sheet_is_submitted(cast):
    evaluating = NS(status=S.evaluation, owner=cast.owner)
    score = lambda **kw: p.can_score(cast.evaluator, evaluating, cast.application,  # noqa: E731
                                     standing(cast.assignment, declared=True), **kw)
    assert score(eligible=True, sheet_submitted=False)
    assert not score(eligible=False, sheet_submitted=False)
    assert not score(eligible=True, sheet_submitted=True)
    assert not p.can_score(cast.editor, evaluating, cast.application, standing(), eligible=True,
                           sheet_submitted=False)


def test_the_others_scores_are_hidden_until_ones_own_are_submitted(cast):
    mine = standing(cast.assignment, declared=True)
    see = lambda user, place, done: p.may_see_other_scores(user, cast.call, cast.application, place,  # noqa: E731
                                                           sheet_submitted=done)
    assert not see(cast.evaluator, mine, False)
    assert see(cast.evaluator, mine, True)
    assert see(cast.admin, standing(), False)
    admin_evaluates = standing(NS(user_id=cast.admin.id), declared=True)
    assert not see(cast.admin, admin_evaluates, False) and see(cast.admin, admin_evaluates, True)
    assert not p.can_see_ranking(cast.evaluator, cast.call, mine, own_sheets_done=True)
    assert p.can_see_ranking(cast.editor, cast.call, standing(), own_sheets_done=False)
    assert not p.can_see_ranking(cast.admin, cast.call, admin_evaluates, own_sheets_done=False)


def test_only_the_admin_decides_and_only_during_the_evaluation(cast):
    evaluating = NS(status=S.evaluation, owner=cast.owner)
    assert p.can_decide(cast.admin, evaluating) and not p.can_decide(cast.editor, evaluating)
    assert not p.can_decide(cast.admin, cast.call)
    assert p.can_record_consensus(cast.admin, evaluating) and not p.can_record_consensus(cast.evaluator, evaluating)
    mine = standing(cast.assignment, declared=True)
    assert p.can_mark_eligibility(cast.evaluator, cast.call, cast.application, mine)
    assert not p.can_mark_eligibility(cast.outsider, cast.call, cast.application, standing())


def test_the_report_is_read_by_the_owners_staff_and_the_guichet_once_decided(cast):
    decided = NS(status=S.decided, owner=cast.owner)
    assert p.can_read_report(cast.admin, decided) and p.can_read_report(cast.editor, decided)
    assert not p.can_read_report(cast.evaluator, decided) and not p.can_read_report(cast.outsider, decided)
    assert not p.can_read_report(cast.admin, cast.call)
