"""The only writers of sites, units, photos and occupancies: one function per state change."""
from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from occupancies import permissions as p
from occupancies import rules
from occupancies.models import Occupancy, OccupancyUnit, Site, SitePhoto, Unit
from occupancies.workflow import PublicationStatus, UnitKind, site_published, transition
from portal import audit, clock, uploads
from portal.errors import OperationError
from portal.extensions import db
from portal.notifications import notify
from portal.organisations.queries import guichet_staff
from portal.permissions import require
from portal.roles import writers_of

SITE_FIELDS = ("name", "address", "postcode", "commune", "latitude", "longitude", "kind", "total_surface",
               "has_water", "has_heating", "has_electricity", "step_free", "public_transport", "heritage_protected",
               "protected", "constraints_fr", "constraints_nl", "available_from", "available_until", "description_fr",
               "description_nl", "description_en")
UNIT_FIELDS = ("kind", "bedrooms", "label_fr", "label_nl", "surface")


def _changes(obj, values: dict) -> dict:
    changes = {}
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            changes[key] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(obj, key, value)
    return changes


def _check_location(values: dict) -> None:
    if not rules.inside_brussels(values["latitude"], values["longitude"]):
        raise OperationError(_l("This point is outside the Brussels-Capital Region: place the site on the map."),
                             field="latitude")


def _site_link(site: Site) -> str:
    return url_for("sites.site", org_slug=site.owner.slug, site_id=site.id)


# Sites ----------------------------------------------------------------------------------------------

def create_site(owner, data: dict, *, actor) -> Site:
    require(p.can_manage_sites(actor, owner))
    values = {key: data[key] for key in SITE_FIELDS if key in data}
    _check_location(values)
    site = Site(organisation_id=owner.id, owner=owner, **values)
    db.session.add(site)
    db.session.flush()
    audit.record("site.created", target=site, actor=actor, changes={"name": [None, site.name]})
    return site


def update_site(site: Site, data: dict, *, actor) -> None:
    require(p.can_edit_site(actor, site))
    values = {key: data[key] for key in SITE_FIELDS if key in data}
    _check_location({**{"latitude": site.latitude, "longitude": site.longitude}, **values})
    changes = _changes(site, values)
    if changes:
        audit.record("site.updated", target=site, actor=actor, changes=changes)


def request_publication(site: Site, *, actor) -> None:
    require(p.can_request_publication(actor, site))
    if not site.units:
        raise OperationError(_l("Add at least one unit before asking for publication."))
    old = transition(site, PublicationStatus.submitted)
    audit.record("site.publication_requested", target=site, actor=actor,
                 changes={"publication": [old, site.publication]})
    notify(guichet_staff(), "site.publication_requested", params={"site": site.name},
           link=url_for("guichet_sites.review", site_id=site.id))


def publish_site(site: Site, *, actor) -> None:
    require(p.can_moderate_site(actor, site))
    old = transition(site, PublicationStatus.published)
    site.published_at, site.publication_reason = clock.now(), None
    audit.record("site.published", target=site, actor=actor, changes={"publication": [old, site.publication]})
    site_published.send(site)
    notify(writers_of(site.owner), "site.published", params={"site": site.name}, link=_site_link(site),
           organisation=site.owner)


def return_site(site: Site, *, actor, reason: str) -> None:
    require(p.can_moderate_site(actor, site))
    old = transition(site, PublicationStatus.returned)
    site.publication_reason = reason
    audit.record("site.returned", target=site, actor=actor, changes={"publication": [old, site.publication]},
                 reason=reason)
    notify(writers_of(site.owner), "site.returned", params={"site": site.name, "reason": reason}, link=_site_link(site),
           organisation=site.owner)


def set_protection(site: Site, protected: bool, *, actor) -> None:
    """The Guichet (or the owner) marks a site protected, or lifts it: its exact place leaves, or comes back to,
    every public output at once."""
    require(p.can_protect_site(actor, site))
    if site.protected == protected:
        return
    audit.record("site.protection_changed", target=site, actor=actor, organisation=site.owner,
                 changes={"protected": [site.protected, protected]})
    site.protected = protected


def withdraw_publication(site: Site, *, actor, reason: str = "") -> None:
    require(p.can_withdraw_publication(actor, site))
    old = transition(site, PublicationStatus.draft)
    site.publication_reason = reason or None
    audit.record("site.withdrawn", target=site, actor=actor, changes={"publication": [old, site.publication]},
                 reason=reason or None)
    notify(writers_of(site.owner) + guichet_staff(), "site.withdrawn", params={"site": site.name},
           link=_site_link(site), organisation=site.owner)


