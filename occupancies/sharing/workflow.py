"""Sharing sessions (moments de partage): planned → cancelled (with a public reason); what comes next is read
from the clock and the registrations (phase()). A registration: registered, or waiting for a place, or cancelled;
a waiting one is promoted as soon as a place frees."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal import clock
from portal.i18n import LANGUAGES, in_all_languages
from portal.region import commune_name
from portal.workflow import Workflow


class SessionStatus(StrEnum):
    planned = "planned"
    cancelled = "cancelled"


class RegistrationStatus(StrEnum):
    registered = "registered"
    waiting = "waiting"
    cancelled = "cancelled"


class Audience(StrEnum):
    signatories = "signatories"   # members of the organisations that signed the Charter (and the Guichet)
    partners = "partners"         # members of every approved organisation
    public = "public"             # anyone may read it; signing in is needed to register


class PlaceKind(StrEnum):
    site = "site"                 # an occupied site of the register
    address = "address"
    online = "online"


class Theme(StrEnum):
    governance = "governance"
    social_support = "social_support"
    culture = "culture"
    safety = "safety"
    legal = "legal"
    works = "works"
    neighbourhood = "neighbourhood"
    evaluation = "evaluation"


class ResourceKind(StrEnum):
    file = "file"
    link = "link"
    minutes = "minutes"           # the session's minutes, listed in the library once published


session_workflow = Workflow({SessionStatus.planned: {SessionStatus.cancelled}, SessionStatus.cancelled: set()})
R = RegistrationStatus
registration_workflow = Workflow({
    R.registered: {R.cancelled},
    R.waiting: {R.registered, R.cancelled},
    R.cancelled: {R.registered, R.waiting},
})
ACTIVE = frozenset({R.registered, R.waiting})


class Phase(StrEnum):
    """Where a planned session stands, for its page and lists."""
    open = "open"                  # places left, registration open
    full = "full"                  # no place left: new registrations join the waiting list
    closed = "closed"              # the registration deadline has passed
    under_way = "under_way"
    minutes_due = "minutes_due"    # held: attendance and minutes to publish
    published = "published"        # held, minutes published
    cancelled = "cancelled"


AUDIENCE_LABELS = {
    Audience.signatories: _l("Charter signatories only"),
    Audience.partners: _l("All partner organisations"),
    Audience.public: _l("Open to the public"),
}
PLACE_LABELS = {
    PlaceKind.site: _l("In an occupied site of the register"),
    PlaceKind.address: _l("At an address"),
    PlaceKind.online: _l("Online"),
}
THEME_LABELS = {
    Theme.governance: _l("Governance and partnerships"),
    Theme.social_support: _l("Social support and housing"),
    Theme.culture: _l("Culture and community life"),
    Theme.safety: _l("Safety and fire prevention"),
    Theme.legal: _l("Agreements, insurance and legal framework"),
    Theme.works: _l("Works and building management"),
    Theme.neighbourhood: _l("Participation and neighbourhood"),
    Theme.evaluation: _l("Evaluation and indicators"),
}
REGISTRATION_LABELS = {
    R.registered: _l("Place confirmed"),
    R.waiting: _l("On the waiting list"),
    R.cancelled: _l("Registration cancelled"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
REGISTRATION_BADGES = {RegistrationStatus.registered: "success", RegistrationStatus.waiting: "warning",
                       RegistrationStatus.cancelled: "secondary"}
PHASE_LABELS = {
    Phase.open: _l("Registration open"),
    Phase.full: _l("Full: waiting list open"),
    Phase.closed: _l("Registration closed"),
    Phase.under_way: _l("Under way"),
    Phase.minutes_due: _l("Held: minutes due"),
    Phase.published: _l("Held: minutes published"),
    Phase.cancelled: _l("Cancelled"),
}
# What comes next, and whose move it is.
NEXT_STEP = {
    Phase.open: (_l("Members of the organisations invited register, for themselves or for colleagues, until the "
                    "deadline."), _l("Participants")),
    Phase.full: (_l("Every place is taken. New registrations join the waiting list; a cancellation gives its "
                    "place at once to the first person waiting, who is told."), _l("Participants")),
    Phase.closed: (_l("Registration is closed. A cancellation still gives its place to the first person waiting. "
                      "Everyone registered is reminded the day before."), _l("Organiser")),
    Phase.under_way: (_l("The session is under way. Afterwards, the organiser records who attended and publishes "
                         "the minutes and resources."), _l("Organiser")),
    Phase.minutes_due: (_l("The organiser records who attended and publishes the minutes in French and Dutch, with "
                           "the resources shared."), _l("Organiser")),
    Phase.published: (_l("The minutes and resources are published to the audience and listed in the library."),
                      _l("Nobody: done")),
    Phase.cancelled: (_l("The session is cancelled. The people registered were told."), _l("Nobody: done")),
}
PHASE_BADGES = {Phase.open: "success", Phase.full: "warning", Phase.closed: "secondary", Phase.under_way: "info",
                Phase.minutes_due: "primary", Phase.published: "secondary", Phase.cancelled: "danger"}


# How a session's time and place read, in notifications and on its pages -----------------------------------

def when(session) -> str:
    """Its day and hours in Brussels, as every language writes them: 15/06/2027 14:00–16:00."""
    start, end = clock.in_brussels(session.starts_at), clock.in_brussels(session.ends_at)
    return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"


def place_of(session):
    """Where: the site's name and address (its commune for a protected site), the address, or "online" (in every
    language)."""
    if session.place_kind == PlaceKind.site:
        if session.site is None:                 # removed from the register since
            return in_all_languages(_l("place to be confirmed"))
        if session.site.protected:               # a shelter's address is never sent out: its commune only
            return {language: f"{session.site.name}, {commune_name(session.site.commune, language)}"
                    for language in LANGUAGES}
        return f"{session.site.name}, {session.site.address}, {session.site.postcode}"
    if session.place_kind == PlaceKind.address:
        return session.address
    return in_all_languages(PLACE_LABELS[PlaceKind.online])
