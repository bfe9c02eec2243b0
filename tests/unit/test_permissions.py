"""The policy: pure predicates, tested on plain objects (no database, no request)."""
from types import SimpleNamespace as NS

import pytest

from portal.organisations import permissions as p
from portal.organisations.workflow import OrganisationStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import ANONYMOUS, User, org


@pytest.fixture
def plain_cast():
    """The Guichet, an owner, an occupant and a pending registration, with a user of each role: plain objects
    (tests.support.people), no database."""
    guichet, owner, occupant, pending = org(K.guichet), org(K.public_owner), org(K.occupant), org(status=S.pending)
    return NS(
        guichet=guichet, owner=owner, occupant=occupant, pending=pending,
        guichet_admin=User((guichet, R.admin)), moderator=User((guichet, R.moderator)),
        owner_admin=User((owner, R.admin)), owner_editor=User((owner, R.editor)),
        evaluator=User((owner, R.evaluator)), occupant_admin=User((occupant, R.admin)),
        pending_admin=User((pending, R.admin)),
    )


def test_only_the_guichet_reviews_registrations(plain_cast):
    assert p.can_approve_organisation(plain_cast.moderator, plain_cast.pending)
    assert p.can_approve_organisation(plain_cast.guichet_admin, plain_cast.pending)
    for user in (plain_cast.owner_admin, plain_cast.occupant_admin, plain_cast.pending_admin, ANONYMOUS):
        assert not p.can_approve_organisation(user, plain_cast.pending)
    assert not p.can_approve_organisation(plain_cast.moderator, plain_cast.occupant)  # already approved


def test_suspending_is_for_guichet_admins(plain_cast):
    assert p.can_suspend_organisation(plain_cast.guichet_admin, plain_cast.occupant)
    assert not p.can_suspend_organisation(plain_cast.moderator, plain_cast.occupant)
    assert not p.can_suspend_organisation(plain_cast.guichet_admin, plain_cast.guichet)  # never the Guichet itself


def test_charter_is_recorded_for_approved_public_owners_only(plain_cast):
    assert p.can_record_charter_signature(plain_cast.moderator, plain_cast.owner)
    assert not p.can_record_charter_signature(plain_cast.moderator, plain_cast.occupant)
    assert not p.can_record_charter_signature(plain_cast.owner_admin, plain_cast.owner)


def test_members_are_managed_by_their_admin(plain_cast):
    assert p.can_invite_member(plain_cast.owner_admin, plain_cast.owner)
    assert not p.can_invite_member(plain_cast.owner_editor, plain_cast.owner)
    assert not p.can_invite_member(plain_cast.evaluator, plain_cast.owner)
    assert not p.can_invite_member(plain_cast.occupant_admin, plain_cast.owner)  # another tenant
    assert not p.can_invite_member(plain_cast.guichet_admin, plain_cast.owner)   # the Guichet does not manage members
    assert not p.can_invite_member(plain_cast.pending_admin, plain_cast.pending)  # not before approval


def test_the_last_admin_stays(plain_cast):
    only_admin = plain_cast.owner.memberships[0]
    assert p.is_last_admin(only_admin)
    assert not p.can_remove_member(plain_cast.owner_admin, only_admin)
    assert not p.can_leave_organisation(plain_cast.owner_admin, only_admin)
    second = User((plain_cast.owner, R.admin))
    assert not p.is_last_admin(only_admin)
    assert p.can_remove_member(second, only_admin)
    editor = plain_cast.owner_editor.membership_in(plain_cast.owner.id)
    assert p.can_leave_organisation(plain_cast.owner_editor, editor)
    assert not p.can_leave_organisation(plain_cast.owner_admin, editor)  # leaving is for oneself


def test_editing_an_organisation(plain_cast):
    assert p.can_edit_organisation(plain_cast.owner_admin, plain_cast.owner)
    assert not p.can_edit_organisation(plain_cast.owner_editor, plain_cast.owner)
    assert p.can_edit_organisation(plain_cast.guichet_admin, plain_cast.owner)
    suspended = org(status=S.suspended)
    admin = User((suspended, R.admin))
    assert not p.can_edit_organisation(admin, suspended)


def test_disabled_users_may_do_nothing(plain_cast):
    disabled = User((plain_cast.guichet, R.admin), active=False)
    assert not p.can_approve_organisation(disabled, plain_cast.pending)
    assert not p.is_guichet_staff(disabled)


def test_roles_by_kind(plain_cast):
    assert p.assignable_roles(plain_cast.owner) == (R.admin, R.editor, R.evaluator)
    assert p.assignable_roles(plain_cast.occupant) == (R.admin, R.editor)
    assert p.assignable_roles(plain_cast.guichet) == (R.admin, R.moderator)
