"""Who reads and acts on vacancy signals. A signal belongs to its commune: the commune and its CPAS read it whole,
the commune moderates it (the Guichet, where the commune has no organisation on the portal), the Guichet's staff
read the region's without a private owner's identity, the reporting organisation follows its own reports."""
from __future__ import annotations

from occupancies.vacancies import rules
from occupancies.vacancies.workflow import OPEN, OwnerType, SignalStatus
from portal.roles import WRITERS, is_guichet_staff, is_signed_in, role_in


def _organisations(user):
    return [m.organisation for m in user.memberships] if is_signed_in(user) else []


def _of_the_commune(user, commune: str, *, writers: bool = False, moderating: bool = False) -> bool:
    for organisation in _organisations(user):
        found = rules.moderates(organisation, commune) if moderating else rules.concerns(organisation, commune)
        if found and (not writers or role_in(user, organisation) in WRITERS):
            return True
    return False


def can_report(user, organisation) -> bool:
    """The writers of an approved commune, CPAS or association report vacant places (a commune's or a CPAS's in
    its own commune go onto the register at once, the others wait for the commune's moderation)."""
    return organisation is not None and organisation.status == rules.APPROVED and \
        (organisation.legal_form in rules.LOCAL_AUTHORITIES or organisation.kind == "occupant") and \
        role_in(user, organisation) in WRITERS


def can_report_for_region(user) -> bool:
    return is_guichet_staff(user)


def can_read_signal(user, signal) -> bool:
    if signal.status == SignalStatus.unconfirmed:
        return False
    if is_guichet_staff(user) or _of_the_commune(user, signal.commune):
        return True
    return signal.reporter_organisation_id is not None and \
        role_in(user, signal.reporter_organisation) is not None


def can_read_owner(user, signal) -> bool:
    """A private owner's identity and contact: the commune and its CPAS only (and the operator of its DGP case,
    which the case's own pages show). A public owner's name is no personal data."""
    if signal.owner_type != OwnerType.private:
        return can_read_signal(user, signal)
    return signal.status != SignalStatus.unconfirmed and _of_the_commune(user, signal.commune)


def can_moderate(user, signal, commune_on_portal: bool) -> bool:
    """The commune's writers moderate its signals; the Guichet's staff those of a commune not on the portal."""
    if signal.status != SignalStatus.pending:
        return False
    if commune_on_portal:
        return _of_the_commune(user, signal.commune, writers=True, moderating=True)
    return is_guichet_staff(user)


def can_record_outcome(user, signal) -> bool:
    """What became of a signal on the register: the writers of the commune or of its CPAS say it."""
    return signal.status in OPEN and _of_the_commune(user, signal.commune, writers=True)


def can_read_photo(user, signal) -> bool:
    return signal.photo_file is not None and can_read_signal(user, signal)
