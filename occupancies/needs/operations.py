"""Publishing, updating, confirming and withdrawing a need; the matching of the places on offer (run by jobs); an
owner's proposal of a site to a need, its answer and the messages between the two: each checked, audited, in one
operation."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

from flask import url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from calls import queries as call_queries
from occupancies import queries as site_queries
from occupancies.agreements import operations as agreement_ops
from occupancies.agreements import permissions as agreement_permissions
from occupancies.models import Site
from occupancies.needs import matching, rules, words
from occupancies.needs import permissions as p
from occupancies.needs.models import Need, NeedMatch, Proposal, ProposalMessage, SavedSearch
from occupancies.needs.workflow import NeedStatus, ProposalStatus, Visibility
from occupancies.workflow import UseCategory
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.i18n import LANGUAGES, format_day, localized
from portal.jobs import after_commit
from portal.notifications import notify
from portal.permissions import require
from portal.region import COMMUNES, commune_name
from portal.roles import WRITERS, role_in, writers_of

FIELDS = ("title_fr", "title_nl", "description_fr", "description_nl", "uses", "kind", "communes", "surface_min",
          "surface_max", "start_on", "months", "free_only", "monthly_max", "equipment", "people", "visibility")
TEXTS = ("title_fr", "title_nl", "description_fr", "description_nl")
LATEST_START = timedelta(days=2 * 366)     # a need says what is sought for the next two years at most


def need_problems(values: dict, today) -> dict:
    """Every problem of a need's values at once ({field: message}); a None is not checked."""
    problems = {}
    if not (values.get("title_fr") or "").strip() and not (values.get("title_nl") or "").strip():
        problems["title_fr"] = _l("Give a title in French or in Dutch (or both).")
    if not (values.get("description_fr") or "").strip() and not (values.get("description_nl") or "").strip():
        problems["description_fr"] = _l("Describe the need in French or in Dutch (or both).")
    if not values.get("uses"):
        problems["uses"] = _l("Choose at least one use.")
    elif any(use not in set(UseCategory) for use in values["uses"]):
        problems["uses"] = _l("Choose among the uses offered.")
    if any(commune not in COMMUNES for commune in values.get("communes") or ()):
        problems["communes"] = _l("Choose among the 19 communes.")
    low, high = values.get("surface_min"), values.get("surface_max")
    if low is not None and high is not None and low > high:
        problems["surface_max"] = _l("The largest surface cannot be smaller than the smallest.")
    start = values.get("start_on")
    if start is not None and start > today + LATEST_START:
        problems["start_on"] = _l("Publish a need for the next two years at most.")
    if not values.get("free_only") and values.get("monthly_max") is None:
        problems["monthly_max"] = _l("Give the most your association can pay a month, or choose a free use only.")
    if any(code not in rules.EQUIPMENT for code in values.get("equipment") or ()):
        problems["equipment"] = _l("Choose among the equipment offered.")
    return problems


def _apply(need: Need, values: dict) -> dict:
    changes = {}
    for name in FIELDS:
        value = values.get(name)
        if name in TEXTS:
            value = (value or "").strip()
        elif name in ("uses", "communes", "equipment"):
            value = sorted(set(value or ()))
        elif name == "monthly_max" and values.get("free_only"):
            value = None
        if getattr(need, name) != value:
            before = getattr(need, name)
            changes[name] = [str(before) if before is not None else None, str(value) if value is not None else None]
            setattr(need, name, value)
    return changes


def publish_need(organisation, values: dict, *, actor) -> Need:
    """An association publishes what it looks for: current for 3 months, for the owners or for everyone."""
    require(p.can_publish_need(actor, organisation))
    problems = need_problems(values, clock.today())
    if problems:
        raise Problems(problems)
    need = Need(organisation_id=organisation.id, status=NeedStatus.published, confirmed_on=clock.today(),
                visibility=values.get("visibility") or Visibility.owners, start_on=values["start_on"])
    _apply(need, values)
    db.session.add(need)
    db.session.flush()
    audit.record("need.published", target=need, actor=actor, organisation=organisation,
                 changes={"visibility": [None, need.visibility], "uses": [None, ", ".join(need.uses)]})
    after_commit("occupancies.needs.jobs.match_need", need.id)
    return need


def update_need(need: Need, values: dict, *, actor) -> None:
    require(p.can_publish_need(actor, need.organisation))
    if need.status != NeedStatus.published:
        raise OperationError(_l("A withdrawn need is not changed: publish a new one."))
    problems = need_problems(values, clock.today())
    if problems:
        raise Problems(problems)
    changes = _apply(need, values)
    if changes:
        audit.record("need.updated", target=need, actor=actor, organisation=need.organisation, changes=changes)
        after_commit("occupancies.needs.jobs.match_need", need.id)


