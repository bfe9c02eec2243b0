"""Sites for the browser tests, made through occupancies.operations as the owner's register would make them.

The Guichet's decision is set directly (publication = published or submitted): the browser tests that need a
published site are not about moderation, and the journey moderates its own site through the Guichet's pages.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from occupancies import operations as ops
from occupancies.workflow import OccupantType, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal import clock
from portal.accounts.models import User
from portal.extensions import db
from portal.organisations.models import Organisation


def make_site(app, name: str, *, owner_slug: str = "owner-a", actor_email: str = "owner.admin@example.org",
              commune: str = "ixelles", postcode: str = "1050", latitude: float = 50.83, longitude: float = 4.37,
              units: tuple[tuple[UnitKind, str], ...] = ((UnitKind.floor, "Rez-de-chaussée"),),
              occupant_slug: str | None = None, publication: PublicationStatus = PublicationStatus.published) -> int:
    """A site of `owner_slug` with `units` (kind, label), optionally one ongoing occupancy of its first unit by the
    organisation `occupant_slug`; returns its id. Call it after the `world` fixture made the standard cast."""
    with app.test_request_context():
        actor = db.session.scalar(select(User).where(User.email == actor_email))
        owner = db.session.scalar(select(Organisation).where(Organisation.slug == owner_slug))
        site = ops.create_site(owner, {
            "name": name, "address": "Rue du Test 1", "postcode": postcode, "commune": commune,
            "latitude": latitude, "longitude": longitude, "kind": SiteKind.built, "total_surface": 400,
            "has_water": True, "has_electricity": True, "available_from": clock.today() - timedelta(days=400),
            "description_fr": f"{name} : un bâtiment public vide.", "description_nl": f"{name}: een leeg gebouw.",
        }, actor=actor)
        added = [ops.add_unit(site, {"kind": kind, "bedrooms": 1 if kind in (UnitKind.flat, UnitKind.house) else None,
                                     "label": label, "surface": 60}, actor=actor) for kind, label in units]
        if occupant_slug:
            occupant = db.session.scalar(select(Organisation).where(Organisation.slug == occupant_slug))
            start = clock.today() - timedelta(days=120)
            ops.record_occupancy(site, {
                "unit_ids": [added[0].id], "occupant_id": occupant.id, "start_date": start,
                "end_date": start + timedelta(days=730), "use_category": UseCategory.culture,
                "occupant_type": OccupantType.association, "agreement_reference": "CONV-2025-01",
            }, actor=actor)
        site.publication = publication
        if publication == PublicationStatus.published:
            site.published_at = clock.now()
        db.session.commit()
        site_id = site.id
        db.session.remove()
    return site_id
