"""Who may do what with sites, units and occupancies: pure predicates."""
from __future__ import annotations

from occupancies.workflow import PublicationStatus as P
from portal.roles import OrganisationKind, is_guichet_staff, role_in, writes_for


def can_manage_sites(user, organisation) -> bool:
    return writes_for(user, organisation, OrganisationKind.public_owner)


def can_view_site(user, site) -> bool:
    return role_in(user, site.owner) is not None or is_guichet_staff(user)


def can_edit_site(user, site) -> bool:
    return can_manage_sites(user, site.owner)


def can_request_publication(user, site) -> bool:
    return can_edit_site(user, site) and site.publication in (P.draft, P.returned)


def can_withdraw_publication(user, site) -> bool:
    return site.publication in (P.published,) and (can_edit_site(user, site) or is_guichet_staff(user))


def can_moderate_site(user, site) -> bool:
    return is_guichet_staff(user) and site.publication == P.submitted


def can_record_occupancy(user, site) -> bool:
    return can_edit_site(user, site)


def can_see_agreement_file(user, occupancy) -> bool:
    if is_guichet_staff(user) or role_in(user, occupancy.site.owner) is not None:
        return True
    return occupancy.occupant is not None and role_in(user, occupancy.occupant) is not None


def can_see_photo(user, site) -> bool:
    return site.publication == P.published or can_view_site(user, site)




def can_protect_site(user, site) -> bool:
    """Its owner's writers (through its form) and the Guichet's staff mark a site protected, or lift it."""
    return can_edit_site(user, site) or is_guichet_staff(user)


def can_see_exact_location(user, site, occupant_ids=()) -> bool:
    """A protected site's exact place: its owner's members, the Guichet's staff, and the members of the
    organisations that occupy it (`occupant_ids`); anyone for a site that is not protected."""
    if not site.protected or can_view_site(user, site):
        return True
    return bool(occupant_ids) and getattr(user, "is_authenticated", False) and \
        any(m.organisation_id in occupant_ids for m in user.memberships)
