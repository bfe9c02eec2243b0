"""Jobs of needs: the matching of a published call, a site that becomes available, or a need just published or
changed (occupancies.needs.matching). They take ids, and do nothing when what they were queued for has changed."""
from __future__ import annotations

from calls.models import Call
from calls.workflow import CallStatus
from occupancies.models import Site
from occupancies.needs import operations
from occupancies.needs.models import Need
from portal.extensions import db
from portal.jobs import enqueue


def match_call(call_id: int) -> int:
    """The current needs a call just published meets: kept, and their associations told. How many were told."""
    call = db.session.get(Call, call_id)
    if call is None or call.status != CallStatus.published:
        return 0
    return operations.tell_associations(call.site, call, operations.match_offer(call.site, call))


def match_site(site_id: int) -> int:
    site = db.session.get(Site, site_id)
    if site is None or not site.is_published:
        return 0
    return operations.tell_associations(site, None, operations.match_offer(site))


def match_need(need_id: int) -> int:
    need = db.session.get(Need, need_id)
    return operations.rematch_need(need) if need is not None else 0


def alert_for_site(site_id: int) -> int:
    """The saved searches of sites that keep a site just published: their people are told."""
    site = db.session.get(Site, site_id)
    return operations.alert_searches("sites", [site]) if site is not None and site.is_published else 0


def alert_for_call(call_id: int) -> int:
    call = db.session.get(Call, call_id)
    return operations.alert_searches("calls", [call]) if call is not None and call.status == CallStatus.published \
        else 0


def sweep_expiring() -> int:
    """The hourly sweep: the needs that expire within the week, each reminded once (operations.remind_expiring)."""
    return operations.remind_expiring()


# What the features below send (subscriptions of feature.py): the matching is queued, so that publishing never waits
# for it; it runs once the publication has committed.

def on_call_published(call) -> None:
    enqueue("occupancies.needs.jobs.match_call", call.id)
    enqueue("occupancies.needs.jobs.alert_for_call", call.id)


def on_site_published(site) -> None:
    enqueue("occupancies.needs.jobs.match_site", site.id)
    enqueue("occupancies.needs.jobs.alert_for_site", site.id)
