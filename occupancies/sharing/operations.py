"""The only writers of sharing sessions and the library: one function per state change, each checking who may
do it, recording it in the audit log and queuing its notifications.

Places are never given twice: registering and cancelling first lock the session's row (SELECT … FOR UPDATE on
PostgreSQL; on SQLite every writing transaction begins IMMEDIATE, so writers already queue), then count."""
from __future__ import annotations

import re
from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from occupancies.sharing import permissions as p
from occupancies.sharing import queries, rules
from occupancies.sharing.models import Facilitator, Registration, Resource, SharingSession
from occupancies.sharing.workflow import (
    ACTIVE,
    PLACE_LABELS,
    Audience,
    PlaceKind,
    RegistrationStatus,
    ResourceKind,
    SessionStatus,
    Theme,
    registration_workflow,
    session_workflow,
)
from portal import audit, clock, uploads
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.i18n import in_all_languages
from portal.jobs import after_commit
from portal.notifications import notify
from portal.organisations.queries import guichet_staff
from portal.permissions import require

SESSION_FIELDS = ("title_fr", "title_nl", "agenda_fr", "agenda_nl", "theme", "starts_at", "ends_at", "place_kind",
                  "site_id", "address", "online_url", "capacity", "places_per_organisation", "audience",
                  "registration_deadline", "facilitator_id")
# Changing these tells the people registered.
PRACTICAL = ("starts_at", "ends_at", "place_kind", "site_id", "address", "online_url")


def when(session) -> str:
    start, end = clock.in_brussels(session.starts_at), clock.in_brussels(session.ends_at)
    return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}"


def place_of(session):
    """Where: the site's name and address, the address, or "online" (in every language)."""
    if session.place_kind == PlaceKind.site:
        if session.site is None:                 # removed from the register since
            return in_all_languages(_l("place to be confirmed"))
        return f"{session.site.name}, {session.site.address}, {session.site.postcode}"
    if session.place_kind == PlaceKind.address:
        return session.address
    return in_all_languages(PLACE_LABELS[PlaceKind.online])


def _params(session, **extra) -> dict:
    return {"session": {"fr": session.title_fr, "nl": session.title_nl, "en": session.title_fr},
            "when": when(session), "place": place_of(session), **extra}


def _link(session) -> str:
    return url_for("sessions.session_page", session_id=session.id)


def _tell(users, session, kind: str, **extra) -> None:
    notify(users, kind, params=_params(session, **extra), link=_link(session))


# Organising ----------------------------------------------------------------------------------------------------

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
            problems["audience"] = _l("%(count)d people of organisations that did not sign the Charter are "
                                      "registered or waiting: cancel their registrations first.", count=outsiders)
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
    if not organisation.is_guichet:
        _tell(guichet_staff(), session, "session.created", organiser={"fr": organisation.name_fr,
                                                                        "nl": organisation.name_nl})
    return session


def _lock(session) -> None:
    """Hold the session's row until the commit; its values read afresh."""
    db.session.execute(select(SharingSession).where(SharingSession.id == session.id)
                       .with_for_update(of=SharingSession).execution_options(populate_existing=True))


def _people(session, statuses=ACTIVE) -> list:
    return [r.user for r in queries.registrations_of(session) if r.status in statuses]


def update_session(session, values: dict, *, actor) -> dict:
    """Changes to a planned session. A change of time or place tells the people registered and waiting; more
    places promote the first waiting."""
    require(p.can_manage_session(actor, session))
    _lock(session)                       # checked after the lock: a cancellation may have come meanwhile
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
        _tell(_people(session), session, "session.changed")
    _promote(session, actor=actor)
    return changes


def cancel_session(session, reason: str, *, actor) -> None:
    require(p.can_manage_session(actor, session))
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_l("Say why the session is cancelled: the people registered read it."),
                             field="reason")
    _lock(session)
    if session.status != SessionStatus.planned:
        raise OperationError(_l("The session is already cancelled."), field="reason")
    if clock.now() >= session.starts_at:
        raise OperationError(_l("The session has started: it can no longer be cancelled."), field="reason")
    old = session_workflow.transition(session, SessionStatus.cancelled)
    session.cancel_reason = reason
    db.session.flush()
    audit.record("session.cancelled", target=session, actor=actor, organisation=session.organiser,
                 changes={"status": [old, session.status]}, reason=reason)
    _tell(_people(session), session, "session.cancelled", reason=reason)


# Registration --------------------------------------------------------------------------------------------------

