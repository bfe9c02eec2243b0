"""The policy: pure predicates, tested on plain objects (no database, no request)."""
from types import SimpleNamespace as NS

import pytest

from portal.organisations import permissions as p
from portal.organisations.workflow import OrganisationStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import ANONYMOUS, User, org


@pytest.fixture
def cast():
    guichet, owner, occupant, pending = org(K.guichet), org(K.public_owner), org(K.occupant), org(status=S.pending)
    return NS(
        guichet=guichet, owner=owner, occupant=occupant, pending=pending,
        guichet_admin=User((guichet, R.admin)), moderator=User((guichet, R.moderator)),
        owner_admin=User((owner, R.admin)), owner_editor=User((owner, R.editor)),
        evaluator=User((owner, R.evaluator)), occupant_admin=User((occupant, R.admin)),
        pending_admin=User((pending, R.admin)),
    )


def test_only_the_guichet_reviews_registrations(cast):
    assert p.can_approve_organisation(cast.moderator, cast.pending)
    assert p.can_approve_organisation(cast.guichet_admin, cast.pending)
    for user in (cast.owner_admin, cast.occupant_admin, cast.pending_admin, ANONYMOUS):
        assert not p.can_approve_organisation(user, cast.pending)
    assert not p.can_approve_organisation(cast.moderator, cast.occupant)  # already approved


def test_suspending_is_for_guichet_admins(cast):
    assert p.can_suspend_organisation(cast.guichet_admin, cast.occupant)
    assert not p.can_suspend_organisation(cast.moderator, cast.occupant)
    assert not p.can_suspend_organisation(cast.guichet_admin, cast.guichet)  # never the Guichet itself


def test_charter_is_recorded_for_approved_public_owners_only(cast):
    assert p.can_record_charter_signature(cast.moderator, cast.owner)
    assert not p.can_record_charter_signature(cast.moderator, cast.occupant)
    assert not p.can_record_charter_signature(cast.owner_admin, cast.owner)


def test_members_are_managed_by_their_admin(cast):
    assert p.can_invite_member(cast.owner_admin, cast.owner)
    assert not p.can_invite_member(cast.owner_editor, cast.owner)
    assert not p.can_invite_member(cast.evaluator, cast.owner)
    assert not p.can_invite_member(cast.occupant_admin, cast.owner)  # another tenant
    assert not p.can_invite_member(cast.guichet_admin, cast.owner)   # the Guichet does not manage members
    assert not p.can_invite_member(cast.pending_admin, cast.pending)  # not before approval


def test_the_last_admin_stays(cast):
    only_admin = cast.owner.memberships[0]
    assert p.is_last_admin(only_admin)
    assert not p.can_remove_member(cast.owner_admin, only_admin)
    assert not p.can_leave_organisation(cast.owner_admin, only_admin)
    second = User((cast.owner, R.admin))
    assert not p.is_last_admin(only_admin)
    assert p.can_remove_member(second, only_admin)
    editor = cast.owner_editor.membership_in(cast.owner.id)
    assert p.can_leave_organisation(cast.owner_editor, editor)
    assert not p.can_leave_organisation(cast.owner_admin, editor)  # leaving is for oneself


def test_editing_an_organisation(cast):
    assert p.can_edit_organisation(cast.owner_admin, cast.owner)
    assert not p.can_edit_organisation(cast.owner_editor, cast.owner)
    assert p.can_edit_organisation(cast.guichet_admin, cast.owner)
    suspended = org(status=S.suspended)
    admin = User((suspended, R.admin))
    assert not p.can_edit_organisation(admin, suspended)


def test_disabled_users_may_do_nothing(cast):
    disabled = User((cast.guichet, R.admin), active=False)
    assert not p.can_approve_organisation(disabled, cast.pending)
    assert not p.is_guichet_staff(disabled)


def test_roles_by_kind(cast):
    assert p.assignable_roles(cast.owner) == (R.admin, R.editor, R.evaluator)
    assert p.assignable_roles(cast.occupant) == (R.admin, R.editor)
    assert p.assignable_roles(cast.guichet) == (R.admin, R.moderator)
