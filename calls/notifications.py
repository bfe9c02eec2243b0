from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    call__submitted=Kind(_l("Call to check before publication: %(call)s"),
                         _l("A public owner asks the Guichet to publish this call.")),
    call__approved=Kind(_l("Your call is approved by the Guichet: %(call)s"),
                        _l("It goes public by itself on %(date)s (Brussels time), as you planned, with its site.")),
    call__published=Kind(_l("Your call is published: %(call)s"),
                         _l("Applications are open until the submission deadline.")),
    call__returned=Kind(_l("Your call was sent back by the Guichet: %(call)s"),
                        _l("The Guichet gave this reason: %(reason)s")),
    call__closed=Kind(_l("The call is closed: %(call)s"),
                      _l("The submission deadline has passed. Submitted applications: %(count)s.")),
    call__addendum=Kind(_l("An addendum to the call %(call)s"),
                        _l("The owner has published a correction: read it before you submit.")),
    call__cancelled=Kind(_l("The call is cancelled: %(call)s"), _l("The owner gave this reason: %(reason)s")),
    call__question_asked=Kind(_l("A new question on the call %(call)s")),
    call__question_answered=Kind(_l("A question on the call %(call)s has been answered"),
                                 _l("The answer is published on the call's page for every applicant.")),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "call.created": _l("Call drafted"),
    "call.updated": _l("Call updated"),
    "call.submitted": _l("Sent to the Guichet"),
    "call.approved": _l("Approved by the Guichet"),
    "call.published": _l("Published: open for applications"),
    "call.returned": _l("Sent back by the Guichet"),
    "call.closed": _l("Closed at the deadline"),
    "call.addendum_published": _l("Addendum published"),
    "call.cancelled": _l("Call cancelled"),
    "call.question_asked": _l("Question asked"),
    "call.question_answered": _l("Question answered"),
    "call.followed": _l("Call followed"),
}
