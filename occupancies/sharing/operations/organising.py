"""Organising a session: creating it, changing it (the people registered are told of a practical change),
cancelling it."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from occupancies.sharing import permissions as p
from occupancies.sharing import queries, rules
from occupancies.sharing.models import Facilitator, SharingSession
from occupancies.sharing.operations.common import lock, people_of, tell
from occupancies.sharing.operations.registration import promote
from occupancies.sharing.workflow import Audience, PlaceKind, RegistrationStatus, SessionStatus, Theme, session_workflow
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.organisations.queries import guichet_staff
from portal.permissions import require

SESSION_FIELDS = ("title_fr", "title_nl", "agenda_fr", "agenda_nl", "theme", "starts_at", "ends_at", "place_kind",
                  "site_id", "address", "online_url", "capacity", "places_per_organisation", "audience",
                  "registration_deadline", "facilitator_id")


# Changing these tells the people registered.
PRACTICAL = ("starts_at", "ends_at", "place_kind", "site_id", "address", "online_url")


def _checked(values: dict, *, session=None) -> dict:
    """The session's fields, every problem at once beside its field."""
    clean = {name: values.get(name) for name in SESSION_FIELDS}
    for name in ("title_fr", "title_nl", "agenda_fr", "agenda_nl", "address", "online_url"):
        clean[name] = (clean[name] or "").strip()
    problems = {}
    for name in ("title_fr", "title_nl"):
        if not clean[name]:
            problems[name] = _l("Give the title of the session in French and in Dutch.")
    if clean["theme"] not in set(Theme):
        problems["theme"] = _l("Choose a theme.")
    if clean["audience"] not in set(Audience):
        problems["audience"] = _l("Choose who the session is for.")
    start, end, deadline = clean["starts_at"], clean["ends_at"], clean["registration_deadline"]
    if start is None:
        problems["starts_at"] = _l("Give the date and time the session starts.")
    elif (session is None or start != session.starts_at) and start <= clock.now():
        problems["starts_at"] = _l("A session starts in the future.")
    if end is None:
        problems["ends_at"] = _l("Give the time the session ends.")
    elif start is not None and end <= start:
        problems["ends_at"] = _l("The session ends after it starts.")
    elif start is not None and end - start > timedelta(hours=12):
        problems["ends_at"] = _l("A session lasts at most twelve hours.")
    if deadline is not None and start is not None and deadline > start:
        problems["registration_deadline"] = _l("Registration closes before the session starts.")
    kind = clean["place_kind"]
    if kind not in set(PlaceKind):
        problems["place_kind"] = _l("Say where the session takes place.")
    elif kind == PlaceKind.site:
        if clean["site_id"] not in {s.id for s in queries.occupied_sites()} and not (
                session is not None and clean["site_id"] == session.site_id):
            problems["site_id"] = _l("Choose one of the occupied sites of the register.")
    elif kind == PlaceKind.address and not clean["address"]:
        problems["address"] = _l("Give the address.")
    elif kind == PlaceKind.online and not clean["online_url"].startswith(("https://", "http://")):
        problems["online_url"] = _l("Give the link of the online meeting, starting with https://.")
    if kind != PlaceKind.site:
        clean["site_id"] = None
    capacity = clean["capacity"]
    if not isinstance(capacity, int) or not 1 <= capacity <= rules.MAX_CAPACITY:
        problems["capacity"] = _l("Give a number of places between 1 and %(most)d.", most=rules.MAX_CAPACITY)
    elif session is not None:
        registered = queries.active_count(session, status=RegistrationStatus.registered)
        if capacity < registered:
            problems["capacity"] = _l("%(count)d people are registered already: the session cannot have fewer "
                                      "places. Cancel registrations first.", count=registered)
    per = clean["places_per_organisation"]
    if not isinstance(per, int) or not 1 <= per <= rules.MAX_CAPACITY:
        problems["places_per_organisation"] = _l("Between 1 and %(most)d people per organisation.",
                                                 most=rules.MAX_CAPACITY)
    if session is not None and clean["audience"] == Audience.signatories != session.audience:
        outsiders = queries.registrations_outside_signatories(session)
        if outsiders:
            problems["audience"] = ngettext(
                "%(num)d person of an organisation that did not sign the Charter is registered or waiting: cancel "
                "the registration first.",
                "%(num)d people of organisations that did not sign the Charter are registered or waiting: cancel "
                "their registrations first.", outsiders)
    if clean["facilitator_id"] is not None and db.session.get(Facilitator, clean["facilitator_id"]) is None:
        problems["facilitator_id"] = _l("Choose a facilitator of the list.")
    if problems:
        raise Problems(problems)
    return clean


def create_session(organisation, values: dict, *, actor) -> SharingSession:
    require(p.can_organise_sessions(actor, organisation))
    clean = _checked(values)
    session = SharingSession(organisation_id=organisation.id, organiser=organisation, created_by_id=actor.id,
                             **clean)
    db.session.add(session)
    db.session.flush()
    audit.record("session.created", target=session, actor=actor, organisation=organisation,
                 changes={name: [None, clean[name]] for name in ("title_fr", "starts_at", "capacity", "audience")})
    # Its audience hears of it, each person once and in their language (the Guichet too, when an owner
    # organises); not the person who organised it.
    audience = [user for user in [*queries.audience_members(session), *guichet_staff()] if user.id != actor.id]
    tell(audience, session, "session.created", organiser={"fr": organisation.name_fr, "nl": organisation.name_nl})
    return session


def update_session(session, values: dict, *, actor) -> dict:
    """Changes to a planned session. A change of time or place tells the people registered and waiting; more
    places promote the first waiting."""
    require(p.can_manage_session(actor, session))
    lock(session)                       # checked after the lock: a cancellation may have come meanwhile
    if session.status != SessionStatus.planned:
        raise OperationError(_l("A cancelled session cannot be changed."))
    if clock.now() >= session.starts_at:
        raise OperationError(_l("The session has started: it can no longer be changed."))
    clean = _checked(values, session=session)
    changes = {name: [getattr(session, name), value] for name, value in clean.items()
               if getattr(session, name) != value}
    if not changes:
        return {}
    for name, (_old, value) in changes.items():
        setattr(session, name, value)
    if "starts_at" in changes:
        session.reminded_at = None
    db.session.flush()
    audit.record("session.updated", target=session, actor=actor, organisation=session.organiser, changes=changes)
    if any(name in changes for name in PRACTICAL):
        tell(people_of(session), session, "session.changed")
    promote(session, actor=actor)
    return changes


def cancel_session(session, reason: str, *, actor) -> None:
    require(p.can_manage_session(actor, session))
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_l("Say why the session is cancelled: the people registered read it."),
                             field="reason")
    lock(session)
    if session.status != SessionStatus.planned:
        raise OperationError(_l("The session is already cancelled."), field="reason")
    if clock.now() >= session.starts_at:
        raise OperationError(_l("The session has started: it can no longer be cancelled."), field="reason")
    old = session_workflow.transition(session, SessionStatus.cancelled)
    session.cancel_reason = reason
    db.session.flush()
    audit.record("session.cancelled", target=session, actor=actor, organisation=session.organiser,
                 changes={"status": [old, session.status]}, reason=reason)
    tell(people_of(session), session, "session.cancelled", reason=reason)
