"""Plain people for the permission predicates of the unit tests: users and organisations as simple objects that
carry their memberships, with no database and no request."""
from types import SimpleNamespace as NS

from portal.organisations.workflow import OrganisationStatus as S
from portal.roles import OrganisationKind as K


def org(kind=K.occupant, status=S.approved, id_=None):
    """An organisation of that kind and status, with a new id unless given, and no members yet."""
    org.n = getattr(org, "n", 0) + 1
    return NS(id=id_ or org.n, kind=kind, status=status, memberships=[])


class User:
    """A signed-in user, member of each (organisation, role) pair given; the organisations list them back."""

    def __init__(self, *pairs, active=True, id_=None):
        self.id = id_ or id(self)
        self.is_authenticated = True
        self.active = active
        self.memberships = []
        for organisation, role in pairs:
            membership = NS(user_id=self.id, organisation_id=organisation.id, organisation=organisation, role=role,
                            user=self)
            self.memberships.append(membership)
            organisation.memberships.append(membership)

    def membership_in(self, organisation_id):
        return next((m for m in self.memberships if m.organisation_id == organisation_id), None)


ANONYMOUS = NS(is_authenticated=False, active=False, memberships=[], id=None)
"""A visitor who has not signed in."""
