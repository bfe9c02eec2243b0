"""Who publishes a need (an approved association's writers) and who reads it: a public need, everyone; a need for
the owners, the members of approved public owners and the Guichet's staff; any need, its own association."""
from __future__ import annotations

from occupancies.needs.workflow import Visibility
from portal.roles import APPROVED, WRITERS, OrganisationKind, is_guichet_staff, is_signed_in, role_in


def can_publish_need(user, organisation) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.occupant and \
        organisation.status == APPROVED and role_in(user, organisation) in WRITERS


def can_read_owners_needs(user) -> bool:
    """The needs kept for the owners: the Guichet's staff, and the members of an approved public owner."""
    return is_guichet_staff(user) or (is_signed_in(user) and any(
        m.organisation.kind == OrganisationKind.public_owner and m.organisation.status == APPROVED
        for m in user.memberships))


def is_own_need(user, need) -> bool:
    """A member of the need's association: it sees its need in any state."""
    return role_in(user, need.organisation) is not None


def can_read_need(user, need) -> bool:
    return need.visibility == Visibility.public or can_read_owners_needs(user) or is_own_need(user, need)
