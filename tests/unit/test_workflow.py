import itertools

import pytest

from portal.organisations.workflow import OrganisationStatus as S
from portal.organisations.workflow import organisation_workflow, transition
from portal.workflow import InvalidTransition

ALLOWED = {(S.pending, S.approved), (S.pending, S.rejected), (S.approved, S.suspended), (S.suspended, S.approved),
           # More information asked (issue 17): answered, or decided without waiting for the answer.
           (S.pending, S.information_requested), (S.information_requested, S.pending),
           (S.information_requested, S.approved), (S.information_requested, S.rejected)}


class Org:
    def __init__(self, status):
        self.status = status


@pytest.mark.parametrize("source, target", list(itertools.product(S, S)))
def test_every_transition(source, target):
    org = Org(source)
    if (source, target) in ALLOWED:
        assert transition(org, target) == source
        assert org.status == target
    else:
        with pytest.raises(InvalidTransition):
            transition(org, target)
        assert org.status == source


def test_rejected_is_final():
    assert not any(organisation_workflow.allowed(S.rejected, target) for target in S)
