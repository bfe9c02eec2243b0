from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from flask import g, has_app_context

from portal.audit.models import AuditEvent
from portal.extensions import db


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _member_of(actor, organisation) -> bool:
    membership_in = getattr(actor, "membership_in", None)
    return organisation is not None and membership_in is not None and membership_in(organisation.id) is not None


def acting_for(actor=None, organisation=None, parties: Iterable = ()):
    """The organisation an entry names beside its actor: the one the actor acts for, never another.

    A person acts for the request's organisation (the one they chose: /o/<slug>/…, the Guichet's pages) when they
    are a member of it; otherwise for the first of `organisation` and the dossier's `parties` they are a member of;
    for none when they belong to none of them (a history says less rather than something false: an occupant's
    staff member is never shown as acting for the owner whose dossier it is). The system (no actor) acts for the
    organisation given, or the request's."""
    requested = g.get("organisation") if has_app_context() else None
    if actor is None:
        return organisation if organisation is not None else requested
    return next((o for o in (requested, organisation, *parties) if _member_of(actor, o)), None)


def record(action: str, *, target, actor=None, organisation=None, parties: Iterable = (),
           changes: dict | None = None, reason: str | None = None) -> AuditEvent:
    """Append one event, naming the organisation the actor acts for (acting_for): the request's, or among
    `organisation` and the dossier's `parties` (an agreement's owner and occupant, say) the one the actor is a
    member of."""
    organisation = acting_for(actor, organisation, parties)
    if target.id is None:
        db.session.flush()
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        organisation_id=organisation.id if organisation is not None else None,
        target_type=target.__tablename__,
        target_id=target.id,
        changes={key: _plain(value) for key, value in (changes or {}).items()},
        reason=reason or None,
    )
    db.session.add(event)
    return event
