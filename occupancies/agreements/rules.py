"""Pure rules of agreements: month arithmetic, notice periods, reminders, activation, amendments. No database,
no request: dates in, answers out."""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from occupancies.agreements.workflow import BEFORE_START, AgreementStatus, AmendmentKind, ChecklistKind


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when that month is shorter:
    31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def notice_end(given_on: date, months: int) -> date:
    """The last day of a notice of `months` months given (received) on `given_on`: the period runs from the
    first day of the following month and ends on the last day of its last month. A notice of 0 months ends the
    day it is given."""
    if months <= 0:
        return given_on
    first = end_of_month(given_on) + timedelta(days=1)
    return end_of_month(add_months(first, months - 1))


def effective_end(agreed_end: date | None, given_on: date, months: int) -> date:
    """When an agreement ended early by notice actually ends: at the notice's end, or at its own term if that
    comes first (a notice never prolongs it)."""
    end = notice_end(given_on, months)
    return min(end, agreed_end) if agreed_end is not None else end


def reminder_dates(end: date | None) -> list[date]:
    """Both parties are reminded three months and one month before the end."""
    return [] if end is None else [add_months(end, -3), add_months(end, -1)]


def checklist_reminder_date(start: date) -> date:
    """The owner is reminded of an open checklist item a week before the start."""
    return start - timedelta(days=7)


def checklist_missing(done: Iterable[ChecklistKind]) -> list[ChecklistKind]:
    """The items still open before the occupancy may start, in their order."""
    done = set(done)
    return [kind for kind in BEFORE_START if kind not in done]


def may_activate(status: AgreementStatus, start: date, today: date, done: Iterable[ChecklistKind]) -> bool:
    """Signed by both, its start date reached, and nothing missing from the checklist."""
    return status == AgreementStatus.signed and today >= start and not checklist_missing(done)


def is_due_to_end(status: AgreementStatus, end: date | None, today: date) -> bool:
    """An active agreement ends at term the day after its last day."""
    return status == AgreementStatus.active and end is not None and today > end


@dataclass(frozen=True)
class Terms:
    """What an amendment may change."""

    start: date
    end: date | None
    unit_ids: frozenset[int]
    monthly_fee: object     # Decimal or None (free use)


def amendment_problems(kind: AmendmentKind, current: Terms, proposed: Terms, today: date) -> dict[str, str]:
    """Codes of what is wrong with an amendment, by field: an extension moves the end later (never earlier, and
    not into the past); a change of units keeps at least one unit and changes something; a change of fee
    changes the fee. The other terms stay as they are."""
    problems = {}
    if proposed.start != current.start:
        problems["start"] = "start_fixed"
    if kind == AmendmentKind.extension:
        if proposed.end is None or (current.end is not None and proposed.end <= current.end):
            problems["end"] = "not_later"
        if proposed.unit_ids != current.unit_ids:
            problems["unit_ids"] = "unchanged_here"
        if proposed.monthly_fee != current.monthly_fee:
            problems["monthly_fee"] = "unchanged_here"
    elif kind == AmendmentKind.units:
        if not proposed.unit_ids:
            problems["unit_ids"] = "none"
        elif proposed.unit_ids == current.unit_ids:
            problems["unit_ids"] = "same"
        if proposed.end != current.end:
            problems["end"] = "unchanged_here"
    elif kind == AmendmentKind.fee:
        if proposed.monthly_fee == current.monthly_fee:
            problems["monthly_fee"] = "same"
        if proposed.end != current.end:
            problems["end"] = "unchanged_here"
        if proposed.unit_ids != current.unit_ids:
            problems["unit_ids"] = "unchanged_here"
    if proposed.end is not None and proposed.end < today and "end" not in problems:
        problems["end"] = "past"
    return problems


def next_version_number(numbers: Iterable[int]) -> int:
    """Versions count from 1 (the original terms); each amendment takes the next number."""
    return max(numbers, default=0) + 1


def reference(year: int, number: int) -> str:
    """The agreement's reference, as a legal service files it: CONV-2027-0042."""
    return f"CONV-{year}-{number:04d}"
