"""Who may do what in an evaluation (issue 6): pure predicates on plain objects."""
from types import SimpleNamespace as NS

import pytest

from calls.evaluation import permissions as p
from calls.workflow import CallStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import User, org


@pytest.fixture
def plain_cast():
    """An owner's admin, editor and evaluator, a closed call of the owner, an evaluator's assignment, an occupant's
    application and an outsider: plain objects (tests.support.people), no database."""
    owner, occupant = org(K.public_owner), org(K.occupant)
    admin, editor, evaluator = User((owner, R.admin)), User((owner, R.editor)), User((owner, R.evaluator))
    call = NS(status=S.closed, owner=owner)
    return NS(owner=owner, occupant=occupant, admin=admin, editor=editor, evaluator=evaluator, call=call,
              assignment=NS(user_id=evaluator.id), application=NS(organisation_id=occupant.id),
              outsider=User((org(K.public_owner), R.admin)))


def test_the_admin_assigns_evaluators_among_the_owners_evaluators_once_the_call_is_closed(plain_cast):
    assert p.can_assign_evaluators(plain_cast.admin, plain_cast.call)
    assert not p.can_assign_evaluators(plain_cast.editor, plain_cast.call)
    assert not p.can_assign_evaluators(plain_cast.outsider, plain_cast.call)
    assert not p.can_assign_evaluators(plain_cast.admin, NS(status=S.published, owner=plain_cast.owner))
    assert p.may_be_assigned(plain_cast.evaluator, plain_cast.call)
    assert not p.may_be_assigned(plain_cast.editor, plain_cast.call)


def standing(evaluator=None, declared=False, conflicted=()):
    return NS(evaluator=evaluator, declared=declared, conflicted=frozenset(conflicted))


def test_an_evaluator_declares_once_first_and_never_opens_a_conflicted_application(plain_cast):
    assert p.can_declare_conflicts(plain_cast.evaluator, plain_cast.call, standing(plain_cast.assignment))
    assert not p.can_declare_conflicts(plain_cast.evaluator, plain_cast.call,
                                       standing(plain_cast.assignment, declared=True))
    assert not p.can_declare_conflicts(plain_cast.editor, plain_cast.call, standing())
    open_it = lambda **kw: p.may_open(plain_cast.evaluator, plain_cast.call, plain_cast.application,  # noqa: E731
                                      standing(plain_cast.assignment, **kw))
    assert not open_it(declared=False)
    assert open_it(declared=True)
    assert not open_it(declared=True, conflicted={plain_cast.occupant.id})
    # An evaluator of the owner not assigned to the call opens nothing; its admins and editors read.
    assert not p.may_open(plain_cast.evaluator, plain_cast.call, plain_cast.application, standing())
    assert p.may_open(plain_cast.editor, plain_cast.call, plain_cast.application, standing())
    assert not p.may_open(plain_cast.outsider, plain_cast.call, plain_cast.application, standing())
    # An admin who evaluates the call is bound like any evaluator.
    admin_assignment = NS(user_id=plain_cast.admin.id)
    assert not p.may_open(plain_cast.admin, plain_cast.call, plain_cast.application,
                          standing(admin_assignment, declared=True, conflicted={plain_cast.occupant.id}))


def test_scores_are_given_to_eligible_applications_until_the_sheet_is_submitted(plain_cast):
    evaluating = NS(status=S.evaluation, owner=plain_cast.owner)
    score = lambda **kw: p.can_score(plain_cast.evaluator, evaluating, plain_cast.application,  # noqa: E731
                                     standing(plain_cast.assignment, declared=True), **kw)
    assert score(eligible=True, sheet_submitted=False)
    assert not score(eligible=False, sheet_submitted=False)
    assert not score(eligible=True, sheet_submitted=True)
    assert not p.can_score(plain_cast.editor, evaluating, plain_cast.application, standing(), eligible=True,
                           sheet_submitted=False)


def test_the_others_scores_are_hidden_until_ones_own_are_submitted(plain_cast):
    mine = standing(plain_cast.assignment, declared=True)
    see = lambda user, place, done: p.may_see_other_scores(user, plain_cast.call, plain_cast.application, place,  # noqa: E731
                                                           sheet_submitted=done)
    assert not see(plain_cast.evaluator, mine, False)
    assert see(plain_cast.evaluator, mine, True)
    assert see(plain_cast.admin, standing(), False)
    admin_evaluates = standing(NS(user_id=plain_cast.admin.id), declared=True)
    assert not see(plain_cast.admin, admin_evaluates, False) and see(plain_cast.admin, admin_evaluates, True)
    assert not p.can_see_ranking(plain_cast.evaluator, plain_cast.call, mine, own_sheets_done=True)
    assert p.can_see_ranking(plain_cast.editor, plain_cast.call, standing(), own_sheets_done=False)
    assert not p.can_see_ranking(plain_cast.admin, plain_cast.call, admin_evaluates, own_sheets_done=False)


def test_only_the_admin_decides_and_only_during_the_evaluation(plain_cast):
    evaluating = NS(status=S.evaluation, owner=plain_cast.owner)
    assert p.can_decide(plain_cast.admin, evaluating) and not p.can_decide(plain_cast.editor, evaluating)
    assert not p.can_decide(plain_cast.admin, plain_cast.call)
    assert p.can_record_consensus(plain_cast.admin, evaluating)
    assert not p.can_record_consensus(plain_cast.evaluator, evaluating)
    mine = standing(plain_cast.assignment, declared=True)
    assert p.can_mark_eligibility(plain_cast.evaluator, plain_cast.call, plain_cast.application, mine)
    assert not p.can_mark_eligibility(plain_cast.outsider, plain_cast.call, plain_cast.application, standing())


def test_the_report_is_read_by_the_owners_staff_and_the_guichet_once_decided(plain_cast):
    decided = NS(status=S.decided, owner=plain_cast.owner)
    assert p.can_read_report(plain_cast.admin, decided) and p.can_read_report(plain_cast.editor, decided)
    assert not p.can_read_report(plain_cast.evaluator, decided) and not p.can_read_report(plain_cast.outsider, decided)
    assert not p.can_read_report(plain_cast.admin, plain_cast.call)
