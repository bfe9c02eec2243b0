"""Notifications: the inbox, the e-mails, and the outbox the Guichet reads outside production."""
from flask import url_for
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from portal.features import DashboardTask, Feature, Urgency, helpers_of
from portal.notifications import models, permissions
from portal.notifications.queries import unread_count
from portal.notifications.views import BLUEPRINTS


def dashboard_tasks(user, organisation, now):
    unread = unread_count(user)
    if unread:
        yield DashboardTask(ngettext("You have %(num)d unread notification.",
                                     "You have %(num)d unread notifications.", unread),
                            url_for("notifications.inbox"), gettext("Open the inbox"),
                            urgency=Urgency.info)


FEATURE = Feature(
    name="notifications",
    blueprints=BLUEPRINTS,
    models=(models,),
    template_helpers=helpers_of(permissions),
    dashboard_tasks=dashboard_tasks,
    audit_labels={"notifications.preferences_changed": _l("E-mail preferences changed")},
    periodic=(("portal.notifications.jobs.send_digests", 3600), ("portal.notifications.jobs.sweep_retention", 86400)),
)