def register_for_session(session, organisation, people: list, *, actor) -> list[Registration]:
    """`actor` registers `people` (themselves and/or colleagues of `organisation`): places first, in the order
    given, then the waiting list. Each organisation has at most `places_per_organisation` people on a session."""
    require(p.can_register_for_session(actor, session))
    if organisation is None or organisation not in p.eligible_organisations(actor, session):
        raise OperationError(_l("Your organisation is not invited to this session."), field="organisation_id")
    if not people:
        raise OperationError(_l("Choose at least one person to register."), field="people")
    members = {m.user_id for m in organisation.memberships}
    if any(user.id not in members or not user.active for user in people):
        raise OperationError(_l("Only members of %(organisation)s can be registered for it.",
                                organisation=organisation.name), field="people")
    _lock(session)
    now = clock.now()
    if not rules.registration_open(now, session.status, session.starts_at, session.registration_deadline):
        raise OperationError(_l("Registration for this session is closed."), field="people")
    existing = {r.user_id: r for r in db.session.scalars(select(Registration).where(
        Registration.session_id == session.id, Registration.user_id.in_([u.id for u in people])))}
    already = [u.name for u in people if u.id in existing and existing[u.id].status in ACTIVE]
    if already:
        raise OperationError(_l("Already registered or waiting: %(names)s.", names=", ".join(already)),
                             field="people")
    left = rules.allowance(session.places_per_organisation,
                           queries.active_count(session, organisation_id=organisation.id))
    if len(people) > left:
        raise OperationError(_l("One organisation may send at most %(most)d people to this session; %(left)d more "
                                "for yours.", most=session.places_per_organisation, left=left), field="people")
    placed, _waiting = rules.placement(session.capacity,
                                       queries.active_count(session, status=RegistrationStatus.registered),
                                       len(people))
    made = []
    for index, user in enumerate(people):
        status = RegistrationStatus.registered if index < placed else RegistrationStatus.waiting
        registration = existing.get(user.id) or Registration(session_id=session.id, user_id=user.id,
                                                             status=RegistrationStatus.cancelled)
        registration_workflow.transition(registration, status)
        registration.organisation_id, registration.registered_by_id = organisation.id, actor.id
        # Each its own instant, in the order ticked: the waiting list never depends on rows reused.
        registration.queued_at = now + timedelta(microseconds=index)
        registration.cancelled_at = registration.promoted_at = None
        registration.attended = None
        db.session.add(registration)
        made.append(registration)
    db.session.flush()
    for registration in made:
        audit.record("registration.created", target=registration, actor=actor, organisation=organisation,
                     changes={"session": session.id, "person": registration.user.name,
                              "status": [None, registration.status]})
        if registration.user_id != actor.id:
            _tell([registration.user], session, f"session.{registration.status.value}", by=actor.name)
    return made


def _promote(session, *, actor) -> list[Registration]:
    """The first waiting take the places free (the session's row is locked): each is told at once."""
    if not rules.before_start(clock.now(), session.status, session.starts_at):
        return []
    taken = queries.active_count(session, status=RegistrationStatus.registered)
    promoted = rules.promotions(session.capacity, taken,
                                queries.waiting_list(session, rules.free_places(session.capacity, taken)))
    for registration in promoted:
        old = registration_workflow.transition(registration, RegistrationStatus.registered)
        registration.promoted_at = clock.now()
        audit.record("registration.promoted", target=registration, actor=actor, organisation=session.organiser,
                     changes={"session": session.id, "person": registration.user.name,
                              "status": [old, registration.status]})
        _tell([registration.user], session, "session.promoted")
    db.session.flush()
    return promoted


def cancel_registration(registration, *, actor) -> list[Registration]:
    """A person gives their place back (or is taken off the list); the first waiting is promoted at once."""
    require(p.can_cancel_registration(actor, registration))
    session = registration.session
    _lock(session)
    db.session.refresh(registration)
    if registration.status not in ACTIVE:
        raise OperationError(_l("This registration is already cancelled."))
    if not rules.before_start(clock.now(), session.status, session.starts_at):
        raise OperationError(_l("The session has started: the registration can no longer be cancelled."))
    old = registration_workflow.transition(registration, RegistrationStatus.cancelled)
    registration.cancelled_at = clock.now()
    db.session.flush()
    audit.record("registration.cancelled", target=registration, actor=actor, organisation=registration.organisation,
                 changes={"session": session.id, "person": registration.user.name,
                          "status": [old, registration.status]})
    if registration.user_id != actor.id:
        _tell([registration.user], session, "session.registration_cancelled", by=actor.name)
    return _promote(session, actor=actor) if old == RegistrationStatus.registered else []


def remind_session(session) -> int:
    """The day before: everyone registered is reminded, once (the hourly sweep calls this)."""
    if not rules.reminder_due(clock.now(), session.status, session.starts_at, session.reminded_at is not None):
        return 0
    people = _people(session, {RegistrationStatus.registered})
    session.reminded_at = clock.now()
    db.session.flush()
    audit.record("session.reminded", target=session, organisation=session.organiser,
                 changes={"people": len(people)})
    _tell(people, session, "session.reminder")
    return len(people)


