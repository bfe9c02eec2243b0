"""Calls: the owner's open calls with their criteria, the Guichet's moderation, questions and addenda, the public
list, pages and feeds."""
from flask import render_template, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup

from calls import models, notifications, permissions, queries, workflow
from calls.views import BLUEPRINTS
from portal import clock
from portal.features import DashboardTask, Feature, helpers_of


def dashboard_tasks(user, organisation, now):
    if not organisation.is_owner:
        return
    for call in queries.calls_sent_back(organisation):
        yield DashboardTask(
            gettext("The Guichet sent back the call “%(call)s”: correct it and send it again.", call=call.title),
            url_for("calls.call", call_id=call.id), gettext("Open the call"))
    for call, count in queries.unanswered_questions(organisation):
        yield DashboardTask(
            ngettext("%(num)d question waits for an answer on “%(call)s”.",
                     "%(num)d questions wait for an answer on “%(call)s”.", count, call=call.title),
            url_for("calls.call", call_id=call.id, _anchor="questions"), gettext("Answer"))


def guichet_sections(user, guichet, now):
    yield Markup(render_template("calls/partials/_guichet_section.html", count=queries.calls_to_moderate_count()))


def public_site_panel(site, user, audience):
    if audience != "public":
        return
    calls = queries.public_calls_of_site(site)
    if calls:
        now = clock.now()
        yield Markup(render_template("calls/partials/_site_calls.html", calls=calls,
                                     statuses={call.id: workflow.effective_status(call, now) for call in calls}))


def draft_call_button(site, user, units):
    if units and permissions.can_draft_call(user, site):
        yield Markup(render_template("calls/partials/_draft_call_button.html", site=site))


LANDING_CALLS = 6


def open_calls_panel(user):
    """The home page: the calls open for applications, soonest deadline first."""
    calls, total = queries.public_calls(queries.CallFilters(), 1, per_page=LANDING_CALLS)
    yield Markup(render_template("calls/partials/_open_calls.html", calls=calls, total=total,
                                 heading_id="open-calls", title=gettext("Open calls"), level="landing",
                                 classes="mb-5"))


def dashboard_calls_panel(organisation, user):
    """An approved association's dashboard: the calls it can apply to now."""
    if organisation.is_occupant and organisation.is_approved:
        calls, total = queries.public_calls(queries.CallFilters(), 1, per_page=LANDING_CALLS)
        yield Markup(render_template("calls/partials/_open_calls.html", calls=calls, total=total,
                                     heading_id="open-calls", title=gettext("Open calls you can apply to"),
                                     level="dashboard", classes="mt-4"))


FEATURE = Feature(
    name="calls",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(
        permissions, STATUS_LABELS=workflow.STATUS_LABELS, STATUS_BADGES=workflow.STATUS_BADGES,
        NEXT_STEP=workflow.NEXT_STEP,
        TIE_RULE_LABELS=workflow.TIE_RULE_LABELS, is_public=workflow.is_public),
    dashboard_tasks=dashboard_tasks,
    guichet_sections=guichet_sections,
    panels={"site": public_site_panel, "site.actions": draft_call_button, "landing.calls": open_calls_panel,
            "organisation.dashboard": dashboard_calls_panel},
    periodic=(("calls.jobs.sweep_calls", 300),),
)
