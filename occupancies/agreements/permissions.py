"""Who may do what with agreements: pure predicates on plain objects.

The owner's admins and editors draft, send and amend; only an admin signs, for their own organisation; the
occupant's admins and editors read, ask for changes and give the insurance certificate; the Guichet reads."""
from __future__ import annotations

from occupancies.agreements.workflow import BINDING, AgreementStatus, ChecklistKind, VersionStatus
from occupancies.permissions import can_manage_sites
from portal.roles import WRITERS, Role, is_guichet_admin, is_guichet_staff, role_in

OCCUPANT, OWNER = "occupant", "owner"


def _owner_writer(user, agreement) -> bool:
    return can_manage_sites(user, agreement.owner)


def _occupant_writer(user, agreement) -> bool:
    return role_in(user, agreement.occupant) in WRITERS


def can_draft_agreements(user, organisation) -> bool:
    return can_manage_sites(user, organisation)


def can_draft_from(user, application) -> bool:
    """A selected application is the starting point of an agreement, drafted by the call owner's writers."""
    return application.status.value == "selected" and can_manage_sites(user, application.call.owner)


def can_read_agreement(user, agreement) -> bool:
    return (role_in(user, agreement.owner) is not None or role_in(user, agreement.occupant) is not None
            or is_guichet_staff(user))


def can_send_version(user, agreement, version) -> bool:
    """Only a draft is sent; a version sent or signed does not change (a change is a new draft, or an
    amendment)."""
    return version.status == VersionStatus.draft and agreement.status != AgreementStatus.abandoned \
        and agreement.status != AgreementStatus.ended and _owner_writer(user, agreement)


def can_preview_version(user, agreement, version) -> bool:
    """The owner's writers read a draft's PDF, marked as a draft, before sending it (sending freezes it)."""
    return version.status == VersionStatus.draft and _owner_writer(user, agreement)


def can_edit_version(user, agreement, version) -> bool:
    """The original's draft is edited term by term; an amendment's draft by proposing it again."""
    return version.number == 1 and can_send_version(user, agreement, version)


def can_request_changes(user, agreement, version) -> bool:
    """Before both have signed, either side may send the version back to draft with a reason."""
    return version.status in (VersionStatus.sent, VersionStatus.signed_by_occupant) and (
        _owner_writer(user, agreement) or _occupant_writer(user, agreement))


def can_sign(user, agreement, version, party: str) -> bool:
    """The occupant's admin signs first, then the owner's admin: each for their own organisation."""
    if party == OCCUPANT:
        return version.status == VersionStatus.sent and role_in(user, agreement.occupant) == Role.admin
    if party == OWNER:
        return version.status == VersionStatus.signed_by_occupant and role_in(user, agreement.owner) == Role.admin
    return False


def can_abandon(user, agreement) -> bool:
    return agreement.status in (AgreementStatus.draft, AgreementStatus.sent) and _owner_writer(user, agreement)


def can_complete_item(user, agreement, kind: ChecklistKind) -> bool:
    """Before the start, the steps of the checklist; the exit inventory once the occupancy runs or has ended.
    The occupant may give its insurance certificate itself."""
    if kind == ChecklistKind.exit_inventory:
        return agreement.status in (AgreementStatus.active, AgreementStatus.ended) and _owner_writer(user, agreement)
    if agreement.status not in (AgreementStatus.signed, AgreementStatus.active):
        return False
    return _owner_writer(user, agreement) or (kind == ChecklistKind.insurance and _occupant_writer(user, agreement))


def can_give_notice(user, agreement, party: str) -> bool:
    """Either side's admin ends an agreement in force early by notice, for their own organisation (once)."""
    if agreement.status != AgreementStatus.active or agreement.notice_given_on is not None:
        return False
    organisation = agreement.occupant if party == OCCUPANT else agreement.owner if party == OWNER else None
    return organisation is not None and role_in(user, organisation) == Role.admin


def can_end_by_mutual_agreement(user, agreement) -> bool:
    """The owner's admin records an end both sides agreed on."""
    return agreement.status in BINDING and role_in(user, agreement.owner) == Role.admin


def can_amend(user, agreement) -> bool:
    """A binding agreement changes only by an amendment, drafted by the owner's writers."""
    return agreement.status in BINDING and agreement.notice_given_on is None and _owner_writer(user, agreement)


def can_manage_clauses(user, organisation) -> bool:
    """The Guichet's admins keep the shared library (organisation None); an owner's writers keep its own."""
    return is_guichet_admin(user) if organisation is None else can_manage_sites(user, organisation)


