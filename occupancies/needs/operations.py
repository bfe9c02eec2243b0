"""Publishing, updating, confirming and withdrawing a need: each checked, audited, in one operation."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from flask import url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from occupancies.needs import matching, rules, words
from occupancies.needs import permissions as p
from occupancies.needs.models import Need, NeedMatch
from occupancies.needs.workflow import NeedStatus, Visibility
from occupancies.workflow import UseCategory
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.i18n import LANGUAGES, localized
from portal.jobs import after_commit
from portal.notifications import notify
from portal.permissions import require
from portal.region import COMMUNES, commune_name
from portal.roles import WRITERS

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


# The matching (run by jobs: occupancies.needs.jobs) ------------------------------------------------------------------
# Its matches are derived from the needs and the places on offer, as a cache the pages count: no audit entry of
# their own (the publications that cause them are audited); the associations' messages are their record.

def _kept(need: Need, site, call, result: rules.Match, told_at=None) -> NeedMatch:
    return NeedMatch(need=need, offer=matching.offer_key(site, call), site_id=site.id,
                     call_id=call.id if call is not None else None, score=result.score,
                     lines=[words.as_json(line) for line in result.lines], told_at=told_at)


def match_offer(site, call=None) -> list[NeedMatch]:
    """Every current need a site (or a call on it) meets and had not met yet, kept; the new matches, not told."""
    offer = matching.call_offer(call) if call is not None else matching.site_offer(site)
    known = set(db.session.scalars(select(NeedMatch.need_id).where(
        NeedMatch.offer == matching.offer_key(site, call))))
    found = []
    for need in db.session.scalars(matching.current_needs(clock.today(), site.kind)).unique():
        if need.id not in known:
            result = rules.match(matching.need_of(need), offer)
            if result.eligible:
                found.append(_kept(need, site, call, result))
    db.session.add_all(found)
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
    matches kept again from scratch, without a message (its association is the one acting). Returns how many."""
    db.session.execute(delete(NeedMatch).where(NeedMatch.need_id == need.id))
    today = clock.today()
    if not rules.is_listed(need.status, need.confirmed_on, today):
        return 0
    wanted, now, found = matching.need_of(need), clock.now(), []
    for site in db.session.scalars(matching.sites_on_offer(need, today)).unique():
        result = rules.match(wanted, matching.site_offer(site))
        if result.eligible:
            found.append(_kept(need, site, None, result, now))
    for call in db.session.scalars(matching.calls_open()).unique():
        result = rules.match(wanted, matching.call_offer(call))
        if result.eligible:
            found.append(_kept(need, call.site, call, result, now))
    db.session.add_all(found)
    return len(found)
