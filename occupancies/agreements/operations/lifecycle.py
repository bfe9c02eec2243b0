"""An agreement's life in time: its start (the occupancy recorded on the units), the reminders, a notice, its end."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from calls.applications.models import Application
from occupancies.agreements import permissions as p
from occupancies.agreements import queries, rules
from occupancies.agreements.operations.common import params_of, tell_both
from occupancies.agreements.queries import occupancies_of_agreement
from occupancies.agreements.workflow import AgreementStatus, EndReason, activated, transition
from occupancies.models import Occupancy, OccupancyUnit
from occupancies.operations import check_units_free, flush_bookings
from occupancies.workflow import OccupantType
from portal import audit, clock
from portal.errors import OperationError
from portal.extensions import db
from portal.jobs import schedule_at
from portal.permissions import require


def activate(agreement, *, actor=None) -> bool:
    """On its start date, signed and with its checklist complete, the agreement becomes active and its
    occupancy is recorded on the units (never overlapping another: a clash is refused with its message)."""
    version = agreement.binding_version
    done = [i.kind for i in agreement.checklist if i.done_at is not None]
    if not rules.may_activate(agreement.status, version.start_date, clock.today(), done):
        return False
    if occupancies_of_agreement(agreement):
        # Recorded on the register before the agreement was kept here: it is the agreement's already.
        old = transition(agreement, AgreementStatus.active)
        audit.record("agreement.activated", target=agreement, actor=actor, organisation=agreement.owner,
                     parties=(agreement.occupant,), changes={"status": [old, agreement.status]})
        tell_both(agreement, "agreement.activated", params_of(agreement))
        activated.send(agreement)  # the features that follow an agreement's start (reports) begin
        return True
    check_units_free(agreement.site, list(version.unit_ids), version.start_date, version.end_date, None)
    occupant_type = None
    if agreement.application_id is not None:
        occupant_type = db.session.scalar(select(Application.occupant_type).where(
            Application.id == agreement.application_id))
    occupancy = Occupancy(site_id=agreement.site_id, occupant_id=agreement.occupant_id,
                          start_date=version.start_date, end_date=version.end_date,
                          use_category=version.use_category, occupant_type=occupant_type or OccupantType.association,
                          agreement_reference=agreement.reference, agreement_id=agreement.id)
    occupancy.bookings = [OccupancyUnit(unit_id=u, start_date=version.start_date, end_date=version.end_date)
                          for u in version.unit_ids]
    db.session.add(occupancy)
    flush_bookings()
    old = transition(agreement, AgreementStatus.active)
    # Set off by the sweep (the owner's, for the system) or by the party whose step came last.
    audit.record("agreement.activated", target=agreement, actor=actor, organisation=agreement.owner,
                 parties=(agreement.occupant,),
                 changes={"status": [old, agreement.status], "occupancy": [None, occupancy.id]})
    tell_both(agreement, "agreement.activated", params_of(agreement))
    activated.send(agreement)  # the features that follow an agreement's start (reports) begin
    return True


def morning_of(day: date) -> datetime:
    """The first minute of a day in Brussels."""
    return clock.at_brussels(day, 0, 1)


def schedule_term(agreement, version) -> None:
    """The start on its date, the checklist reminder a week before, the end reminders, the end after its last
    day (a later change replaces them: same keys)."""
    key = f"agreement-{agreement.id}"
    schedule_at(morning_of(version.start_date), "occupancies.agreements.jobs.activate", agreement.id,
                key=f"{key}-start")
    schedule_at(morning_of(rules.checklist_reminder_date(version.start_date)),
                "occupancies.agreements.jobs.remind_checklist", agreement.id, key=f"{key}-checklist")
    schedule_end(agreement, version.end_date)


def schedule_end(agreement, end: date | None) -> None:
    key = f"agreement-{agreement.id}"
    if end is None:
        return
    for months, moment in zip((3, 1), rules.reminder_dates(end), strict=False):
        schedule_at(morning_of(moment), "occupancies.agreements.jobs.remind_end", agreement.id, months,
                    key=f"{key}-remind-{months}")
    schedule_at(morning_of(end + timedelta(days=1)), "occupancies.agreements.jobs.end_if_due", agreement.id,
                key=f"{key}-end")


def _end_occupancies_on(agreement, last_day: date) -> None:
    """The occupancy, and each unit's booking, ends on the agreement's last day: the timeline follows."""
    for occupancy in occupancies_of_agreement(agreement):
        occupancy.end_date = last_day
        for booking in occupancy.bookings:
            booking.end_date = last_day


def give_notice(agreement, party: str, *, reason: str, actor) -> date:
    """Either side ends an active agreement early: the notice runs from the first of the next month for that
    side's notice period, never past the agreement's own end. Returns the last day."""
    require(p.can_give_notice(actor, agreement, party))
    if not reason.strip():
        raise OperationError(_l("Give the reason for the notice."), field="reason")
    today = clock.today()
    last_day = queries.notice_end(agreement, party, today)
    agreement.notice_given_on, agreement.notice_given_by_id = today, actor.id
    agreement.end_reason = EndReason.notice_by_owner if party == p.OWNER else EndReason.notice_by_occupant
    agreement.ended_on = last_day
    _end_occupancies_on(agreement, last_day)
    schedule_end(agreement, last_day)
    schedule_at(morning_of(last_day), "occupancies.agreements.jobs.notice_ends", agreement.id,
                key=f"agreement-{agreement.id}-notice")
    audit.record("agreement.notice_given", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"party": [None, party], "last_day": [None, last_day.isoformat()]})
    tell_both(agreement, "agreement.notice_given",
               {**params_of(agreement), "last_day": last_day.strftime("%d/%m/%Y"), "reason": reason.strip()})
    return last_day


def end_by_mutual_agreement(agreement, *, last_day: date, reason: str, actor) -> None:
    """An end both sides agreed on, recorded by the owner's admin: the last day is today or later (never before
    the start)."""
    require(p.can_end_by_mutual_agreement(actor, agreement))
    if not reason.strip():
        raise OperationError(_l("Say what both parties agreed."), field="reason")
    version = agreement.binding_version
    if last_day < clock.today():
        raise OperationError(_l("The last day cannot be in the past."), field="last_day")
    if version.end_date is not None and last_day > version.end_date:
        raise OperationError(_l("An end by mutual agreement comes before the agreed end; to go further, amend "
                                "the agreement."), field="last_day")
    agreement.end_reason, agreement.ended_on = EndReason.mutual, max(last_day, version.start_date)
    if agreement.status == AgreementStatus.signed:
        # Not started: it ends now and no occupancy will be recorded.
        transition(agreement, AgreementStatus.ended)
    else:
        _end_occupancies_on(agreement, agreement.ended_on)
        schedule_end(agreement, agreement.ended_on)
    audit.record("agreement.ended_by_mutual_agreement", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"last_day": [None, agreement.ended_on.isoformat()]})
    tell_both(agreement, "agreement.ending",
               {**params_of(agreement), "last_day": agreement.ended_on.strftime("%d/%m/%Y")})


def end_if_due(agreement) -> bool:
    """The day after its last day (at term, after a notice or by mutual agreement) the agreement ends; the exit
    inventory then closes it."""
    if not rules.is_due_to_end(agreement.status, agreement.ends_on, clock.today()):
        return False
    if agreement.end_reason is None:
        agreement.end_reason = EndReason.term
    agreement.ended_on = agreement.ends_on
    old = transition(agreement, AgreementStatus.ended)
    audit.record("agreement.ended", target=agreement, actor=None, organisation=agreement.owner,
                 changes={"status": [old, agreement.status], "reason": [None, agreement.end_reason.value]})
    tell_both(agreement, "agreement.ended", params_of(agreement))
    return True


def remind_end(agreement, months: int) -> bool:
    """Three months and one month before the end, to both parties (unless it has ended or changed)."""
    end = agreement.ends_on
    if agreement.status != AgreementStatus.active or end is None or rules.add_months(end, -months) != clock.today():
        return False
    tell_both(agreement, "agreement.end_approaching",
               {**params_of(agreement), "last_day": end.strftime("%d/%m/%Y"), "months": months})
    return True


def notice_ends(agreement) -> bool:
    """The day a notice period ends, both sides are told."""
    if agreement.notice_given_on is None or agreement.ended_on != clock.today():
        return False
    tell_both(agreement, "agreement.notice_ends", params_of(agreement))
    return True
