"""Who acts for an organisation: the kinds of organisation, the roles each has, the sets of roles that write or
administer, and the Guichet's staff.

Pure: no database, no request. A `user` is anything with `is_authenticated`, `active` and `memberships` (each with
`organisation_id`, `organisation` and `role`); an anonymous visitor has no role anywhere. The query of the Guichet's
staff as people to tell lives with the organisations (portal.organisations.queries.guichet_staff).
"""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class OrganisationKind(StrEnum):
    public_owner = "public_owner"
    occupant = "occupant"
    guichet = "guichet"


class Role(StrEnum):
    admin = "admin"
    editor = "editor"
    evaluator = "evaluator"
    moderator = "moderator"


KIND_LABELS = {
    OrganisationKind.public_owner: _l("Public owner"),
    OrganisationKind.occupant: _l("Occupant"),
    OrganisationKind.guichet: _l("Guichet"),
}

ROLE_LABELS = {
    Role.admin: _l("Administrator"),
    Role.editor: _l("Editor"),
    Role.evaluator: _l("Evaluator"),
    Role.moderator: _l("Moderator"),
}

# Which roles each kind of organisation has.
ROLES_BY_KIND = {
    OrganisationKind.public_owner: (Role.admin, Role.editor, Role.evaluator),
    OrganisationKind.occupant: (Role.admin, Role.editor),
    OrganisationKind.guichet: (Role.admin, Role.moderator),
}

APPROVED = "approved"  # OrganisationStatus.approved (portal.organisations.workflow): a StrEnum equals its value

WRITERS = frozenset({Role.admin, Role.editor})          # prepare and act on the organisation's dossiers
ADMINS = frozenset({Role.admin})                        # manage the members, sign for the organisation
GUICHET_STAFF = frozenset({Role.admin, Role.moderator})  # of the Guichet: moderate, approve, publish


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "active", False)


def role_in(user, organisation) -> Role | None:
    """The user's role in the organisation, or None (not a member, anonymous, disabled)."""
    if not is_signed_in(user) or organisation is None:
        return None
    membership = user.membership_in(organisation.id)
    return membership.role if membership else None


def writes_for(user, organisation, kind: OrganisationKind | None = None) -> bool:
    """An admin or editor of an approved organisation (of that kind, when given)."""
    return (organisation is not None and (kind is None or organisation.kind == kind)
            and organisation.status == APPROVED and role_in(user, organisation) in WRITERS)


def administers(user, organisation) -> bool:
    return role_in(user, organisation) in ADMINS


def guichet_role(user) -> Role | None:
    if not is_signed_in(user):
        return None
    for membership in user.memberships:
        if membership.organisation.kind == OrganisationKind.guichet:
            return membership.role
    return None


def is_guichet_staff(user) -> bool:
    return guichet_role(user) in GUICHET_STAFF


def is_guichet_admin(user) -> bool:
    return guichet_role(user) == Role.admin


def members_with(organisation, roles) -> list:
    """The people of the organisation who hold one of the roles, in the order they joined."""
    return [m.user for m in organisation.memberships if m.role in roles]


def writers_of(organisation) -> list:
    """The members who act for the organisation: its admins and editors."""
    return members_with(organisation, WRITERS)


def admins_of(organisation) -> list:
    return members_with(organisation, ADMINS)
