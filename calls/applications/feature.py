"""Applications: an occupant's answer to a call, prepared with autosave, submitted with a receipt, withdrawn."""
from flask import url_for
from flask_babel import format_datetime, gettext, ngettext

from calls.applications import models, notifications, permissions, queries, workflow
from calls.applications.views import BLUEPRINTS
from portal.features import DashboardTask, Feature, helpers_of


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


FEATURE = Feature(
    name="applications",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, STATUS_LABELS=workflow.STATUS_LABELS),
    dashboard_tasks=dashboard_tasks,
)
