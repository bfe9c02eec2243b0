"""Who may do what in an evaluation (issue 6): pure predicates on plain objects."""
from types import SimpleNamespace as NS

import pytest

from calls.evaluation import permissions as p
from calls.workflow import CallStatus as S
from portal.organisations.workflow import OrganisationKind as K
from portal.organisations.workflow import Role as R
from tests.unit.test_permissions import User, org


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


def test_an_evaluator_declares_first_and_never_opens_a_conflicted_application(cast):
    open_it = lambda **kw: p.can_open_application(cast.evaluator, cast.call, cast.application,  # noqa: E731
                                                  cast.assignment, **kw)
    assert not open_it(declared=False, conflicted=set())
    assert open_it(declared=True, conflicted=set())
    assert not open_it(declared=True, conflicted={cast.occupant.id})
    # Another member of the owner, not assigned, cannot open it as an evaluator.
    assert not p.can_open_application(cast.editor, cast.call, cast.application, None, declared=True,
                                      conflicted=set())


def test_scores_are_given_to_eligible_applications_until_the_sheet_is_submitted(cast):
    score = lambda **kw: p.can_score(cast.evaluator, cast.call, cast.application, cast.assignment,  # noqa: E731
                                     declared=True, conflicted=set(), **kw)
    assert score(eligible=True, sheet_submitted=False)
    assert not score(eligible=False, sheet_submitted=False)
    assert not score(eligible=True, sheet_submitted=True)


def test_the_others_scores_are_hidden_until_ones_own_are_submitted(cast):
    assert not p.may_see_other_scores(cast.evaluator, cast.call, sheet_submitted=False)
    assert p.may_see_other_scores(cast.evaluator, cast.call, sheet_submitted=True)
    assert p.may_see_other_scores(cast.admin, cast.call, sheet_submitted=False)


def test_only_the_admin_decides_and_only_during_the_evaluation(cast):
    evaluating = NS(status=S.evaluation, owner=cast.owner)
    assert p.can_decide(cast.admin, evaluating) and not p.can_decide(cast.editor, evaluating)
    assert not p.can_decide(cast.admin, cast.call)
    assert p.can_mark_eligibility(cast.evaluator, cast.call) and not p.can_mark_eligibility(cast.outsider, cast.call)