# After the session ---------------------------------------------------------------------------------------------

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
        _tell(_people(session, {RegistrationStatus.registered}), session, "session.minutes")
    return first


# The library ---------------------------------------------------------------------------------------------------

def _resource_values(values: dict) -> tuple[dict, dict]:
    clean = {name: (values.get(name) or "").strip() for name in ("title_fr", "title_nl", "description_fr",
                                                                  "description_nl", "url")}
    clean["theme"] = values.get("theme")
    problems = {}
    for name in ("title_fr", "title_nl"):
        if not clean[name]:
            problems[name] = _l("Give the title in French and in Dutch.")
    if clean["theme"] not in set(Theme):
        problems["theme"] = _l("Choose a theme.")
    return clean, problems


UPLOAD_MESSAGES = {
    "not_allowed": _l("Accepted files: PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG or WebP."),
    "mismatch": _l("The content of the file is not what its name says."),
    "too_large": _l("The file is larger than 15 MB."),
    "empty": _l("The file is empty."),
    "no_name": _l("The file has no name."),
    "bad_name": _l("The file name holds characters that are not allowed (slashes, control characters)."),
}


def add_resource(session, values: dict, upload=None, *, actor) -> Resource:
    """A file or a link shared at a session (by its organiser), or in the toolbox (session None, the Guichet's
    staff). A file is checked by its content before anything is saved."""
    require(p.can_manage_session(actor, session) if session is not None else p.can_keep_library(actor))
    clean, problems = _resource_values(values)
    has_file = upload is not None and getattr(upload, "filename", "")
    if not has_file and not clean["url"].startswith(("https://", "http://")):
        problems["url"] = _l("Attach a file, or give a link starting with https://.")
    if problems:
        raise Problems(problems)
    resource = Resource(session_id=session.id if session is not None else None, added_by_id=actor.id,
                        kind=ResourceKind.file if has_file else ResourceKind.link, **clean)
    if has_file:
        try:
            resource.file, resource.mimetype, resource.size, _digest = uploads.store_document(
                upload.stream, upload.filename, "library")
        except uploads.UploadError as error:
            message = UPLOAD_MESSAGES.get(error.code, UPLOAD_MESSAGES["not_allowed"])
            raise OperationError(message, field="upload") from error
        resource.original_name, resource.url = uploads.clean_filename(upload.filename), ""
    db.session.add(resource)
    db.session.flush()
    audit.record("resource.added", target=resource, actor=actor,
                 organisation=session.organiser if session is not None else None,
                 changes={"title_fr": [None, resource.title_fr], "kind": [None, resource.kind],
                          "session": session.id if session is not None else None})
    return resource


def remove_resource(resource, *, actor) -> None:
    session = resource.session
    require(p.can_manage_session(actor, session) if session is not None else p.can_keep_library(actor))
    if resource.kind == ResourceKind.minutes:
        raise OperationError(_l("The minutes stay in the library; correct them on the session's page."))
    audit.record("resource.removed", target=resource, actor=actor,
                 organisation=session.organiser if session is not None else None,
                 changes={"title_fr": [resource.title_fr, None]})
    stored = resource.file
    db.session.delete(resource)
    db.session.flush()
    if stored:
        after_commit("occupancies.sharing.jobs.forget_file", stored)


FACILITATOR_FIELDS = ("name", "structure", "email", "website", "bio_fr", "bio_nl")


def save_facilitator(facilitator, values: dict, *, actor) -> Facilitator:
    """Add a facilitator to the Guichet's list (facilitator None) or change one."""
    require(p.can_keep_library(actor))
    clean = {name: (values.get(name) or "").strip() for name in FACILITATOR_FIELDS}
    clean["themes"] = [t for t in values.get("themes") or [] if t in set(Theme)]
    clean["languages"] = [lang for lang in values.get("languages") or [] if lang in ("fr", "nl", "en")]
    clean["active"] = bool(values.get("active", True))
    problems = {}
    if not clean["name"]:
        problems["name"] = _l("Give the facilitator's name.")
    if clean["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", clean["email"]):
        problems["email"] = _l("Enter a valid email address, like name@example.org.")
    if clean["website"] and not clean["website"].startswith(("https://", "http://")):
        problems["website"] = _l("A website starts with https://.")
    if not clean["languages"]:
        problems["languages"] = _l("Tick the languages the facilitator works in.")
    if problems:
        raise Problems(problems)
    new = facilitator is None
    facilitator = facilitator or Facilitator()
    changes = {name: [None if new else getattr(facilitator, name), value] for name, value in clean.items()
               if new or getattr(facilitator, name) != value}
    for name, value in clean.items():
        setattr(facilitator, name, value)
    db.session.add(facilitator)
    db.session.flush()
    if changes:
        audit.record("facilitator.added" if new else "facilitator.updated", target=facilitator, actor=actor,
                     changes=changes)
    return facilitator
