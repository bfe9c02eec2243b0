"""Access matrix of needs (issue 20): occupant-a publishes a need kept for the owners and a public one. Its own
pages are its members'; a need for the owners is read by the public owners' members (owner-a, owner-b) and the
Guichet, never by the public or another association; a public need by everyone. Owner-a proposes its published site
to the need kept for the owners, with a message: the proposal is read by owner-a's and occupant-a's members and the
Guichet only; owner-a's writers send and withdraw, occupant-a's writers accept or decline."""
from __future__ import annotations

from datetime import date

from occupancies.needs.models import Need, Proposal, ProposalMessage, SavedSearch
from occupancies.needs.workflow import Visibility
from occupancies.workflow import UseCategory
from portal import clock
from portal.extensions import db
from tests.support.access_matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, answer, guichet, tenant

OWNERS_NEED = "Atelier for the owners of occupant-a"
SECRETS[OWNERS_NEED] = GUICHET | OWNER_A | OCCUPANT_A | {"other_owner_admin"}
PROPOSAL_MESSAGE = "Message of owner-a about its proposal to occupant-a"
SECRETS[PROPOSAL_MESSAGE] = GUICHET | OWNER_A | OCCUPANT_A
OWN_PAGES = ("index", "matches", "new", "edit", "confirm", "withdraw")
ASSOCIATION_SIDE = ("accept", "decline")     # proposals' pages asked for occupant-a; the others for owner-a


def make_need_world(w, site) -> dict:
    def need(title, visibility):
        found = Need(organisation_id=w.occupant.id, title_fr=title, description_fr="Un atelier de 100 m².",
                     uses=["culture"], start_on=date(2027, 1, 1), confirmed_on=clock.today(), visibility=visibility)
        db.session.add(found)
        db.session.flush()
        return found.id

    found = {"owners": need(OWNERS_NEED, Visibility.owners), "public": need("Public need of occupant-a",
                                                                            Visibility.public)}
    proposal = Proposal(organisation_id=w.owner.id, need_id=found["owners"], occupant_id=w.occupant.id,
                        site_id=site.id, unit_ids=[unit.id for unit in site.units],
                        use_category=UseCategory.culture, start_date=date(2027, 1, 1), free_use=True,
                        proposed_by_id=w.owner_admin.id)
    db.session.add(proposal)
    db.session.flush()
    db.session.add(ProposalMessage(proposal_id=proposal.id, organisation_id=w.owner.id, author_id=w.owner_admin.id,
                                   text=PROPOSAL_MESSAGE))
    search = SavedSearch(user_id=w.owner_admin.id, target="calls", query="commune=ixelles", name="Calls · Ixelles")
    db.session.add(search)
    db.session.flush()
    return {**found, "proposal": proposal.id, "site": site.id, "search": search.id}


def values(world: dict) -> dict:
    return {"org_slug": PerEndpoint("owner-a", **{f"needs__{name}": "occupant-a" for name in OWN_PAGES},
                                    **{f"proposals__{name}": "occupant-a" for name in ASSOCIATION_SIDE}),
            "need_id": world["owners"], "proposal_id": world["proposal"], "search_id": world["search"]}


def query(world: dict) -> dict:
    return {"proposals.new": {"need": world["owners"], "site": world["site"]}}


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
    # Proposals: owner-a's pages (its writers send and withdraw; its evaluator reads), occupant-a's answers.
    ("proposals.index", "GET"): tenant(200),
    ("proposals.new", "GET"): tenant(200, evaluator=403),
    ("proposals.new", "POST"): tenant(422, evaluator=403),       # no unit ticked
    ("proposals.proposal", "GET"): tenant(200),
    ("proposals.write", "POST"): tenant(422, evaluator=403),     # an empty message
    ("proposals.withdraw", "POST"): tenant(303, evaluator=403),
    ("proposals.accept", "POST"): own(303),                      # the agreement is drafted
    ("proposals.decline", "POST"): own(422),                     # a reason is required
    ("guichet_proposals.guichet_index", "GET"): guichet(200),
    ("guichet_proposals.guichet_proposal", "GET"): guichet(200),
    # Saved searches: a person's own (owner-a's admin has one); anyone reads the Atom feed of a filter.
    ("searches.index", "GET"): answer(200, anonymous=302),
    ("searches.save", "POST"): answer(303, anonymous=302),      # no list named: refused, back to the searches
    ("searches.alert", "POST"): answer(404, anonymous=302, owner_admin=303),
    ("searches.delete", "POST"): answer(404, anonymous=302, owner_admin=303),
    ("public_sites.atom", "GET"): answer(200),
    # Supply and demand: everyone (the Guichet's staff read one more figure).
    ("public_needs.supply", "GET"): answer(200),
    ("public_needs.figure_file", "GET"): answer(200),
}
