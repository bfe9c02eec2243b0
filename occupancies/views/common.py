"""What the owner's, the Guichet's and the public site pages share: the timeline and the mix of a site, and what
looks wrong with where it was placed."""
from __future__ import annotations

import hashlib

from flask import current_app, flash
from flask_babel import gettext as _
from flask_babel import ngettext

from occupancies import permissions as p
from occupancies import queries, rules
from portal import clock
from portal.i18n import current_language
from portal.region import commune_name


def location_messages(warnings: list[rules.LocationWarning]) -> list[str]:
    """Each warning about a site's point, worded for its reader."""
    language = current_language()
    messages = []
    for warning in warnings:
        commune = commune_name(warning.commune, language)
        if warning.code == "outside_commune" and warning.found:
            messages.append(_("The point on the map lies in %(found)s, not in %(commune)s: check the pin and the "
                              "commune.", found=" / ".join(commune_name(c, language) for c in warning.found),
                              commune=commune))
        elif warning.code == "outside_commune":
            messages.append(_("The point on the map lies outside the 19 communes of the region, not in "
                              "%(commune)s: check the pin.", commune=commune))
        else:
            messages.append(ngettext(
                "%(num)d other site registered at the same address is %(distance)s m from this point: check the pin.",
                "%(num)d other sites registered at the same address are up to %(distance)s m from this point: "
                "check the pin.", len(warning.far), distance=warning.far[0][1]))
    return messages


def flash_location_warnings(site) -> None:
    """Said to the owner when the site is saved: the page that follows shows them again beside the map."""
    for message in location_messages(queries.location_warnings(site)):
        flash(message, "warning")


def location_context(site, *, warnings: bool) -> dict:
    """The site's map (and, for its owner and the Guichet, what looks wrong with its point)."""
    found = queries.location_warnings(site) if warnings else []
    return {"location_warnings": found, "location_messages": location_messages(found),
            "map_tiles": current_app.config["MAP_TILE_URL"], "map_attribution": current_app.config["MAP_ATTRIBUTION"]}


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


def location_key() -> bytes:
    """The key that draws the public point of each protected site (rules.shifted_point), from the app's secret."""
    return hashlib.sha256(b"protected-location\0" + current_app.config["SECRET_KEY"].encode()).digest()


def public_point(site_id: int, latitude: float, longitude: float, protected: bool) -> tuple[float, float]:
    """The point the public reads of a site: its own, or about 500 m away for a protected one."""
    if protected:
        return rules.shifted_point(location_key(), site_id, latitude, longitude)
    return round(latitude, 6), round(longitude, 6)


def shown_location(site, user, occupancies=()) -> dict:
    """Where a page shows the site to this reader: its address and point, or, for a protected site read by anyone
    but its parties and the Guichet, no address and the public point ("exact": False)."""
    occupant_ids = {o.occupant_id for o in occupancies if getattr(o, "occupant_id", None)}
    if p.can_see_exact_location(user, site, occupant_ids):
        return {"exact": True, "address": site.address, "latitude": site.latitude, "longitude": site.longitude}
    latitude, longitude = public_point(site.id, site.latitude, site.longitude, True)
    return {"exact": False, "address": None, "latitude": latitude, "longitude": longitude}
