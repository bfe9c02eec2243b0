"""Reads of needs: an association's own, and the current ones a reader may see."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import lazyload, selectinload

from occupancies.models import Site
from occupancies.needs import rules
from occupancies.needs.models import Need, NeedMatch, Proposal, SavedSearch
from occupancies.needs.permissions import can_read_need, can_read_owners_needs, is_own_need
from occupancies.needs.workflow import NeedStatus, Visibility
from portal.database import MAX_ID
from portal.extensions import db
from portal.listing import page_count
from portal.tenancy import current_organisation, tenant_select

PAGE = 30


def needs_of(organisation) -> list[Need]:
    """The association's needs, newest first (an association has a few)."""
    return list(db.session.scalars(tenant_select(Need, organisation).options(lazyload("*"))
                                   .order_by(Need.created_at.desc(), Need.id.desc())))


def need_in_tenant_or_404(need_id: int) -> Need:
    found = db.session.scalar(tenant_select(Need).where(Need.id == need_id)) if 0 < need_id <= MAX_ID else None
    if found is None:
        abort(404)
    return found


def readable_need_or_404(user, need_id: int, today: date) -> Need:
    """A need the reader may see: current and published (its association sees its own in any state)."""
    found = db.session.get(Need, need_id) if 0 < need_id <= MAX_ID else None
    if found is None or not can_read_need(user, found):
        abort(404)
    if not is_own_need(user, found) and not rules.is_listed(found.status, found.confirmed_on, today):
        abort(404)
    return found


@dataclass(frozen=True)
class NeedPage:
    needs: list
    total: int
    number: int
    pages: int


def current_needs(user, today: date, number: int = 1) -> NeedPage:
    """The current needs the reader may see, most recently confirmed first: the public ones, and those kept for
    the owners when the reader is an owner's member or the Guichet's staff."""
    conditions = [Need.status == NeedStatus.published, Need.confirmed_on >= rules.current_since(today)]
    if not can_read_owners_needs(user):
        conditions.append(Need.visibility == Visibility.public)
    total = db.session.scalar(select(func.count()).select_from(Need).where(*conditions))
    pages = page_count(total, PAGE)
    number = min(number, pages)
    needs = list(db.session.scalars(select(Need).where(*conditions)
                                    .order_by(Need.confirmed_on.desc(), Need.id.desc())
                                    .offset((number - 1) * PAGE).limit(PAGE)))
    return NeedPage(needs, total, number, pages)


def matches_of_offer(key: str, today: date) -> list[NeedMatch]:
    """The current needs a site or a call (its offer key, matching.offer_key) meets, best first, with their
    associations (one query)."""
    return list(db.session.scalars(
        select(NeedMatch).join(Need, Need.id == NeedMatch.need_id)
        .where(NeedMatch.offer == key, Need.status == NeedStatus.published,
               Need.confirmed_on >= rules.current_since(today))
        .order_by(NeedMatch.score.desc(), NeedMatch.id)).unique())


MATCHES_SHOWN = 200


def matches_of_association(organisation, need_id: int | None = None) -> list[NeedMatch]:
    """The places its needs (or one of them) met, newest first, with the site or call of each (three queries)."""
    query = select(NeedMatch).join(Need, Need.id == NeedMatch.need_id).where(Need.organisation_id == organisation.id)
    if need_id is not None:
        query = query.where(NeedMatch.need_id == need_id)
    return list(db.session.scalars(
        query.options(selectinload(NeedMatch.site), selectinload(NeedMatch.call))
        .order_by(NeedMatch.created_at.desc(), NeedMatch.score.desc(), NeedMatch.id.desc())
        .limit(MATCHES_SHOWN)).unique())


def match_counts(organisation) -> dict[int, int]:
    """How many places each of the association's needs met ({need id: count})."""
    return dict(db.session.execute(
        select(NeedMatch.need_id, func.count()).join(Need, Need.id == NeedMatch.need_id)
        .where(Need.organisation_id == organisation.id).group_by(NeedMatch.need_id)).all())


# Proposals -------------------------------------------------------------------------------------------------------

PROPOSALS_SHOWN = 200


def _party(organisation):
    return (Proposal.organisation_id == organisation.id) | (Proposal.occupant_id == organisation.id)


def proposals_of(organisation) -> list[Proposal]:
    """The proposals an owner sent or an association received, the most recent first, with their sites and needs
    (three queries)."""
    return list(db.session.scalars(
        select(Proposal).where(_party(organisation))
        .options(selectinload(Proposal.site), selectinload(Proposal.need))
        .order_by(Proposal.created_at.desc(), Proposal.id.desc()).limit(PROPOSALS_SHOWN)).unique())


def all_proposals() -> list[Proposal]:
    """Every proposal, for the Guichet, the most recent first."""
    return list(db.session.scalars(
        select(Proposal).options(selectinload(Proposal.site), selectinload(Proposal.need))
        .order_by(Proposal.created_at.desc(), Proposal.id.desc()).limit(PROPOSALS_SHOWN)).unique())


def _with_details(query):
    return query.options(selectinload(Proposal.site).selectinload(Site.units), selectinload(Proposal.need),
                         selectinload(Proposal.messages))


def proposal_of_party_or_404(proposal_id: int) -> Proposal:
    """A proposal of the organisation the request acts for, as owner or as association; anyone else finds nothing."""
    found = db.session.scalar(_with_details(select(Proposal).where(
        Proposal.id == proposal_id, _party(current_organisation())))) if 0 < proposal_id <= MAX_ID else None
    if found is None:
        abort(404)
    return found


def any_proposal_or_404(proposal_id: int) -> Proposal:
    """Any proposal (the Guichet's pages)."""
    found = db.session.scalar(_with_details(select(Proposal).where(Proposal.id == proposal_id))) \
        if 0 < proposal_id <= MAX_ID else None
    if found is None:
        abort(404)
    return found


def sites_to_propose(owner) -> list[Site]:
    """The owner's sites, by name, with their units (two queries)."""
    return list(db.session.scalars(tenant_select(Site, owner).options(lazyload("*"), selectinload(Site.units))
                                   .order_by(Site.name, Site.id)))


def site_to_propose(owner, site_id: int | None) -> Site | None:
    if site_id is None or not 0 < site_id <= MAX_ID:
        return None
    return db.session.scalar(tenant_select(Site, owner).where(Site.id == site_id)
                             .options(selectinload(Site.units)))


def searches_of(user) -> list[SavedSearch]:
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)
                                   .options(lazyload("*")).order_by(SavedSearch.created_at, SavedSearch.id)))


def own_search_or_404(user, search_id: int) -> SavedSearch:
    found = db.session.get(SavedSearch, search_id) if 0 < search_id <= MAX_ID else None
    if found is None or found.user_id != user.id:
        abort(404)
    return found
