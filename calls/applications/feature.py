"""Applications: an occupant's answer to a call, prepared with autosave, submitted with a receipt, withdrawn."""
from flask import render_template, url_for
from flask_babel import format_datetime, gettext, ngettext
from markupsafe import Markup

from calls import rules as call_rules
from calls import workflow as call_events
from calls.applications import models, notifications, operations, permissions, queries, workflow
from calls.applications.views import BLUEPRINTS
from portal import clock
from portal.features import DashboardTask, Feature, helpers_of
from portal.roles import refusal_text


def dashboard_tasks(user, organisation, now):
    if not organisation.is_occupant:
        return
    count, deadline = queries.drafts_in_preparation(organisation, now)
    if count:
        yield DashboardTask(
            ngettext("%(num)d application is in preparation; the nearest deadline is %(date)s.",
                     "%(num)d applications are in preparation; the nearest deadline is %(date)s.", count,
                     date=format_datetime(deadline, "short")),
            url_for("applications.index"), gettext("Our applications"), due=deadline)


def _counted(call) -> dict:
    submitted, drafts = queries.counts_of(call)
    return {"call": call, "submitted": submitted, "drafts": drafts,
            "sealed": call_rules.sealed(call.submission_deadline, clock.now())}


def owner_call_panel(call, user):
    """The owner's page of a call: how many applications, sealed until the deadline, then the way to read them."""
    yield Markup(render_template("applications/partials/_call_owner.html", **_counted(call)))


def guichet_call_panel(call, user):
    if call_events.is_public(call):
        context = _counted(call)
        rows = [] if context["sealed"] else queries.received_applications(call)
        yield Markup(render_template("applications/partials/_call_guichet.html", rows=rows, **context))


def apply_panel(call, user, occupant, now):
    """A published call's public page: the acting occupant's application, or the way to start one, or the real
    reason why the user cannot (the call closed, the association not yet approved, their role)."""
    refusal = permissions.why_not_apply(user, occupant, call, now)
    if refusal == permissions.CLOSED:
        refusal_message = gettext("This call no longer takes applications: its deadline has passed.")
    else:
        refusal_message = refusal_text(refusal, occupant) if refusal else None
    yield Markup(render_template("applications/partials/_call_apply.html", call=call, occupant=occupant, now=now,
                                 application=queries.application_of(call, occupant), refusal=refusal,
                                 refusal_message=refusal_message))


FEATURE = Feature(
    name="applications",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, STATUS_LABELS=workflow.STATUS_LABELS,
                                  STATUS_BADGES=workflow.STATUS_BADGES),
    dashboard_tasks=dashboard_tasks,
    periodic=(("calls.applications.jobs.sweep_retention", 86400),),
    panels={"call.owner": owner_call_panel, "call.guichet": guichet_call_panel, "call.apply": apply_panel},
    provides={"application_counts": queries.application_counts},
    subscriptions={call_events.deadline_set: operations.schedule_reminders,
                   call_events.closed: operations.tell_owner_of_closing,
                   call_events.concerned: queries.concerned_by},
)
