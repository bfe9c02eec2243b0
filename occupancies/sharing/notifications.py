"""Notification kinds and audit labels of sharing sessions and the library."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    session__created=Kind(_l("New sharing session: %(session)s"),
                          _l("%(organiser)s organises a sharing session on %(when)s (%(place)s). Register on its "
                             "page, for yourself or for colleagues: places are limited.")),
    session__registered=Kind(_l("You are registered for %(session)s"),
                             _l("%(by)s registered you for the sharing session of %(when)s (%(place)s). If you cannot "
                                "come, cancel your registration: the first person waiting takes your place.")),
    session__waiting=Kind(_l("You are on the waiting list of %(session)s"),
                          _l("%(by)s put you on the waiting list of the sharing session of %(when)s (%(place)s). "
                             "You are told at once if a place frees up.")),
    session__promoted=Kind(_l("A place is yours at %(session)s"),
                           _l("A place freed up: you are now registered for the sharing session of %(when)s "
                              "(%(place)s). If you cannot come, cancel your registration.")),
    session__registration_cancelled=Kind(_l("Your registration for %(session)s is cancelled"),
                                         _l("%(by)s cancelled your registration for the sharing session of "
                                            "%(when)s.")),
    session__changed=Kind(_l("%(session)s: new date or place"),
                          _l("The sharing session now takes place on %(when)s (%(place)s).")),
    session__cancelled=Kind(_l("%(session)s is cancelled"),
                            _l("The sharing session of %(when)s is cancelled: %(reason)s")),
    session__reminder=Kind(_l("Tomorrow: %(session)s"),
                           _l("Reminder: the sharing session takes place on %(when)s (%(place)s).")),
    session__minutes=Kind(_l("Minutes of %(session)s published"),
                          _l("The minutes and resources of the sharing session of %(when)s are published.")),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "session.created": _l("Sharing session organised"),
    "session.updated": _l("Sharing session changed"),
    "session.cancelled": _l("Sharing session cancelled"),
    "session.reminded": _l("Participants reminded"),
    "session.attendance": _l("Attendance recorded"),
    "session.minutes_published": _l("Minutes published"),
    "session.minutes_corrected": _l("Minutes corrected"),
    "registration.created": _l("Registration"),
    "registration.cancelled": _l("Registration cancelled"),
    "registration.promoted": _l("Promoted from the waiting list"),
    "resource.added": _l("Resource shared"),
    "resource.removed": _l("Resource removed"),
    "facilitator.added": _l("Facilitator added"),
    "facilitator.updated": _l("Facilitator changed"),
}
