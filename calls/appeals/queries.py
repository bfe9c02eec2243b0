"""Reads of appeals, each with the tenancy its reader has: the applicant's and the owner's, the Guichet's."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import func, or_, select

from calls import rules as call_rules
from calls.appeals import rules
from calls.appeals.models import Appeal
from calls.appeals.workflow import AppealStatus
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision
from calls.models import Call
from calls.workflow import CallStatus
from portal import clock
from portal.cache import until_next_operation
from portal.database import MAX_ID
from portal.extensions import db
from portal.tenancy import current_organisation


def decision_day(call) -> date | None:
    decided_at = db.session.scalar(select(Decision.decided_at).where(Decision.call_id == call.id))
    return clock.brussels_date(decided_at) if decided_at is not None else None


def appeal_deadline(call) -> date | None:
    """The last day to lodge an appeal: the call's delay from its decision, when it states one."""
    decided_on = decision_day(call)
    if decided_on is None or not call.states_appeal:
        return None
    return call_rules.appeal_deadline(decided_on, call.appeal_days)


def standstill_end(call) -> date | None:
    decided_on = decision_day(call)
    return rules.standstill_until(decided_on, call.standstill_days) if decided_on is not None else None


def open_appeals(call) -> int:
    return db.session.scalar(select(func.count(Appeal.id)).where(Appeal.call_id == call.id,
                                                                 Appeal.status == AppealStatus.lodged))


@dataclass(frozen=True)
class Hold:
    """Why a call's agreements may not be sent for signature yet: "appeal" or "standstill" (until `until`)."""

    reason: str
    until: date | None


def signature_hold(call, today: date | None = None, application=None) -> Hold | None:
    """Whether the call's agreements (or the one of `application`) wait: the evaluation reopened after an appeal
    (the call no longer decided, or the application no longer selected), an appeal not answered, or the standstill
    after the decision."""
    if call is None:
        return None
    unsettled = call.status != CallStatus.decided or (application is not None
                                                      and application.status != ApplicationStatus.selected)
    if unsettled and db.session.scalar(select(func.count(Appeal.id)).where(
            Appeal.call_id == call.id, Appeal.status == AppealStatus.upheld)):
        return Hold("reopened", None)
    end = standstill_end(call)
    reason = rules.signature_hold(end, today or clock.today(), open_appeals(call))
    return Hold(reason, end) if reason else None


@dataclass(frozen=True)
class Standing:
    """Where a decided call stands with its appeals, for everyone: no applicant named."""

    deadline: date | None
    standstill_end: date | None
    lodged: int
    rejected: int
    upheld: int


def standing(call) -> Standing | None:
    decided_on = decision_day(call)
    if decided_on is None and not db.session.scalar(select(func.count(Appeal.id)).where(Appeal.call_id == call.id)):
        return None
    counts = dict(db.session.execute(select(Appeal.status, func.count(Appeal.id)).where(Appeal.call_id == call.id)
                                     .group_by(Appeal.status)).all())
    return Standing(appeal_deadline(call), standstill_end(call), counts.get(AppealStatus.lodged, 0),
                    counts.get(AppealStatus.rejected, 0), counts.get(AppealStatus.upheld, 0))


def appeals_of_application(application) -> list[Appeal]:
    return list(db.session.scalars(select(Appeal).where(Appeal.application_id == application.id)
                                   .order_by(Appeal.lodged_at.desc(), Appeal.id.desc())))


def appeals_of_call(call) -> list[Appeal]:
    return list(db.session.scalars(select(Appeal).where(Appeal.call_id == call.id)
                                   .order_by(Appeal.lodged_at.desc(), Appeal.id.desc())))


def appeals_of_organisation(organisation) -> list[Appeal]:
    """The appeals an organisation lodged, and those against its calls' decisions, waiting ones first."""
    return list(db.session.scalars(
        select(Appeal).join(Call, Call.id == Appeal.call_id)
        .where(or_(Appeal.organisation_id == organisation.id, Call.organisation_id == organisation.id))
        .order_by((Appeal.status != AppealStatus.lodged), Appeal.lodged_at.desc(), Appeal.id.desc())))


def all_appeals() -> list[Appeal]:
    """Every appeal of the region, for the Guichet, waiting ones first."""
    return list(db.session.scalars(select(Appeal).order_by((Appeal.status != AppealStatus.lodged),
                                                           Appeal.lodged_at.desc(), Appeal.id.desc())))


def _found(appeal_id) -> int:
    try:
        appeal_id = int(appeal_id)
    except (TypeError, ValueError):
        abort(404)
    if not 0 < appeal_id <= MAX_ID:
        abort(404)
    return appeal_id


def appeal_of_party_or_404(appeal_id) -> Appeal:
    """An appeal the request's organisation lodged, or one against its own call's decision; anyone else finds
    nothing."""
    organisation = current_organisation()
    appeal = db.session.scalar(select(Appeal).join(Call, Call.id == Appeal.call_id).where(
        Appeal.id == _found(appeal_id),
        or_(Appeal.organisation_id == organisation.id, Call.organisation_id == organisation.id)))
    if appeal is None:
        abort(404)
    return appeal


def appeal_or_404(appeal_id) -> Appeal:
    """Any appeal, for the Guichet's pages."""
    appeal = db.session.get(Appeal, _found(appeal_id))
    if appeal is None:
        abort(404)
    return appeal


def waiting_for_answer(organisation) -> list[int]:
    """The appeals against the organisation's decisions that wait for its answer (their ids, oldest first), kept
    until the next operation: its dashboard asks on every visit."""
    return until_next_operation(f"appeals-waiting:{organisation.id}", lambda: list(db.session.scalars(
        select(Appeal.id).join(Call, Call.id == Appeal.call_id)
        .where(Call.organisation_id == organisation.id, Appeal.status == AppealStatus.lodged)
        .order_by(Appeal.lodged_at, Appeal.id))))


def applications_under_appeal() -> set[int]:
    """The applications whose appeal waits for its answer: their documents are kept whatever the retention says."""
    return set(db.session.scalars(select(Appeal.application_id).where(Appeal.status == AppealStatus.lodged)))
