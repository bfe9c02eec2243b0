"""Amendments: an extension, other units or another fee, sent and signed like the original."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from occupancies.agreements import permissions as p
from occupancies.agreements import rules
from occupancies.agreements.models import TERMS, AgreementVersion
from occupancies.agreements.operations.lifecycle import schedule_end
from occupancies.agreements.queries import occupancies_of_agreement
from occupancies.agreements.workflow import AgreementStatus, AmendmentKind, VersionStatus
from occupancies.models import OccupancyUnit
from occupancies.operations import check_units_free, flush_bookings
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.permissions import require

AMENDMENT_MESSAGES = {
    "start_fixed": _l("An amendment does not move the start."),
    "not_later": _l("An extension moves the end later."),
    "unchanged_here": _l("This amendment does not change this term: propose another amendment for it."),
    "none": _l("Keep at least one unit."),
    "same": _l("Nothing changes here."),
    "past": _l("This date has already passed."),
}


def _terms_of(version) -> rules.Terms:
    return rules.Terms(start=version.start_date, end=version.end_date, unit_ids=frozenset(version.unit_ids or []),
                       monthly_fee=None if version.free_use else version.monthly_fee)


def check_own_units_free(agreement, unit_ids, start: date, end: date | None) -> None:
    """The amended units are free of any other occupancy from today (or the start) to the new end; the
    agreement's own occupancy does not count."""
    own = [o.id for o in occupancies_of_agreement(agreement)]
    check_units_free(agreement.site, list(unit_ids), max(start, clock.today()), end, own[0] if own else None)


def propose_amendment(agreement, kind: AmendmentKind, changes: dict, *, reason: str, actor) -> AgreementVersion:
    """A new draft version: the terms in force with an extension, other units or another fee. It is sent and
    signed like the original; until both have signed, the terms in force stay as they are."""
    require(p.can_amend(actor, agreement))
    draft = agreement.open_version
    if draft.status not in (VersionStatus.signed, VersionStatus.draft) or (draft.status == VersionStatus.draft
                                                                           and draft.number == 1):
        raise OperationError(_l("An amendment is already in progress: finish it first."), field="kind")
    if not reason.strip():
        raise OperationError(_l("Say why the agreement is amended."), field="reason")
    current = agreement.binding_version
    # A draft amendment not sent yet is proposed again: it is replaced.
    replaced = draft if draft.status == VersionStatus.draft else None
    version = AgreementVersion(
        number=replaced.number if replaced else rules.next_version_number(v.number for v in agreement.versions),
        amendment=kind, reason=reason.strip(), **{key: getattr(current, key) for key in TERMS},
        clauses=list(current.clauses or []))
    for key in ("end_date", "unit_ids", "free_use", "monthly_fee"):
        if key in changes:
            setattr(version, key, changes[key])
    problems = rules.amendment_problems(kind, _terms_of(current), _terms_of(version), clock.today())
    if problems:
        field_of = {"end": "end_date", "unit_ids": "unit_ids", "monthly_fee": "monthly_fee", "start": "end_date"}
        raise Problems({field_of[k]: AMENDMENT_MESSAGES[v] for k, v in problems.items()})
    if kind in (AmendmentKind.extension, AmendmentKind.units) and agreement.status == AgreementStatus.active:
        check_own_units_free(agreement, version.unit_ids, version.start_date, version.end_date)
    if replaced is not None:
        agreement.versions.remove(replaced)
        db.session.flush()
    agreement.versions.append(version)
    db.session.flush()
    audit.record("agreement.amendment_proposed", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"version": [None, version.number], "kind": [None, kind.value]})
    return version


def apply_amendment(agreement, version) -> None:
    """Both have signed: the occupancy follows (its end, its units); the reminders and the end follow the new
    terms."""
    if agreement.status == AgreementStatus.active and version.amendment in (AmendmentKind.extension,
                                                                            AmendmentKind.units):
        check_own_units_free(agreement, version.unit_ids, version.start_date, version.end_date)
        keep, today = set(version.unit_ids), clock.today()
        for occupancy in occupancies_of_agreement(agreement):
            occupancy.end_date = version.end_date
            for booking in [b for b in occupancy.bookings if b.unit_id not in keep]:
                if booking.start_date < today:
                    booking.end_date = today - timedelta(days=1)   # given back: its past stays on the timeline
                else:
                    occupancy.bookings.remove(booking)
            flush_bookings()
            for booking in occupancy.bookings:
                if booking.unit_id in keep:
                    booking.end_date = version.end_date
            for unit_id in keep - {b.unit_id for b in occupancy.bookings}:
                occupancy.bookings.append(OccupancyUnit(unit_id=unit_id, start_date=max(occupancy.start_date, today),
                                                        end_date=version.end_date))
            flush_bookings()
    if version.amendment == AmendmentKind.extension:
        schedule_end(agreement, version.end_date)
    audit.record("agreement.amended", target=agreement, actor=None, organisation=agreement.owner,
                 changes={"version": [None, version.number], "kind": [None, version.amendment.value],
                          "end_date": [None, version.end_date.isoformat() if version.end_date else None]})
