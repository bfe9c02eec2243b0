"""Notification kinds and audit labels of applications."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    application__deadline_reminder=Kind(
        _l("Deadline %(deadline)s: your application to %(call)s is not submitted"),
        _l("Your organisation has an application in preparation that is not submitted. After the deadline nothing "
           "can be submitted."), essential=True),
    application__submitted=Kind(_l("Your application to %(call)s is submitted"),
                                _l("Receipt: the digest of the content submitted begins with %(digest)s. You can "
                                   "withdraw it and submit again until the deadline.")),
    application__withdrawn=Kind(_l("Your application to %(call)s is withdrawn"),
                                _l("It will not be considered unless it is submitted again before the deadline.")),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "application.draft_erased": _l("Draft deleted under the retention schedule"),
    "application.started": _l("Application started"),
    "application.submitted": _l("Application submitted"),
    "application.withdrawn": _l("Application withdrawn"),
    "application.attachment_added": _l("Attachment added to the application"),
    "application.attachment_removed": _l("Attachment removed from the application"),
}
