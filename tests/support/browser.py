"""What the browser journeys share: where their screenshots go, submitting a form and waiting for the answer,
the catalogues' texts a person reads, and sites made as their owner's register makes them.

Sites come through occupancies.operations; the Guichet's decision is set directly (publication = published or
submitted): the browser tests that need a published site are not about moderation, and the sites journey
moderates its own site through the Guichet's pages.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext
from sqlalchemy import select

from occupancies import operations as ops
from occupancies.workflow import OccupantType, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal import clock
from portal.accounts.models import User
from portal.extensions import db
from portal.organisations.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"   # screenshots for a person to see, and those of failed tests (failures/)
NL_CATALOGUE = ROOT / "portal" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"


def submit(page, form_selector: str = "main form") -> None:
    """Press the submit button of a form and wait for the page that answers."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def dutch_for(msgid: str) -> str:
    """The Dutch catalogue's translation of msgid; the journey needs it to recognise the Dutch page."""
    with NL_CATALOGUE.open("rb") as handle:
        message = read_po(handle, locale="nl").get(msgid)
    text = message.string if message is not None else ""
    assert text, (f"{NL_CATALOGUE.relative_to(ROOT)} has no Dutch translation for {msgid!r}: "
                  "translate it (then `make compile`) so that the Dutch dashboard can be recognised")
    return text


def translated(app, language: str, msgid: str, **values) -> str:
    """The catalogue's text in `language`, which must differ from the English source (a missing translation
    would otherwise pass unnoticed)."""
    with app.test_request_context():
        with force_locale(language):
            text = gettext(msgid, **values)
        with force_locale("en"):
            assert text != gettext(msgid, **values), f"no {language} translation for {msgid!r}"
    return text


def make_site_as_owner(app, name: str, *, owner_slug: str = "owner-a",
                       actor_email: str = "owner.admin@example.org", commune: str = "ixelles", postcode: str = "1050",
                       latitude: float = 50.83, longitude: float = 4.37,
                       units: tuple[tuple[UnitKind, str], ...] = ((UnitKind.floor, "Rez-de-chaussée"),),
                       occupant_slug: str | None = None,
                       publication: PublicationStatus = PublicationStatus.published) -> int:
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
                                     "label_fr": label, "label_nl": label, "surface": 60}, actor=actor)
                 for kind, label in units]
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


def type_code(app, page, email: str, selector: str = "#code", submit: bool = True) -> None:
    """Type the code of now of the person's second factor in the field (and send its form)."""
    from portal.accounts.queries import find_user_by_email
    from tests.support.factories import code_of

    with app.app_context():
        code = code_of(find_user_by_email(email).id)
    page.fill(selector, code)
    if submit:
        with page.expect_navigation():
            page.locator(f"main form:has({selector}) button[type=submit]").click()
