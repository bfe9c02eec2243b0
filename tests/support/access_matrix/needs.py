"""Access matrix of needs (issue 20): occupant-a publishes a need kept for the owners and a public one. Its own
pages are its members'; a need for the owners is read by the public owners' members (owner-a, owner-b) and the
Guichet, never by the public or another association; a public need by everyone."""
from __future__ import annotations

from datetime import date

from occupancies.needs.models import Need
from occupancies.needs.workflow import Visibility
from portal import clock
from portal.extensions import db
from tests.support.access_matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, answer

OWNERS_NEED = "Atelier for the owners of occupant-a"
SECRETS[OWNERS_NEED] = GUICHET | OWNER_A | OCCUPANT_A | {"other_owner_admin"}
OWN_PAGES = ("index", "matches", "new", "edit", "confirm", "withdraw")


def make_need_world(w) -> dict:
    def need(title, visibility):
        found = Need(organisation_id=w.occupant.id, title_fr=title, description_fr="Un atelier de 100 m².",
                     uses=["culture"], start_on=date(2027, 1, 1), confirmed_on=clock.today(), visibility=visibility)
        db.session.add(found)
        db.session.flush()
        return found.id

    return {"owners": need(OWNERS_NEED, Visibility.owners), "public": need("Public need of occupant-a",
                                                                           Visibility.public)}


def values(world: dict) -> dict:
    return {"org_slug": PerEndpoint("owner-a", **{f"needs__{name}": "occupant-a" for name in OWN_PAGES}),
            "need_id": world["owners"]}


def own(ok, anonymous=302):
    """A page of occupant-a's needs: its members get `ok`, everyone else finds nothing."""
    table = answer(404, anonymous=anonymous)
    table.update({role: ok for role in OCCUPANT_A})
    return table


EXPECTED = {
    ("public_needs.index", "GET"): answer(200),
    ("public_needs.need", "GET"): answer(200, anonymous=404, pending_admin=404),
    ("needs.index", "GET"): own(200),
    ("needs.matches", "GET"): own(200),
    ("needs.new", "GET"): own(200),
    ("needs.new", "POST"): own(422),
    ("needs.edit", "GET"): own(200),
    ("needs.edit", "POST"): own(422),
    ("needs.confirm", "POST"): own(303),
    ("needs.withdraw", "POST"): own(303),
}
