"""The delays of the public management right (seed 001), as pure functions of the days recorded on a case: the
visit, the owner's answer, the formal notice, the loan's answer, the annual report, the management period and its
end, an owner's early takeover; and the deadline engine that gives every delay running on a case.

Days are Brussels days (portal.clock gives them). A month added to a day keeps its number, or falls on the last day
of a shorter month: a letter received on 31 December is answered by 28 February (29 in a leap year)."""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from icalendar import Event

from portal.exports import new_calendar


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), or the last day of that month when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))



# 2. The visit ----------------------------------------------------------------------------------------------------

VISIT_MONTHS = 1                      # the visit takes place within the month following the request
VISIT_OPENS, VISIT_CLOSES = time(8, 0), time(20, 0)


def visit_deadline(requested_on: date) -> date:
    """The last day on which the visit asked by registered letter on `requested_on` may take place."""
    return add_months(requested_on, VISIT_MONTHS)


def visit_problems(requested_on: date, starts_at: datetime, ends_at: datetime | None = None) -> list[str]:
    """What is wrong with a visit planned at these Brussels wall-clock times, as codes: "before_request" (on or
    before the day of the request), "after_deadline" (after the following month), "outside_hours" (it starts
    before 8:00, or ends after 20:00 or on another day)."""
    problems = []
    if starts_at.date() <= requested_on:
        problems.append("before_request")
    elif starts_at.date() > visit_deadline(requested_on):
        problems.append("after_deadline")
    end = ends_at or starts_at
    if starts_at.time() < VISIT_OPENS or end.time() > VISIT_CLOSES or end.date() != starts_at.date() \
            or end < starts_at:
        problems.append("outside_hours")
    return problems


# 4. The proposal -------------------------------------------------------------------------------------------------

ANSWER_MONTHS = 2                     # the owner answers the proposal by registered letter within 2 months
MIN_NOTICE_MONTHS = 2                 # a formal notice gives at least 2 months, more when the works need more
LOAN_ANSWER_MONTHS = 2                # the Réhabilitation cell answers a loan request within 2 months


class OwnerAnswer(StrEnum):
    agreed = "agreed"                              # the management contract is signed
    refused_with_reason = "refused_with_reason"    # a legitimate reason: the case ends
    refused_without_reason = "refused_without_reason"
    none = "none"                                  # no answer within the 2 months


def answer_deadline(proposal_received_on: date) -> date:
    """The last day of the owner's answer to the proposal received (presented) on that day."""
    return add_months(proposal_received_on, ANSWER_MONTHS)


def after_answer(answer: OwnerAnswer) -> str:
    """What follows the owner's answer: "contract" (sign the management contract), "end" (a refusal with a
    legitimate reason), "formal_notice" (a refusal without one, or silence: a formal notice to let the dwelling
    after the works)."""
    return {OwnerAnswer.agreed: "contract", OwnerAnswer.refused_with_reason: "end"}.get(answer, "formal_notice")


def formal_notice_deadline(notice_received_on: date, works_months: int = 0) -> date:
    """The last day the formal notice gives the owner to let the dwelling after the works: at least 2 months,
    more when the works are estimated to last longer."""
    return add_months(notice_received_on, max(MIN_NOTICE_MONTHS, works_months))


def loan_answer_deadline(filed_on: date) -> date:
    return add_months(filed_on, LOAN_ANSWER_MONTHS)


# 5. Taking over, and the yearly report ---------------------------------------------------------------------------

def annual_report_due(year: int) -> date:
    """The report to the owner on a year of management is due by 31 March of the following year."""
    return date(year + 1, 3, 31)


def next_annual_report(taken_over_on: date, last_reported_year: int | None) -> tuple[int, date]:
    """The next year to report on (the year of the taking over first), and its due date."""
    year = taken_over_on.year if last_reported_year is None else last_reported_year + 1
    return year, annual_report_due(year)


# 3 and 8. The management period, its end, an early takeover ------------------------------------------------------

MIN_MANAGEMENT_MONTHS = 9 * 12        # nine years at least


def months_to_recover(costs: Decimal, monthly_rent: Decimal) -> int:
    """Whole months of rent needed to repay these costs (none when nothing is left to repay)."""
    if monthly_rent <= 0:
        raise ValueError("a monthly rent above zero is needed to repay costs")
    if costs <= 0:
        return 0
    return int((costs / monthly_rent).to_integral_value(rounding=ROUND_CEILING))


def management_period(takeover_costs: Decimal, management_costs: Decimal, monthly_rent: Decimal) -> int:
    """The estimated management period of the preliminary studies, in months: the costs of taking over plus the
    estimated costs of management, divided by the monthly rent."""
    return months_to_recover(takeover_costs + management_costs, monthly_rent)


def management_end(taken_over_on: date, months_needed: int) -> date:
    """The end of the management: after nine years at least, extended by the months the rents still need to repay
    every cost."""
    return add_months(taken_over_on, max(MIN_MANAGEMENT_MONTHS, months_needed))


def projected_end(taken_over_on: date, today: date, balance: Decimal, monthly_rent: Decimal) -> date:
    """Where a case stands today: the later of nine years after the taking over and the day after the balance still
    to recover is repaid, the rent of each month from next month counted (the first day of the month after the last
    rent needed)."""
    if balance <= 0:
        return management_end(taken_over_on, 0)
    repaid = add_months(date(today.year, today.month, 1), 1 + months_to_recover(balance, monthly_rent))
    return max(management_end(taken_over_on, 0), repaid)