def confirm_need(need: Need, *, actor) -> None:
    """The association says the need is still current: 3 more months from today (an expired need comes back)."""
    require(p.can_publish_need(actor, need.organisation))
    if need.status != NeedStatus.published:
        raise OperationError(_l("A withdrawn need is not confirmed: publish a new one."))
    before = need.confirmed_on
    need.confirmed_on, need.reminded_for = clock.today(), None
    audit.record("need.confirmed", target=need, actor=actor, organisation=need.organisation,
                 changes={"confirmed_on": [before, need.confirmed_on]})
    after_commit("occupancies.needs.jobs.match_need", need.id)


def withdraw_need(need: Need, *, actor) -> None:
    require(p.can_publish_need(actor, need.organisation))
    if need.status == NeedStatus.withdrawn:
        return
    need.status = NeedStatus.withdrawn
    after_commit("occupancies.needs.jobs.match_need", need.id)   # its matches go: owners count current needs only
    audit.record("need.withdrawn", target=need, actor=actor, organisation=need.organisation,
                 changes={"status": [NeedStatus.published, NeedStatus.withdrawn]})


# Expiry: the association is reminded a week before -------------------------------------------------------------

def remind_expiring() -> int:
    """The needs that expire within the week, each reminded to its association's writers once per expiry date (a
    confirmation starts it again). Returns how many were reminded."""
    today = clock.today()
    latest = rules.current_since(today + rules.REMIND_BEFORE)       # confirmed then or before: expires within the week
    candidates = db.session.scalars(select(Need).where(
        Need.status == NeedStatus.published, Need.confirmed_on >= rules.current_since(today),
        Need.confirmed_on <= latest))
    reminded = 0
    for need in candidates:
        last = rules.expires_on(need.confirmed_on)
        if not rules.expiry_reminder_due(need.confirmed_on, today) or need.reminded_for == last:
            continue
        need.reminded_for = last
        notify(writers_of(need.organisation), "needs.expiring",
               params={"need": {language: localized(need, "title", language) for language in LANGUAGES},
                       "day": {language: format_day(last, "long", language) for language in LANGUAGES}},
               link=url_for("needs.index", org_slug=need.organisation.slug), organisation=need.organisation)
        reminded += 1
    return reminded


# The matching (run by jobs: occupancies.needs.jobs) ------------------------------------------------------------------
# Its matches are derived from the needs and the places on offer, as a cache the pages count: no audit entry of
# their own (the publications that cause them are audited); the associations' messages are their record.

def _kept(need: Need, site, call, result: rules.Match) -> NeedMatch:
    return NeedMatch(need=need, offer=matching.offer_key(site, call), site_id=site.id,
                     call_id=call.id if call is not None else None, score=result.score,
                     lines=[words.as_json(line) for line in result.lines])


def match_offer(site, call=None) -> list[NeedMatch]:
    """Every current need a site (or a call on it) meets whose association has not been told of it yet, kept; those
    matches, to tell. A match a need's own job kept first (the two jobs may run in either order) is told now."""
    offer = matching.call_offer(call) if call is not None else matching.site_offer(site)
    kept = {row.need_id: row for row in db.session.scalars(select(NeedMatch).where(
        NeedMatch.offer == matching.offer_key(site, call)))}
    found = []
    for need in db.session.scalars(matching.current_needs(clock.today(), site.kind)).unique():
        row = kept.get(need.id)
        if row is not None and row.told_at is not None:
            continue
        result = rules.match(matching.need_of(need), offer)
        if not result.eligible:
            continue
        if row is None:
            row = _kept(need, site, call, result)
            db.session.add(row)
        else:
            row.score, row.lines = result.score, [words.as_json(line) for line in result.lines]
        found.append(row)
    return found


def tell_associations(site, call, matches: list[NeedMatch]) -> int:
    """One message to each association whose needs the offer meets, each writer in their language: which needs, and
    why, line by line. Returns how many associations were told."""
    by_association = defaultdict(list)
    for found in matches:
        by_association[found.need.organisation].append(found)
    offer = {language: localized(call, "title", language) if call is not None else site.name
             for language in LANGUAGES}
    commune = {language: commune_name(site.commune, language) for language in LANGUAGES}
    now = clock.now()
    for association, found in by_association.items():
        found.sort(key=lambda item: -item.score)
        needs = {}
        for language in LANGUAGES:
            with force_locale(language):
                needs[language] = "\n".join(
                    f"- {localized(item.need, 'title', language)} ({item.score}/100): {words.summary(item.lines)}"
                    for item in found)
        notify([m.user for m in association.memberships if m.role in WRITERS], "needs.match",
               params={"offer": offer, "owner": site.owner.name, "commune": commune, "needs": needs},
               link=url_for("needs.matches", org_slug=association.slug, _anchor=matching.offer_key(site, call)),
               organisation=association)
        for item in found:
            item.told_at = now
    return len(by_association)


