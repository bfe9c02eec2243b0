"""Sharing: the sessions between Charter signatories and occupants (registrations, waiting list, attendance,
minutes), the library of resources, the facilitators and the registry of ongoing initiatives."""
from flask import render_template, url_for
from flask_babel import gettext
from markupsafe import Markup

from occupancies.sharing import models, notifications, permissions, queries, workflow
from occupancies.sharing.views import BLUEPRINTS
from portal import clock
from portal.features import DashboardTask, Feature, helpers_of
from portal.i18n import format_day


def session_task(task) -> DashboardTask:
    """A line of queries.session_tasks(), in the reader's language."""
    session = task.session
    when = format_day(clock.as_utc(session.starts_at), "long")
    if task.kind == "session_minutes":
        return DashboardTask(
            gettext("The sharing session “%(title)s” of %(date)s is over: record who came and publish the minutes.",
                    title=session.title, date=when),
            url_for("session_admin.manage", session_id=session.id, org_slug=session.organiser.slug),
            gettext("Publish the minutes"))
    if task.kind == "session_registered":
        text = gettext("You are registered for the sharing session “%(title)s” on %(date)s.", title=session.title,
                       date=when)
    else:
        text = gettext("You are on the waiting list of the sharing session “%(title)s” on %(date)s.",
                       title=session.title, date=when)
    return DashboardTask(text, url_for("sessions.session_page", session_id=session.id), gettext("Open the session"),
                         due=session.starts_at)


def dashboard_tasks(user, organisation, now):
    return [session_task(task) for task in queries.session_tasks(user, organisation, now)]


def guichet_sections(user, guichet, now):
    yield Markup(render_template("sharing/partials/_guichet_section.html", guichet=guichet,
                                 tasks=dashboard_tasks(user, guichet, now)))


FEATURE = Feature(
    name="sharing",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(
        permissions, AUDIENCE_LABELS=workflow.AUDIENCE_LABELS, PLACE_LABELS=workflow.PLACE_LABELS,
        THEME_LABELS=workflow.THEME_LABELS, REGISTRATION_LABELS=workflow.REGISTRATION_LABELS,
        REGISTRATION_BADGES=workflow.REGISTRATION_BADGES,
        PHASE_LABELS=workflow.PHASE_LABELS, PHASE_BADGES=workflow.PHASE_BADGES),
    dashboard_tasks=dashboard_tasks,
    guichet_sections=guichet_sections,
    periodic=(("occupancies.sharing.jobs.sweep_sessions", 900),),
)