REMAINING_COSTS_MONTHS = 1            # the region states the remaining costs within 1 month of the request
REPAYMENT_MONTHS = 2                  # the owner repays them within 2 months
TAKEOVER_DATE_DAYS = 10               # the date of the takeover is notified within 10 days of the repayment
REGULATED_YEARS = 9                   # rents stay regulated for 9 years after an early takeover


def early_takeover_may_be_asked(first_letting_on: date | None, today: date) -> bool:
    """An owner takes the dwelling back early only after its first letting under the public management."""
    return first_letting_on is not None and first_letting_on <= today


def remaining_costs_deadline(requested_on: date) -> date:
    return add_months(requested_on, REMAINING_COSTS_MONTHS)


def repayment_deadline(costs_notified_on: date) -> date:
    return add_months(costs_notified_on, REPAYMENT_MONTHS)


def takeover_date_deadline(repaid_on: date) -> date:
    return repaid_on + timedelta(days=TAKEOVER_DATE_DAYS)


def regulated_until(taken_back_on: date) -> date:
    return add_months(taken_back_on, REGULATED_YEARS * 12)


# The deadline engine -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseDates:
    """What a case has recorded, as the deadline engine reads it (None: not yet). Letters count from the day they
    were presented (received); a registered letter not yet presented starts no delay."""

    visit_requested_on: date | None = None      # the request of a visit, presented
    visited_on: date | None = None
    proposal_received_on: date | None = None    # the proposal with the standard contract, presented
    answer: OwnerAnswer | None = None           # recorded when it comes, or `none` once the 2 months have passed
    notice_received_on: date | None = None      # the formal notice, presented
    works_months: int = 0                       # the estimated length of the works, which a notice gives at least
    loan_filed_on: date | None = None
    loan_answered_on: date | None = None
    taken_over_on: date | None = None
    last_reported_year: int | None = None       # the last year reported on to the owner
    early_requested_on: date | None = None      # the owner's request of an early takeover, received
    costs_notified_on: date | None = None       # the statement of the costs still to repay, presented
    repaid_on: date | None = None
    takeover_date_notified_on: date | None = None
    ended_on: date | None = None


@dataclass(frozen=True)
class Deadline:
    """A delay running on a case: what is awaited, by when, and whose move it is (the operator, the owner, or the
    region's Réhabilitation cell)."""

    kind: str
    due: date
    whose: str

    def overdue(self, today: date) -> bool:
        return today > self.due

    def days_left(self, today: date) -> int:
        return (self.due - today).days


def deadlines(case: CaseDates) -> list[Deadline]:
    """Every delay still running on a case, soonest first: none once the case has ended."""
    if case.ended_on is not None:
        return []
    found = []
    if case.visit_requested_on is not None and case.visited_on is None:
        found.append(Deadline("visit", visit_deadline(case.visit_requested_on), "operator"))
    if case.proposal_received_on is not None and case.answer is None and case.notice_received_on is None:
        found.append(Deadline("owner_answer", answer_deadline(case.proposal_received_on), "owner"))
    if case.notice_received_on is not None and case.taken_over_on is None:
        found.append(Deadline("formal_notice", formal_notice_deadline(case.notice_received_on, case.works_months),
                              "owner"))
    if case.loan_filed_on is not None and case.loan_answered_on is None:
        found.append(Deadline("loan_answer", loan_answer_deadline(case.loan_filed_on), "region"))
    if case.taken_over_on is not None:
        found.append(Deadline("annual_report", next_annual_report(case.taken_over_on, case.last_reported_year)[1],
                              "operator"))
    if case.early_requested_on is not None and case.costs_notified_on is None:
        found.append(Deadline("remaining_costs", remaining_costs_deadline(case.early_requested_on), "operator"))
    if case.costs_notified_on is not None and case.repaid_on is None:
        found.append(Deadline("repayment", repayment_deadline(case.costs_notified_on), "owner"))
    if case.repaid_on is not None and case.takeover_date_notified_on is None:
        found.append(Deadline("takeover_date", takeover_date_deadline(case.repaid_on), "operator"))
    return sorted(found, key=lambda deadline: (deadline.due, deadline.kind))


def next_deadline(case: CaseDates) -> Deadline | None:
    """The case's next deadline: the soonest of those running."""
    running = deadlines(case)
    return running[0] if running else None


def unanswered(case: CaseDates, today: date) -> bool:
    """The owner has let the 2 months pass without answering the proposal: silence, which calls for a formal
    notice."""
    return case.proposal_received_on is not None and case.answer is None and case.notice_received_on is None \
        and today > answer_deadline(case.proposal_received_on)


@dataclass(frozen=True)
class DayEvent:
    """A deadline as a calendar shows it: a whole day."""

    uid: str
    summary: str
    day: date
    url: str
    description: str = ""


def deadline_calendar(events: list[DayEvent], name: str, stamp: datetime) -> bytes:
    """An iCalendar file of whole-day events (a deadline is a day, not an hour: no time zone to convert)."""
    cal = new_calendar("Public management deadlines", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("url", item.url)
        event.add("transp", "TRANSPARENT")
        if item.description:
            event.add("description", item.description)
        cal.add_component(event)
    return cal.to_ical()
