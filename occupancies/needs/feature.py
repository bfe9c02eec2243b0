"""Needs (issue 20): associations say what they look for; owners and the Guichet (and, for a public need,
everyone) read the current ones; the places on offer are matched against them, owners propose their sites; anyone
signed in saves a search of the public sites or calls and is told of what it keeps."""
from urllib.parse import urlencode

from flask import render_template
from markupsafe import Markup

from calls import workflow as call_events
from occupancies import workflow as site_events
from occupancies.needs import (
    jobs,
    matching,
    models,
    notifications,
    operations,
    permissions,
    queries,
    words,
    workflow,
)
from occupancies.needs.forms import SaveSearchForm
from occupancies.needs.views import BLUEPRINTS
from occupancies.workflow import SITE_KIND_LABELS
from portal import clock
from portal.features import Feature, helpers_of


def _offer_panel(key: str, user, site):
    yield Markup(render_template("needs/partials/_offer_needs.html",
                                 matches=queries.matches_of_offer(key, clock.today()), sentence=words.sentence,
                                 may_read=lambda need: permissions.can_read_need(user, need), site=site,
                                 may_propose=permissions.can_propose(user, site.owner)))


def save_search_panel(target, args, user):
    """Under the public list of sites or of calls: keep its filters as a saved search (someone signed in)."""
    if user.is_authenticated:
        yield Markup(render_template(
            "needs/partials/_save_search.html", form=SaveSearchForm(formdata=None), target=target,
            query=urlencode(sorted(args.items())),
            placeholder=words.search_summary(target, operations.filters_of(target, args))))


def site_needs_panel(site, user, audience):
    """The owner's and the Guichet's page of a published site: the current needs it meets."""
    if audience in ("owner", "guichet") and site.is_published:
        yield from _offer_panel(matching.offer_key(site, None), user, site)


def call_needs_panel(call, user):
    """The owner's page of a published call: the current needs it meets."""
    if call.published_at is not None:
        yield from _offer_panel(matching.offer_key(call.site, call), user, call.site)


FEATURE = Feature(
    name="needs",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=workflow.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, EQUIPMENT_LABELS=workflow.EQUIPMENT_LABELS,
                                VISIBILITY_LABELS=workflow.VISIBILITY_LABELS, SITE_KIND_LABELS=SITE_KIND_LABELS,
                                PROPOSAL_LABELS=workflow.PROPOSAL_LABELS, PROPOSAL_BADGES=workflow.PROPOSAL_BADGES),
    panels={"site": site_needs_panel, "call.owner": call_needs_panel, "list.search": save_search_panel},
    periodic=(("occupancies.needs.jobs.sweep_expiring", 3600),),
    subscriptions={call_events.published: jobs.on_call_published,
                   site_events.site_published: jobs.on_site_published},
)