# Units ----------------------------------------------------------------------------------------------

def _unit_values(data: dict) -> dict:
    values = {key: data[key] for key in UNIT_FIELDS if key in data}
    if values.get("kind") not in (UnitKind.flat, UnitKind.house, "flat", "house"):
        values["bedrooms"] = None
    return values


def add_unit(site: Site, data: dict, *, actor) -> Unit:
    require(p.can_edit_site(actor, site))
    unit = Unit(site=site, position=len(site.units), **_unit_values(data))
    db.session.add(unit)
    db.session.flush()
    audit.record("site.unit_added", target=site, actor=actor, changes={"unit": [None, unit.label_fr]})
    return unit


def update_unit(unit: Unit, data: dict, *, actor) -> None:
    require(p.can_edit_site(actor, unit.site))
    changes = _changes(unit, _unit_values(data))
    if changes:
        audit.record("site.unit_updated", target=unit.site, actor=actor, changes={"unit": unit.label_fr, **changes})


def remove_unit(unit: Unit, *, actor) -> None:
    site = unit.site
    require(p.can_edit_site(actor, site))
    used = db.session.scalar(select(OccupancyUnit.id).where(OccupancyUnit.unit_id == unit.id).limit(1))
    if used is not None:
        raise OperationError(_l("This unit has occupancies: it cannot be removed, only its occupancies can end."))
    audit.record("site.unit_removed", target=site, actor=actor, changes={"unit": [unit.label_fr, None]})
    site.units.remove(unit)
    db.session.delete(unit)


# Photos ---------------------------------------------------------------------------------------------

def add_photo(site: Site, stream, *, caption: str, actor) -> SitePhoto:
    require(p.can_edit_site(actor, site))
    try:
        name, width, height = uploads.store_image(stream, "photos")
    except uploads.UploadError as error:
        raise OperationError(UPLOAD_MESSAGES[error.code], field="photo") from None
    photo = SitePhoto(site=site, filename=name, width=width, height=height, caption=caption)
    db.session.add(photo)
    db.session.flush()
    audit.record("site.photo_added", target=site, actor=actor)
    return photo


def remove_photo(photo: SitePhoto, *, actor) -> None:
    site = photo.site
    require(p.can_edit_site(actor, site))
    audit.record("site.photo_removed", target=site, actor=actor)
    site.photos.remove(photo)
    db.session.delete(photo)
    uploads.remove("photos", photo.filename)


UPLOAD_MESSAGES = {
    "too_large": _l("The file is too large."),
    "not_image": _l("This file is not a photo: use a JPEG, PNG or WebP image."),
    "not_pdf": _l("This file is not a PDF document."),
    "empty": _l("The file is empty."),
}


# Occupancies ----------------------------------------------------------------------------------------

def _clash_message(clash, units_by_id, occupancies_by_id):
    new, existing = clash
    other = occupancies_by_id.get(existing.occupancy_id)
    values = {"unit": units_by_id[new.unit_id].label, "occupant": other.occupant_name if other else "?",
              "start": format_date(existing.start, "short")}
    if existing.end is None:
        return _l("%(unit)s is already occupied by %(occupant)s from %(start)s, with no end date.", **values)
    return _l("%(unit)s is already occupied by %(occupant)s from %(start)s to %(end)s.",
              end=format_date(existing.end, "short"), **values)


def check_units_free(site: Site, unit_ids: list[int], start: date, end: date | None, occupancy_id: int | None):
    units_by_id = {unit.id: unit for unit in site.units}
    if not unit_ids or any(unit_id not in units_by_id for unit_id in unit_ids):
        raise OperationError(_l("Choose at least one unit of this site."), field="unit_ids")
    if end is not None and end < start:
        raise OperationError(_l("The end cannot come before the start."), field="end_date")
    rows = db.session.execute(
        select(OccupancyUnit.unit_id, OccupancyUnit.start_date, OccupancyUnit.end_date, OccupancyUnit.occupancy_id)
        .where(OccupancyUnit.unit_id.in_(unit_ids))
    ).all()
    existing = [rules.Booking(u, s, e, o) for u, s, e, o in rows]
    new = [rules.Booking(unit_id, start, end, occupancy_id) for unit_id in unit_ids]
    found = rules.clashes(new, existing)
    if found:
        others = {o.id: o for o in db.session.scalars(
            select(Occupancy).where(Occupancy.id.in_({b.occupancy_id for _, b in found})))}
        raise OperationError(_clash_message(found[0], units_by_id, others), field="unit_ids")
    return units_by_id