def rematch_need(need: Need) -> int:
    """A need just published, changed, confirmed or withdrawn, against the sites available and the calls open: its
    matches kept again (a place it no longer meets leaves), without a message, its association being the one acting;
    a match already told stays told, and a new one waits for the place's own job, which tells. Returns how many."""
    today = clock.today()
    kept = {row.offer: row for row in db.session.scalars(select(NeedMatch).where(NeedMatch.need_id == need.id))}
    found = {}
    if rules.is_listed(need.status, need.confirmed_on, today):
        wanted = matching.need_of(need)
        offers = [(site, None, matching.site_offer(site))
                  for site in db.session.scalars(matching.sites_on_offer(need, today)).unique()]
        offers += [(call.site, call, matching.call_offer(call))
                   for call in db.session.scalars(matching.calls_open()).unique()]
        for site, call, offer in offers:
            result = rules.match(wanted, offer)
            if result.eligible:
                found[matching.offer_key(site, call)] = (site, call, result)
    for key, row in kept.items():
        if key not in found:
            db.session.delete(row)
    for key, (site, call, result) in found.items():
        row = kept.get(key)
        if row is None:
            db.session.add(_kept(need, site, call, result))
        else:
            row.score, row.lines = result.score, [words.as_json(line) for line in result.lines]
    return len(found)


# Proposals: an owner answers a need with one of its sites --------------------------------------------------------

MESSAGE_MAX = 4000


def proposal_problems(need, site, values: dict, today) -> dict:
    """Every problem of a proposal's values at once ({field: message})."""
    problems = {}
    offered = {unit.id for unit in site.units} if site is not None else set()
    if site is None:
        problems["site_id"] = _l("Choose one of your organisation's sites.")
    elif not values.get("unit_ids") or any(unit_id not in offered for unit_id in values["unit_ids"]):
        problems["unit_ids"] = _l("Choose at least one unit of this site.")
    if values.get("use_category") not in set(need.uses or ()):
        problems["use_category"] = _l("Choose one of the uses the association looks for.")
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        problems["start_date"] = _l("This field is required.")
    elif start < today:
        problems["start_date"] = _l("The occupancy cannot start in the past.")
    elif end is not None and end < start:
        problems["end_date"] = _l("The end cannot come before the start.")
    if not values.get("free_use") and not values.get("monthly_fee"):      # a fee of 0 is a free use: tick it
        problems["monthly_fee"] = _l("Give the monthly fee, or tick free use.")
    if len(values.get("message") or "") > MESSAGE_MAX:
        problems["message"] = _l("Write %(count)d characters at most.", count=MESSAGE_MAX)
    return problems


def _tell(organisation, kind: str, proposal: Proposal, params: dict | None = None) -> None:
    notify(writers_of(organisation), kind,
           params={"site": proposal.site.name, "owner": proposal.owner.name, "association": proposal.occupant.name,
                   "need": {language: localized(proposal.need, "title", language) for language in LANGUAGES},
                   **(params or {})},
           link=url_for("proposals.proposal", org_slug=organisation.slug, proposal_id=proposal.id),
           organisation=organisation)


