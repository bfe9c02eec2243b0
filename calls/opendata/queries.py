"""What the calls' open data reads: every public call with what its release says, in a few queries for all."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision
from calls.models import Call
from calls.opendata.ocds import CallFacts
from calls.workflow import PUBLIC_STATUSES, CallStatus
from occupancies.models import Unit
from portal.extensions import db
from portal.organisations.models import Organisation

# Once the deadline has passed, how many applied: those submitted, whatever their result (not those withdrawn).
RECEIVED = (ApplicationStatus.submitted, ApplicationStatus.selected, ApplicationStatus.not_selected,
            ApplicationStatus.ineligible)
PAST_DEADLINE = (CallStatus.closed, CallStatus.evaluation, CallStatus.decided)


def calls_facts() -> list[CallFacts]:
    """Every public call (published, closed, under evaluation, decided or cancelled), oldest first, with its units,
    its number of tenderers once closed, and its decision's date and selected organisations (six queries)."""
    calls = list(db.session.scalars(
        select(Call).where(Call.status.in_(PUBLIC_STATUSES))
        .options(selectinload(Call.criteria), selectinload(Call.addenda), selectinload(Call.units))
        .order_by(Call.id)).unique())
    if not calls:
        return []
    ids = [call.id for call in calls]
    unit_ids = {link.unit_id for call in calls for link in call.units}
    units = {unit.id: unit for unit in db.session.scalars(select(Unit).where(Unit.id.in_(unit_ids)))} \
        if unit_ids else {}
    tenderers = dict(db.session.execute(
        select(Application.call_id, func.count()).where(Application.call_id.in_(ids),
                                                        Application.status.in_(RECEIVED))
        .group_by(Application.call_id)).all())
    decided = dict(db.session.execute(select(Decision.call_id, Decision.decided_at)
                                      .where(Decision.call_id.in_(ids))).all())
    selected = {}
    for call_id, organisation in db.session.execute(
            select(Application.call_id, Organisation).join(Organisation, Organisation.id == Application.organisation_id)
            .where(Application.call_id.in_(ids), Application.status == ApplicationStatus.selected)
            .order_by(Application.call_id, Organisation.name_fr)):
        selected.setdefault(call_id, []).append(organisation)
    return [CallFacts(call=call, units=[units[link.unit_id] for link in call.units if link.unit_id in units],
                      tenderers=tenderers.get(call.id, 0) if call.status in PAST_DEADLINE else None,
                      decided_at=decided.get(call.id) if call.status == CallStatus.decided else None,
                      selected=selected.get(call.id, []) if call.status == CallStatus.decided else [])
            for call in calls]