def flush_bookings():
    """On PostgreSQL the exclusion constraint settles races: the loser gets the same message as a clash.

    The refusal is raised like any rule's: the write path (or the job runner, or a savepoint) rolls back whatever
    the request or job did, so that nothing of it is kept.
    """
    try:
        db.session.flush()
    except IntegrityError:
        raise OperationError(_l("One of these units was just given to another occupancy for the same period. "
                                "Reload the page to see it."), field="unit_ids") from None


def _occupancy_values(data: dict) -> dict:
    return {
        "occupant_id": data.get("occupant_id") or None,
        "external_occupant": (data.get("external_occupant") or "").strip() if not data.get("occupant_id") else "",
        "start_date": data["start_date"], "end_date": data.get("end_date"),
        "use_category": data["use_category"], "occupant_type": data["occupant_type"],
        "agreement_reference": data.get("agreement_reference") or "",
    }


def _attach_agreement(occupancy: Occupancy, stream) -> None:
    if stream is None:
        return
    try:
        name = uploads.store_pdf(stream, "agreements")
    except uploads.UploadError as error:
        raise OperationError(UPLOAD_MESSAGES[error.code], field="agreement_file") from None
    uploads.remove("agreements", occupancy.agreement_file)
    occupancy.agreement_file = name


def record_occupancy(site: Site, data: dict, *, actor, agreement=None) -> Occupancy:
    require(p.can_record_occupancy(actor, site))
    values = _occupancy_values(data)
    if not values["occupant_id"] and not values["external_occupant"]:
        raise OperationError(_l("Choose the occupant organisation or give the occupant's name."), field="occupant_id")
    unit_ids = list(dict.fromkeys(data["unit_ids"]))
    check_units_free(site, unit_ids, values["start_date"], values["end_date"], None)
    occupancy = Occupancy(site=site, **values)
    occupancy.bookings = [OccupancyUnit(unit_id=unit_id, start_date=values["start_date"], end_date=values["end_date"])
                          for unit_id in unit_ids]
    db.session.add(occupancy)
    flush_bookings()
    _attach_agreement(occupancy, agreement)
    audit.record("site.occupancy_recorded", target=site, actor=actor,
                 changes={"occupant": [None, occupancy.occupant_name], "start": [None, values["start_date"]],
                          "end": [None, values["end_date"]], "units": [None, len(unit_ids)]})
    return occupancy


AGREEMENT_KEEPS_IT = _l("This occupancy follows its agreement: a change of dates or units is an amendment signed "
                        "by both parties, on the agreement's page.")


def update_occupancy(occupancy: Occupancy, data: dict, *, actor, agreement=None) -> None:
    site = occupancy.site
    require(p.can_record_occupancy(actor, site))
    if occupancy.agreement_id is not None:
        raise OperationError(AGREEMENT_KEEPS_IT)
    values = _occupancy_values(data)
    if not values["occupant_id"] and not values["external_occupant"]:
        raise OperationError(_l("Choose the occupant organisation or give the occupant's name."), field="occupant_id")
    unit_ids = list(dict.fromkeys(data["unit_ids"]))
    check_units_free(site, unit_ids, values["start_date"], values["end_date"], occupancy.id)
    changes = _changes(occupancy, values)
    old_units = sorted(occupancy.unit_ids)
    current = {booking.unit_id: booking for booking in occupancy.bookings}
    for unit_id, booking in current.items():
        if unit_id not in unit_ids:
            occupancy.bookings.remove(booking)
    db.session.flush()  # the units given up are freed before the others are booked again
    for unit_id in unit_ids:
        if unit_id in current:
            current[unit_id].start_date, current[unit_id].end_date = values["start_date"], values["end_date"]
        else:
            occupancy.bookings.append(OccupancyUnit(unit_id=unit_id, start_date=values["start_date"],
                                                    end_date=values["end_date"]))
    flush_bookings()
    _attach_agreement(occupancy, agreement)
    if old_units != sorted(unit_ids):
        changes["units"] = [len(old_units), len(unit_ids)]
    if changes or agreement is not None:
        audit.record("site.occupancy_updated", target=site, actor=actor,
                     changes={"occupant": occupancy.occupant_name, **changes})


def remove_occupancy(occupancy: Occupancy, *, actor, reason: str) -> None:
    site = occupancy.site
    require(p.can_record_occupancy(actor, site))
    if occupancy.agreement_id is not None:
        raise OperationError(AGREEMENT_KEEPS_IT, field="reason")
    audit.record("site.occupancy_removed", target=site, actor=actor, reason=reason,
                 changes={"occupant": [occupancy.occupant_name, None], "start": [occupancy.start_date, None]})
    uploads.remove("agreements", occupancy.agreement_file)
    db.session.delete(occupancy)