def propose_site(owner, need: Need, site, values: dict, *, actor) -> Proposal:
    """An owner proposes one of its sites to a current need: the units, the period and the terms, with a first
    message if it wishes. The association's writers are told."""
    require(p.can_propose(actor, owner) and p.can_read_need(actor, need))
    today = clock.today()
    if not rules.is_listed(need.status, need.confirmed_on, today):
        raise OperationError(_l("This need is no longer current: its association withdrew it or let it expire."))
    if site is not None and site.organisation_id != owner.id:
        site = None
    problems = proposal_problems(need, site, values, today)
    if not problems and db.session.scalar(select(Proposal.id).where(
            Proposal.need_id == need.id, Proposal.site_id == site.id, Proposal.status == ProposalStatus.sent)):
        problems["site_id"] = _l("This site is already proposed to this need and waits for an answer.")
    if problems:
        raise Problems(problems)
    proposal = Proposal(organisation_id=owner.id, owner=owner, need=need, occupant_id=need.organisation_id,
                        occupant=need.organisation, site_id=site.id, site=site,
                        unit_ids=sorted(values["unit_ids"]), use_category=values["use_category"],
                        start_date=values["start_date"], end_date=values.get("end_date"),
                        free_use=bool(values.get("free_use")),
                        monthly_fee=None if values.get("free_use") else values.get("monthly_fee"),
                        proposed_by_id=actor.id)
    try:
        with db.session.begin_nested():         # two owners' editors at once: the index keeps one
            db.session.add(proposal)
            db.session.flush()
    except IntegrityError as duplicate:
        raise Problems({"site_id": _l("This site is already proposed to this need and waits for an answer.")}) \
            from duplicate
    audit.record("proposal.sent", target=proposal, actor=actor, organisation=owner,
                 changes={"need": [None, need.id], "site": [None, site.name],
                          "association": [None, need.organisation.name]})
    if (values.get("message") or "").strip():
        _message(proposal, owner, values["message"], actor)
    _tell(need.organisation, "needs.proposal_received", proposal)
    return proposal


def _message(proposal: Proposal, side, text: str, actor) -> ProposalMessage:
    message = ProposalMessage(proposal=proposal, organisation_id=side.id, author_id=actor.id, text=text.strip())
    db.session.add(message)
    audit.record("proposal.message", target=proposal, actor=actor, organisation=side,
                 changes={"message": [None, text.strip()]})
    return message


def write_about(proposal: Proposal, text: str, *, actor) -> ProposalMessage:
    """A message from one party to the other, kept in the portal: the other party's writers are told that it is
    there (the e-mail carries neither the text nor the writer's address)."""
    require(p.can_write_about(actor, proposal))
    text = (text or "").strip()
    if not text:
        raise OperationError(_l("Write your message."), field="text")
    if len(text) > MESSAGE_MAX:
        raise OperationError(_l("Write %(count)d characters at most.", count=MESSAGE_MAX), field="text")
    side, other = (proposal.owner, proposal.occupant) if role_in(actor, proposal.owner) in WRITERS \
        else (proposal.occupant, proposal.owner)
    message = _message(proposal, side, text, actor)
    _tell(other, "needs.proposal_message", proposal, {"from": side.name})
    return message


def withdraw_proposal(proposal: Proposal, *, actor) -> None:
    require(p.can_withdraw_proposal(actor, proposal))
    proposal.status, proposal.answered_at = ProposalStatus.withdrawn, clock.now()
    audit.record("proposal.withdrawn", target=proposal, actor=actor, organisation=proposal.owner,
                 changes={"status": [ProposalStatus.sent, ProposalStatus.withdrawn]})
    _tell(proposal.occupant, "needs.proposal_withdrawn", proposal)


def decline_proposal(proposal: Proposal, reason: str, *, actor) -> None:
    require(p.can_answer_proposal(actor, proposal))
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_l("Say why, so that the owner can propose better."), field="reason")
    proposal.status, proposal.reason, proposal.answered_at = ProposalStatus.declined, reason, clock.now()
    audit.record("proposal.declined", target=proposal, actor=actor, organisation=proposal.occupant, reason=reason,
                 changes={"status": [ProposalStatus.sent, ProposalStatus.declined]})
    _tell(proposal.owner, "needs.proposal_declined", proposal, {"reason": reason})


def _drafter(proposal: Proposal):
    """Who drafts the agreement for the owner: the person who proposed, else another of the owner's writers."""
    candidates = [proposal.proposed_by] if proposal.proposed_by is not None else []
    candidates += writers_of(proposal.owner)
    for person in candidates:
        if person.active and agreement_permissions.can_draft_agreements(person, proposal.owner):
            return person
    raise OperationError(_l("Nobody acts for the owner any more to draft the agreement: the Guichet can help."))


def accept_proposal(proposal: Proposal, *, actor):
    """The association accepts: the agreement is drafted on the proposal's terms (the direct-occupancy path of
    agreements), in the name of the owner's person who proposed; both parties find it among their agreements, the
    owner completes it and sends it for signature."""
    require(p.can_answer_proposal(actor, proposal))
    need = proposal.need
    values = {"unit_ids": list(proposal.unit_ids), "use_category": proposal.use_category,
              "start_date": proposal.start_date, "end_date": proposal.end_date, "free_use": proposal.free_use,
              "monthly_fee": proposal.monthly_fee, "purpose_fr": need.title_fr or need.title_nl,
              "purpose_nl": need.title_nl or need.title_fr}
    agreement = agreement_ops.draft_agreement(proposal.owner, proposal.site, proposal.occupant, values,
                                              language="fr" if need.title_fr else "nl", actor=_drafter(proposal))
    proposal.status, proposal.answered_at, proposal.agreement_id = ProposalStatus.accepted, clock.now(), agreement.id
    audit.record("proposal.accepted", target=proposal, actor=actor, organisation=proposal.occupant,
                 changes={"status": [ProposalStatus.sent, ProposalStatus.accepted],
                          "agreement": [None, agreement.reference]})
    _tell(proposal.owner, "needs.proposal_accepted", proposal, {"reference": agreement.reference})
    return agreement


