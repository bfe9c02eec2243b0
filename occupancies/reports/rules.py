"""Pure rules of reports: the reporting schedule, the personal-data detector and the consistency of the counts
from one period to the next. No database, no request."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from occupancies.agreements.rules import end_of_month
from occupancies.agreements.workflow import ReportingFrequency

MONTHS_PER_PERIOD = {ReportingFrequency.monthly: 1, ReportingFrequency.quarterly: 3, ReportingFrequency.yearly: 12}
REMIND_BEFORE = timedelta(days=7)


# The schedule ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due_on: date
    quarter: int          # of the period's last day, as YYYYQ (20253 is July to September 2025)
    closes_quarter: bool  # the agreement's last period in that quarter: its counts of people are the quarter's


def quarter_of(day: date) -> int:
    return day.year * 10 + (day.month - 1) // 3 + 1


def quarter_bounds(quarter: int) -> tuple[date, date]:
    year, q = divmod(quarter, 10)
    first = date(year, 3 * q - 2, 1)
    return first, end_of_month(date(year, 3 * q, 1))


def due_date(period_end: date) -> date:
    """A report is due on the last day of the month after its period: the report of March by 30 April, that of
    the year 2025 by 31 January 2026."""
    return end_of_month(end_of_month(period_end) + timedelta(days=1))


def _calendar_end(day: date, months: int) -> date:
    """The last day of the calendar month, quarter or year that holds `day`."""
    month = ((day.month - 1) // months + 1) * months
    return end_of_month(date(day.year, month, 1))


def periods(start: date, end: date | None, frequency: ReportingFrequency, until: date) -> list[Period]:
    """The periods an agreement reports on, from its start to its end (or to `until`, the day read, for the
    periods that have begun): calendar months, quarters or years, the first and last cut by the agreement's own
    dates so that every region's figures line up on the same calendar."""
    months = MONTHS_PER_PERIOD[ReportingFrequency(frequency)]
    result = []
    first = start
    while first <= until and (end is None or first <= end):
        last = _calendar_end(first, months)
        if end is not None and end < last:
            last = end
        closes = (end is not None and last == end) or last == _calendar_end(last, 3)
        result.append(Period(first, last, due_date(last), quarter_of(last), closes))
        first = last + timedelta(days=1)
    return result


def is_overdue(due_on: date, submitted: bool, today: date) -> bool:
    return not submitted and today > due_on


def reminder_due(due_on: date, today: date) -> str | None:
    """Which reminder the occupant gets today: a week before the due day, then on the day itself."""
    if today == due_on:
        return "due"
    if due_on - REMIND_BEFORE <= today < due_on:
        return "soon"
    return None


# Personal data ----------------------------------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digits with at most one separator (space, dot, slash, dash) between each, optionally after + or 00.
# Dates with a four-digit year are taken out first, so that a date followed by a count is not read as a phone.
DATES = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}-\d{1,2})\b")
DIGITS = re.compile(r"(?<![\w+])(?:\+|(?=\d))\d(?:[ ./-]?\d)+(?!\w)")


def _national_number(digits: str) -> bool:
    """A Belgian national register number: 11 digits, the last two a check on the first nine (97 minus their
    remainder by 97; for people born from 2000, the nine are prefixed with a 2)."""
    if len(digits) != 11:
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - (2_000_000_000 + body) % 97)


def _phone(raw: str, digits: str) -> bool:
    """A Belgian phone number: +32 or 0032 then 8 or 9 digits, or 0 then 8 or 9 digits (02 123 45 67,
    0470 12 34 56), the second never 0."""
    if raw.startswith("+"):
        return digits.startswith("32") and len(digits) in (10, 11)
    if digits.startswith("0032"):
        return len(digits) in (12, 13)
    return digits.startswith("0") and not digits.startswith("00") and len(digits) in (9, 10)


def personal_data(text: str) -> str | None:
    """Why a text may not be kept, or None: reports hold counts only, never what identifies a person."""
    if not text:
        return None
    if EMAIL.search(text):
        return _l("Remove the email address: a report holds no data that identifies a person.")
    for match in DIGITS.finditer(DATES.sub("·", text)):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        if _national_number(digits):
            return _l("Remove the national register number: a report holds no data that identifies a person.")
        if _phone(raw, digits):
            return _l("Remove the phone number: a report holds no data that identifies a person.")
    return None


# Consistency ------------------------------------------------------------------------------------------------

def expected_persons(previous_persons: int | None, entries: int, exits: Iterable[int]) -> int:
    """The people housed at the end of a period follow from the previous period's, plus entries, minus exits
    (from nobody for the first period)."""
    return (previous_persons or 0) + entries - sum(exits)


def inconsistency(previous_persons: int | None, persons: int, entries: int, exits: Iterable[int]) -> int | None:
    """The number the counts lead to when it is not the number reported, else None."""
    expected = expected_persons(previous_persons, entries, exits)
    return None if expected == persons else expected
