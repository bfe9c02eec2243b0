"""Registering for a session and cancelling: the session's row is locked before counting, so that places are never
given twice; a cancellation promotes the first one waiting. The reminders of the day before."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from occupancies.sharing import permissions as p
from occupancies.sharing import queries, rules
from occupancies.sharing.models import Registration
from occupancies.sharing.operations.common import lock, people_of, tell
from occupancies.sharing.workflow import ACTIVE, RegistrationStatus, registration_workflow
from portal import audit, clock
from portal.errors import OperationError
from portal.extensions import db
from portal.permissions import require


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
    lock(session)
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
            tell([registration.user], session, f"session.{registration.status.value}", by=actor.name)
    return made


def promote(session, *, actor, parties=()) -> list[Registration]:
    """The first waiting take the places free (the session's row is locked): each is told at once. The history
    names the organisation the actor acts for: the organiser's, or among `parties` (the organisation whose place
    was given back) the actor's."""
    if not rules.before_start(clock.now(), session.status, session.starts_at):
        return []
    taken = queries.active_count(session, status=RegistrationStatus.registered)
    promoted = rules.promotions(session.capacity, taken,
                                queries.waiting_list(session, rules.free_places(session.capacity, taken)))
    for registration in promoted:
        old = registration_workflow.transition(registration, RegistrationStatus.registered)
        registration.promoted_at = clock.now()
        audit.record("registration.promoted", target=registration, actor=actor, organisation=session.organiser,
                     parties=parties,
                     changes={"session": session.id, "person": registration.user.name,
                              "status": [old, registration.status]})
        tell([registration.user], session, "session.promoted")
    db.session.flush()
    return promoted


def cancel_registration(registration, *, actor) -> list[Registration]:
    """A person gives their place back (or is taken off the list); the first waiting is promoted at once."""
    require(p.can_cancel_registration(actor, registration))
    session = registration.session
    lock(session)
    db.session.refresh(registration)
    if registration.status not in ACTIVE:
        raise OperationError(_l("This registration is already cancelled."))
    if not rules.before_start(clock.now(), session.status, session.starts_at):
        raise OperationError(_l("The session has started: the registration can no longer be cancelled."))
    old = registration_workflow.transition(registration, RegistrationStatus.cancelled)
    registration.cancelled_at = clock.now()
    db.session.flush()
    # By the person or their organisation, or by the organiser: the history names the one the actor acts for.
    audit.record("registration.cancelled", target=registration, actor=actor, organisation=registration.organisation,
                 parties=(session.organiser,),
                 changes={"session": session.id, "person": registration.user.name,
                          "status": [old, registration.status]})
    if registration.user_id != actor.id:
        tell([registration.user], session, "session.registration_cancelled", by=actor.name)
    return promote(session, actor=actor, parties=(registration.organisation,)) \
        if old == RegistrationStatus.registered else []


def remind_session(session) -> int:
    """The day before: everyone registered is reminded, once (the hourly sweep calls this)."""
    if not rules.reminder_due(clock.now(), session.status, session.starts_at, session.reminded_at is not None):
        return 0
    people = people_of(session, {RegistrationStatus.registered})
    session.reminded_at = clock.now()
    db.session.flush()
    audit.record("session.reminded", target=session, organisation=session.organiser,
                 changes={"people": len(people)})
    tell(people, session, "session.reminder")
    return len(people)
