"""Who may do what with sharing sessions and the library: pure predicates on plain objects.

A session is read by its audience: the public, every member of an approved organisation (partners), or the
members of the organisations that signed the Charter; the Guichet's staff and the organiser's members read every
one. The Guichet's staff, and the admins and editors of a signatory owner, organise sessions; the Guichet's staff
keep the toolbox and the list of facilitators."""
from __future__ import annotations

from occupancies.sharing.workflow import Audience, RegistrationStatus, SessionStatus
from portal.roles import GUICHET_STAFF, WRITERS, is_guichet_staff, role_in

ORGANISER_ROLES = {True: GUICHET_STAFF, False: WRITERS}   # Guichet, owner


def _approved(user) -> list:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
        return []
    return [m.organisation for m in user.memberships if m.organisation.is_approved]


def audiences_of(user) -> set[Audience]:
    """The audiences whose sessions the user reads (besides the ones their own organisation organises)."""
    if is_guichet_staff(user):
        return set(Audience)
    organisations = _approved(user)
    audiences = {Audience.public}
    if organisations:
        audiences.add(Audience.partners)
    if any(o.is_signatory for o in organisations):
        audiences.add(Audience.signatories)
    return audiences


def can_read_session(user, session) -> bool:
    return session.audience in audiences_of(user) or role_in(user, session.organiser) is not None


def eligible_organisations(user, session) -> list:
    """The user's organisations that may send people to the session."""
    if not can_read_session(user, session):
        return []
    return [o for o in _approved(user) if session.audience != Audience.signatories
            or o.is_signatory or o.is_guichet or o.id == session.organisation_id]


def can_register_for_session(user, session) -> bool:
    return bool(eligible_organisations(user, session))


def can_organise_sessions(user, organisation) -> bool:
    if organisation is None or not organisation.is_approved or not (organisation.is_guichet or (
            organisation.is_owner and organisation.is_signatory)):
        return False
    return role_in(user, organisation) in ORGANISER_ROLES[organisation.is_guichet]


def can_manage_session(user, session) -> bool:
    return can_organise_sessions(user, session.organiser)


def can_cancel_registration(user, registration) -> bool:
    """The person, their organisation's admins and editors, or the organiser."""
    if registration.status == RegistrationStatus.cancelled:
        return False
    return (getattr(user, "id", None) == registration.user_id
            or role_in(user, registration.organisation) in WRITERS
            or can_manage_session(user, registration.session))


def can_see_online_link(user, session, has_place: bool) -> bool:
    """The link of an online session: for the people with a place, and its organisers."""
    return has_place or can_manage_session(user, session)


def can_keep_library(user) -> bool:
    return is_guichet_staff(user)


def can_read_resource(user, resource) -> bool:
    """The toolbox's, for everyone; a session's, for its audience while the session is not cancelled."""
    session = resource.session
    return session is None or (session.status == SessionStatus.planned and can_read_session(user, session))


