"""Notification kinds and audit labels of applications.

The kinds and labels of starting, submitting and withdrawing still live in calls/notifications.py."""
from flask_babel import lazy_gettext as _l

from portal.audit.labels import register as register_actions
from portal.notifications.registry import Kind, register  # noqa: F401

register_actions({
    "application.attachment_added": _l("Attachment added to the application"),
    "application.attachment_removed": _l("Attachment removed from the application"),
})
