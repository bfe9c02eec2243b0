"""The only writers of applications: one function per state change."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from calls.applications import permissions as p
from calls.applications.models import Application
from calls.applications.rules import content_digest
from calls.applications.workflow import ApplicationStatus, transition
from portal import audit, clock
from portal.extensions import db
from portal.notifications import notify
from portal.organisations.operations import OperationError
from portal.organisations.workflow import Role
from portal.permissions import require

FIELDS = ("summary", "use_category", "occupant_type", "requested_units", "answers", "statements")


def start_application(call, organisation, *, actor) -> Application:
    """The applicant's one application to a call (found again if it exists)."""
    require(p.can_apply(actor, organisation, call, clock.now()))
    existing = db.session.scalar(select(Application).where(Application.call_id == call.id,
                                                           Application.organisation_id == organisation.id))
    if existing is not None:
        return existing
    application = Application(call=call, call_id=call.id, applicant=organisation, organisation_id=organisation.id,
                              answers={}, statements={}, requested_units=[])
    db.session.add(application)
    db.session.flush()
    audit.record("application.started", target=application, actor=actor, organisation=organisation)
    return application


def save_application(application: Application, values: dict, *, actor) -> None:
    """A draft saved as the user types: no audit entry for each keystroke, only the content."""
    require(p.can_edit_application(actor, application, clock.now()))
    offered = {u.unit_id for u in application.call.units} or {u.id for u in application.call.site.units}
    if any(unit_id not in offered for unit_id in values.get("requested_units", [])):
        raise OperationError(_l("Choose units offered by the call."), field="requested_units")
    for key in FIELDS:
        if key in values:
            setattr(application, key, values[key])


def _missing(application: Application) -> str | None:
    call = application.call
    if not application.summary.strip():
        return "summary"
    if application.use_category is None:
        return "use_category"
    if application.occupant_type is None:
        return "occupant_type"
    if any(not (application.answers or {}).get(str(c.id), "").strip() for c in call.criteria):
        return "answers"
    if any(not (application.statements or {}).get(str(c.id), "").strip() for c in call.conditions):
        return "statements"
    return None


def submit_application(application: Application, *, actor) -> str:
    """Freeze the application; returns the digest written on the receipt."""
    now = clock.now()
    require(p.can_submit_application(actor, application, now))
    missing = _missing(application)
    if missing:
        raise OperationError(_l("Complete the application before submitting it."), field=missing)
    old = transition(application, ApplicationStatus.submitted)
    application.submitted_at, application.withdrawn_at = now, None
    application.digest = content_digest(application.content())
    audit.record("application.submitted", target=application, actor=actor, organisation=application.applicant,
                 changes={"status": [old, application.status], "digest": [None, application.digest]})
    writers = [m.user for m in application.applicant.memberships if m.role in (Role.admin, Role.editor)]
    notify(writers, "application.submitted", params={"call": application.call.title_fr,
                                                      "digest": application.digest[:12]},
           organisation=application.applicant)
    return application.digest


def withdraw_application(application: Application, *, actor, reason: str | None = None) -> None:
    require(p.can_withdraw_application(actor, application, clock.now()))
    old = transition(application, ApplicationStatus.withdrawn)
    application.withdrawn_at = clock.now()
    audit.record("application.withdrawn", target=application, actor=actor, organisation=application.applicant,
                 changes={"status": [old, application.status]}, reason=reason)
