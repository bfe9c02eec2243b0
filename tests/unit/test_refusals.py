"""Issue 17, item 2: a refusal says its real cause. Pure: people and organisations are plain objects."""
from types import SimpleNamespace

import pytest

from portal.roles import OrganisationKind, Refusal, Role, write_refusal


def _organisation(status="approved", kind=OrganisationKind.occupant):
    return SimpleNamespace(id=7, status=status, kind=kind, name="Asbl C")


def _person(organisation, role):
    memberships = [SimpleNamespace(organisation_id=organisation.id, organisation=organisation, role=role)]
    return SimpleNamespace(is_authenticated=True, active=True, memberships=memberships,
                           membership_in=lambda oid: next((m for m in memberships if m.organisation_id == oid), None))


@pytest.mark.parametrize(("status", "refusal"), [
    ("pending", Refusal.awaiting_approval), ("information_requested", Refusal.information_requested),
    ("rejected", Refusal.rejected), ("suspended", Refusal.suspended)])
def test_an_administrator_of_an_organisation_not_approved_is_told_so_not_that_her_role_is_wrong(status, refusal):
    organisation = _organisation(status)
    assert write_refusal(_person(organisation, Role.admin), organisation, OrganisationKind.occupant) == refusal


def test_the_role_is_the_cause_only_in_an_approved_organisation():
    organisation = _organisation()
    assert write_refusal(_person(organisation, Role.admin), organisation, OrganisationKind.occupant) is None
    assert write_refusal(_person(organisation, Role.editor), organisation) is None
    owner = _organisation(kind=OrganisationKind.public_owner)
    assert write_refusal(_person(owner, Role.evaluator), owner) == Refusal.role
    assert write_refusal(_person(owner, Role.admin), owner, OrganisationKind.occupant) == Refusal.other_kind


def test_strangers_and_visitors_are_told_who_they_are_first():
    organisation = _organisation("pending")
    stranger = _person(_organisation(), Role.admin)
    stranger.membership_in = lambda oid: None
    assert write_refusal(stranger, organisation) == Refusal.not_a_member
    visitor = SimpleNamespace(is_authenticated=False, active=False, memberships=[])
    assert write_refusal(visitor, organisation) == Refusal.signed_out
