"""What the owner's, the Guichet's and the public site pages share: the timeline and the mix of a site."""
from __future__ import annotations

from occupancies import queries, rules
from portal import clock


def site_context(site, as_of=None) -> dict:
    """Units, occupancies, timeline and mix of one site (four queries): what its pages show of it."""
    as_of = as_of or clock.today()
    units = queries.units_of(site)
    occupancies = queries.occupancies_of(site)
    bookings = [rules.Booking(b.unit_id, b.start_date, b.end_date, o.id) for o in occupancies for b in o.bookings]
    surfaces = {unit.id: unit.surface or 0 for unit in units}
    current = [(o, b) for o in occupancies for b in o.bookings if o.status(as_of) == rules.ONGOING]
    by_use = [rules.MixItem(o.use_category.value, 1, surfaces.get(b.unit_id, 0)) for o, b in current]
    by_type = [rules.MixItem(o.occupant_type.value, 1, surfaces.get(b.unit_id, 0)) for o, b in current]
    use_shares = rules.shares(by_use)
    return {
        "as_of": as_of,
        "units": units,
        "units_by_id": {unit.id: unit for unit in units},
        "occupancies": occupancies,
        "photos": queries.photos_of(site),
        "current_occupants": list(dict.fromkeys(o.public_name for o in occupancies
                                                if o.status(as_of) == rules.ONGOING)),
        "timeline": rules.timeline(units, bookings, as_of=as_of, available_from=site.available_from,
                                   available_until=site.available_until,
                                   labels={o.id: o.public_name for o in occupancies}),
        "mix": {
            "use": use_shares,
            "type": rules.shares(by_type),
            "diversity": rules.diversity_index(
                [sum(1 for item in by_use if item.category == c) for c in use_shares]),
            "occupied_units": len({b.unit_id for _, b in current}),
        },
    }
