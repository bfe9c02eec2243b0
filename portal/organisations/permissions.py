"""Who may do what with organisations and memberships: pure predicates, used by views, templates
and operations alike."""
from __future__ import annotations

from portal.organisations.workflow import OrganisationStatus
from portal.roles import ROLES_BY_KIND, OrganisationKind, Role, admins_of, is_guichet_admin, is_guichet_staff, role_in


def can_view_organisation(user, organisation) -> bool:
    return role_in(user, organisation) is not None or is_guichet_staff(user)


def can_work_in(user, organisation) -> bool:
    """Members of an approved organisation can prepare and act on its dossiers."""
    return role_in(user, organisation) is not None and organisation.status == OrganisationStatus.approved


WAITING = (OrganisationStatus.pending, OrganisationStatus.information_requested)   # for the Guichet's decision


def can_edit_organisation(user, organisation) -> bool:
    if organisation.status in (OrganisationStatus.rejected, OrganisationStatus.suspended):
        return is_guichet_admin(user)
    return role_in(user, organisation) == Role.admin or is_guichet_admin(user)


def can_manage_members(user, organisation) -> bool:
    return role_in(user, organisation) == Role.admin and organisation.status in (OrganisationStatus.approved,
                                                                                  *WAITING)


def can_invite_member(user, organisation) -> bool:
    return can_manage_members(user, organisation) and organisation.status == OrganisationStatus.approved


def is_last_admin(membership) -> bool:
    return membership.role == Role.admin and len(admins_of(membership.organisation)) <= 1


def can_change_role(user, membership) -> bool:
    return can_manage_members(user, membership.organisation)


def can_remove_member(user, membership) -> bool:
    return can_manage_members(user, membership.organisation) and not is_last_admin(membership)


def can_leave_organisation(user, membership) -> bool:
    return membership.user_id == getattr(user, "id", None) and not is_last_admin(membership)


def can_review_registrations(user) -> bool:
    return is_guichet_staff(user)


def can_approve_organisation(user, organisation) -> bool:
    """A waiting registration, whether or not the Guichet has asked for more information about it."""
    return is_guichet_staff(user) and organisation.status in WAITING


can_reject_organisation = can_approve_organisation


def can_request_information(user, organisation) -> bool:
    """The Guichet asks the association for more information (once at a time: it answers before the next)."""
    return is_guichet_staff(user) and organisation.status == OrganisationStatus.pending


def can_answer_information_request(user, organisation) -> bool:
    return role_in(user, organisation) == Role.admin and organisation.status == OrganisationStatus.information_requested


def can_upload_statutes(user, organisation) -> bool:
    """An association's administrator adds its statutes while the Guichet reviews its registration."""
    return (role_in(user, organisation) == Role.admin and organisation.kind == OrganisationKind.occupant
            and organisation.status in WAITING)


def can_read_statutes(user, organisation) -> bool:
    return bool(getattr(organisation, "statutes_file", None)) and can_view_organisation(user, organisation)


def can_suspend_organisation(user, organisation) -> bool:
    return (is_guichet_admin(user) and organisation.status == OrganisationStatus.approved
            and organisation.kind != OrganisationKind.guichet)


def can_reinstate_organisation(user, organisation) -> bool:
    return is_guichet_admin(user) and organisation.status == OrganisationStatus.suspended


def can_record_charter_signature(user, organisation) -> bool:
    return (is_guichet_staff(user) and organisation.kind == OrganisationKind.public_owner
            and organisation.status == OrganisationStatus.approved)


def can_create_public_owner(user) -> bool:
    return is_guichet_staff(user)


def assignable_roles(organisation) -> tuple[Role, ...]:
    return ROLES_BY_KIND[organisation.kind]


