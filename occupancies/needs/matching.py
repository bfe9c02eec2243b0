"""What the matching reads: a need, a site or a call as the rule's Need and Offer, the key of an offer, and the
queries of the current needs and of the places on offer. The matching itself (kept, told) is in operations.py,
run by jobs (occupancies.needs.jobs)."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from calls.models import Call
from calls.workflow import CallStatus
from occupancies.models import Site, equipment_of
from occupancies.needs import rules
from occupancies.needs.models import Need
from occupancies.needs.workflow import NeedStatus
from occupancies.workflow import PublicationStatus
from portal.organisations.models import Membership, Organisation


def need_of(need: Need) -> rules.Need:
    return rules.Need(
        communes=frozenset(need.communes or ()), kind=need.kind or None, start=need.start_on, months=need.months,
        free_only=need.free_only, monthly_max=need.monthly_max, surface_min=need.surface_min,
        surface_max=need.surface_max, uses=frozenset(need.uses or ()), equipment=frozenset(need.equipment or ()))


def _equipment(site: Site) -> frozenset:
    return frozenset(code for code, present in equipment_of(site).items() if present and code in rules.EQUIPMENT)


def _surface(surfaces) -> Decimal | None:
    known = [surface for surface in surfaces if surface is not None]
    return sum(known, Decimal(0)) if known else None


def site_offer(site: Site) -> rules.Offer:
    """A site on its own: any use, its terms agreed with the owner, its surface as given or its units' sum."""
    return rules.Offer(commune=site.commune, kind=site.kind, available_from=site.available_from,
                       available_until=site.available_until, terms_known=False,
                       surface=site.total_surface or _surface(unit.surface for unit in site.units),
                       equipment=_equipment(site))


def call_offer(call: Call) -> rules.Offer:
    """A call: its site's place and equipment, the call's period, terms, uses, and the surface of its units."""
    site = call.site
    chosen = {link.unit_id for link in call.units}
    surface = _surface(unit.surface for unit in site.units if unit.id in chosen) if chosen else None
    return rules.Offer(commune=site.commune, kind=site.kind,
                       available_from=call.occupancy_start or site.available_from,
                       available_until=call.occupancy_end or site.available_until,
                       free_use=call.free_use, monthly_fee=call.monthly_fee, uses=frozenset(call.uses or ()),
                       surface=surface or site.total_surface, equipment=_equipment(site))


def offer_key(site: Site, call: Call | None) -> str:
    return f"call-{call.id}" if call is not None else f"site-{site.id}"


def current_needs(today, kind: str | None = None):
    """The current needs an offer of that kind may meet, with their associations' writers (for the messages)."""
    query = select(Need).where(Need.status == NeedStatus.published,
                               Need.confirmed_on >= rules.current_since(today))
    if kind:
        query = query.where(or_(Need.kind == "", Need.kind == kind))
    return query.options(
        joinedload(Need.organisation).selectinload(Organisation.memberships).joinedload(Membership.user))


def sites_on_offer(need: Need, today):
    """The published sites whose window has not ended, in the need's communes and of its kind."""
    query = select(Site).where(Site.publication == PublicationStatus.published,
                               or_(Site.available_until.is_(None), Site.available_until >= today))
    if need.kind:
        query = query.where(Site.kind == need.kind)
    if need.communes:
        query = query.where(Site.commune.in_(need.communes))
    return query.options(selectinload(Site.units))


def calls_open():
    return select(Call).where(Call.status == CallStatus.published).options(
        selectinload(Call.units), selectinload(Call.site).selectinload(Site.units))
