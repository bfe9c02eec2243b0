"""Makers of sites, units, photos and occupancies for tests."""
from __future__ import annotations

import io
from datetime import date

from PIL import Image

from occupancies.models import Occupancy, OccupancyUnit, Site, SitePhoto, Unit
from occupancies.workflow import OccupantType, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal import uploads
from portal.extensions import db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30), exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def make_site(owner, name="Site", *, publication=PublicationStatus.draft, commune="ixelles", latitude=50.83,
              longitude=4.37, **fields) -> Site:
    site = Site(organisation_id=owner.id, owner=owner, name=name, address="Rue du Test 1", postcode="1050",
                commune=commune, latitude=latitude, longitude=longitude, kind=fields.pop("kind", SiteKind.built),
                description_fr="Description", description_nl="Beschrijving", publication=publication, **fields)
    db.session.add(site)
    db.session.flush()
    return site


def make_unit(site, label="Unit", kind=UnitKind.floor, surface=100, bedrooms=None, *, label_nl="") -> Unit:
    """A unit named `label` in French (and `label_nl` in Dutch, when given)."""
    unit = Unit(site=site, label_fr=label, label_nl=label_nl, kind=kind, surface=surface, bedrooms=bedrooms,
                position=len(site.units))
    db.session.add(unit)
    db.session.flush()
    return unit


def make_occupancy(site, units, occupant=None, start=date(2025, 1, 1), end=None, *, use=UseCategory.culture,
                   occupant_type=OccupantType.association, external="", with_pdf=False) -> Occupancy:
    occupancy = Occupancy(site=site, occupant_id=occupant.id if occupant else None, external_occupant=external,
                          start_date=start, end_date=end, use_category=use, occupant_type=occupant_type)
    occupancy.bookings = [OccupancyUnit(unit_id=u.id, start_date=start, end_date=end) for u in units]
    if with_pdf:
        occupancy.agreement_file = uploads.store_pdf(io.BytesIO(PDF), "agreements")
    db.session.add(occupancy)
    db.session.flush()
    return occupancy


def make_photo(site) -> SitePhoto:
    name, width, height = uploads.store_image(io.BytesIO(jpeg_bytes()), "photos")
    photo = SitePhoto(site=site, filename=name, width=width, height=height, caption="Façade")
    db.session.add(photo)
    db.session.flush()
    return photo
