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


# Why someone may not act for an organisation: the real cause, so that a refusal on a page says what it is and what
# to do (an association waiting for its approval was told that its administrator's role did not allow applying).
class Refusal(StrEnum):
    signed_out = "signed_out"
    not_a_member = "not_a_member"
    awaiting_approval = "pending"                              # the organisation's status, for the four below
    information_requested = "information_requested"
    rejected = "rejected"
    suspended = "suspended"
    other_kind = "other_kind"
    role = "role"


REFUSALS = {
    Refusal.signed_out: _l("Sign in to act for an organisation."),
    Refusal.not_a_member: _l("You are not a member of %(org)s: ask one of its administrators to invite you."),
    Refusal.awaiting_approval: _l("%(org)s is waiting for the Guichet's approval of its registration. Until then it "
                                  "can complete its profile and add its statutes; you will be told as soon as it is "
                                  "approved."),
    Refusal.information_requested: _l("The Guichet has asked %(org)s for more information before approving it: "
                                      "answer on the organisation's page."),
    Refusal.rejected: _l("The Guichet did not approve the registration of %(org)s: contact the Guichet to know "
                         "why and what to do."),
    Refusal.suspended: _l("%(org)s is suspended by the Guichet: contact the Guichet to know why and what to do."),
    Refusal.other_kind: _l("%(org)s is not the kind of organisation that does this."),
    Refusal.role: _l("Your role in %(org)s does not allow this: ask one of its administrators or editors."),
}


def write_refusal(user, organisation, kind: OrganisationKind | None = None) -> Refusal | None:
    """Why `user` may not prepare and act on `organisation`'s dossiers (see writes_for), or None when they may.
    The causes come in the order a person can do something about them: who they are, the organisation's
    standing with the Guichet, its kind, their role in it."""
    if not is_signed_in(user):
        return Refusal.signed_out
    role = role_in(user, organisation)
    if role is None:
        return Refusal.not_a_member
    if organisation.status != APPROVED:
        return Refusal(organisation.status)
    if kind is not None and organisation.kind != kind:
        return Refusal.other_kind
    if role not in WRITERS:
        return Refusal.role
    return None


def refusal_text(refusal: Refusal, organisation) -> str:
    """The refusal in the reader's language, naming the organisation."""
    return REFUSALS[refusal] % {"org": organisation.name if organisation is not None else ""}
