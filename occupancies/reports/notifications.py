"""Notification kinds and audit labels of reports."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    report__due_soon=Kind(_l("Report on %(site)s due on %(due_on)s"),
                          _l("The report for %(period)s is due in a week. Fill it in and submit it: counts and short "
                             "texts only, never a name or a contact of a person you support."), essential=True),
    report__due_today=Kind(_l("Report on %(site)s due today"),
                           _l("The report for %(period)s is due today. Fill it in and submit it."), essential=True),
    report__submitted=Kind(_l("Report on %(site)s submitted by %(occupant)s"),
                           _l("The report for %(period)s waits for you: acknowledge it with a comment, or return it "
                              "with a question.")),
    report__acknowledged=Kind(_l("Report on %(site)s acknowledged"),
                              _l("The owner acknowledged the report for %(period)s: %(comment)s")),
    report__answered=Kind(_l("Report on %(site)s: %(occupant)s answered your question"),
                          _l("The occupant answered your question on the report for %(period)s (“%(question)s”): "
                             "%(answer)s. Acknowledge the report with a comment, or return it with another "
                             "question.")),
    report__returned=Kind(_l("Report on %(site)s returned with a question"),
                          _l("The owner asks about the report for %(period)s: %(question)s")),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "report.scheduled": _l("Report scheduled"),
    "report.saved": _l("Report saved as a draft"),
    "report.submitted": _l("Report submitted"),
    "report.answered": _l("Question answered, report submitted again"),
    "report.acknowledged": _l("Report acknowledged"),
    "report.returned": _l("Report returned with a question"),
}