# Saved searches: a filter of the public sites or calls, followed ------------------------------------------------

SEARCHES_MAX = 20
QUERY_MAX = 500             # SavedSearch.query's length


def filters_of(target: str, args):
    """The filters of the public list `target` ("sites", "calls") read from query-string values."""
    if target == "sites":
        return site_queries.SiteFilters.from_args(args, default_availability="now")
    return call_queries.CallFilters.from_args(args)


def normalised_query(target: str, args) -> str:
    """The query string of a list's filters, as the list itself would write it (unknown values left out)."""
    return urlencode(sorted(filters_of(target, args).args().items()))


def save_search(user, target: str, args, name: str, *, actor) -> SavedSearch:
    """A person keeps a filter of the public sites or calls, to open it again, follow it as a feed and be told of
    what it keeps that is published next."""
    if actor is None or user is None or actor.id != user.id:
        raise PermissionError("one's own searches only")
    if target not in ("sites", "calls"):
        raise OperationError(_l("Save a search of the list of sites or of calls."))
    query = normalised_query(target, args)
    if len(query) > QUERY_MAX:
        raise OperationError(_l("This search is too long to keep: shorten the words it looks for."))
    if db.session.scalar(select(SavedSearch.id).where(SavedSearch.user_id == user.id, SavedSearch.target == target,
                                                      SavedSearch.query == query)) is not None:
        raise OperationError(_l("You have already saved this search."))
    if db.session.scalar(select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user.id)) \
            >= SEARCHES_MAX:
        raise OperationError(_l("Keep %(count)d searches at most: delete one first.", count=SEARCHES_MAX))
    name = " ".join((name or "").split())[:120]         # one line: it becomes an e-mail's subject
    search = SavedSearch(user_id=user.id, target=target, query=query, name=name, alert=True)
    db.session.add(search)
    db.session.flush()
    audit.record("search.saved", target=search, actor=actor, changes={"query": [None, f"{target}?{query}"]})
    return search


def _own(search, actor) -> None:
    if actor is None or search.user_id != actor.id:
        raise PermissionError("one's own searches only")


def set_alert(search: SavedSearch, on: bool, *, actor) -> None:
    _own(search, actor)
    if search.alert != on:
        audit.record("search.alert_changed", target=search, actor=actor, changes={"alert": [search.alert, on]})
        search.alert = on


def delete_search(search: SavedSearch, *, actor) -> None:
    _own(search, actor)
    audit.record("search.deleted", target=search, actor=actor,
                 changes={"query": [f"{search.target}?{search.query}", None]})
    db.session.delete(search)


def alert_searches(target: str, items: list) -> int:
    """The people whose saved searches of `target` keep one of these items just published are told, once a person
    and item whatever the number of their searches that keep it (one query per distinct filter). Returns how many
    messages."""
    ids = [item.id for item in items]
    searches = list(db.session.scalars(select(SavedSearch).where(SavedSearch.target == target,
                                                                 SavedSearch.alert.is_(True))
                                       .order_by(SavedSearch.id)))
    kept_by_query, told = {}, set()
    for search in searches:
        if search.query not in kept_by_query:
            filters = filters_of(target, dict(parse_qsl(search.query)))
            kept_by_query[search.query] = (site_queries.sites_kept(filters, ids) if target == "sites"
                                           else call_queries.calls_kept(filters, ids))
        for item in items:
            if item.id in kept_by_query[search.query] and (search.user_id, item.id) not in told:
                told.add((search.user_id, item.id))
                notify([search.user], "needs.search_alert", params={"search": search.name, **_item_params(item)},
                       link=_item_link(target, item))
    return len(told)


def _item_params(item) -> dict:
    if isinstance(item, Site):
        return {"item": {language: item.name for language in LANGUAGES}}
    return {"item": {language: localized(item, "title", language) for language in LANGUAGES}}


def _item_link(target: str, item) -> str:
    if target == "sites":
        return url_for("public_sites.site", site_id=item.id)
    return url_for("public_calls.call", call_id=item.id)
