"""After a session: who came, and its minutes (they join the library once published)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from occupancies.sharing import permissions as p
from occupancies.sharing import queries, rules
from occupancies.sharing.models import Resource
from occupancies.sharing.operations.common import people_of, tell
from occupancies.sharing.workflow import RegistrationStatus, ResourceKind
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.permissions import require


def record_attendance(session, present_ids: set[int], *, actor) -> int:
    """Who came, among the people registered (ticked ids); the others are recorded as absent."""
    require(p.can_manage_session(actor, session))
    if not rules.after_start(clock.now(), session.status, session.starts_at):
        raise OperationError(_l("Attendance is recorded once the session has started."))
    registered = [r for r in queries.registrations_of(session) if r.status == RegistrationStatus.registered]
    for registration in registered:
        registration.attended = registration.id in present_ids
    session.attendance_recorded_at = clock.now()
    db.session.flush()
    present = sum(1 for r in registered if r.attended)
    audit.record("session.attendance", target=session, actor=actor, organisation=session.organiser,
                 changes={"present": present, "absent": len(registered) - present})
    return present


def publish_minutes(session, minutes_fr: str, minutes_nl: str, *, actor) -> bool:
    """The minutes in French and Dutch (Markdown, sanitised when shown). The first publication tells the people
    registered; a correction later does not. Returns whether it was the first."""
    require(p.can_manage_session(actor, session))
    minutes_fr, minutes_nl = (minutes_fr or "").strip(), (minutes_nl or "").strip()
    problems = {}
    if not rules.after_start(clock.now(), session.status, session.starts_at):
        problems["minutes_fr"] = _l("Minutes are published once the session has started.")
    for name, text in (("minutes_fr", minutes_fr), ("minutes_nl", minutes_nl)):
        if not text and name not in problems:
            problems[name] = _l("Write the minutes in French and in Dutch.")
    if problems:
        raise Problems(problems)
    first = session.minutes_published_at is None
    changes = {"minutes_fr": [session.minutes_fr, minutes_fr], "minutes_nl": [session.minutes_nl, minutes_nl]}
    session.minutes_fr, session.minutes_nl = minutes_fr, minutes_nl
    if first:
        session.minutes_published_at = clock.now()
        db.session.add(Resource(session_id=session.id, theme=session.theme, kind=ResourceKind.minutes,
                                title_fr=f"Compte rendu : {session.title_fr}"[:200],
                                title_nl=f"Verslag: {session.title_nl}"[:200], added_by_id=actor.id))
    db.session.flush()
    audit.record("session.minutes_published" if first else "session.minutes_corrected", target=session,
                 actor=actor, organisation=session.organiser,
                 changes={k: [len(a), len(b)] for k, (a, b) in changes.items()})
    if first:
        tell(people_of(session, {RegistrationStatus.registered}), session, "session.minutes")
    return first
