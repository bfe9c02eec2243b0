"""The rules of the public management right (seed 001), as pure functions of the dates and amounts recorded on a
case: the deadlines the law sets, the capped rents and their indexation, the estimated management period, the
loan's cap and repayment, the end of the management and an owner's early takeover.

Days are Brussels days (portal.clock gives them). A month added to a day keeps its number, or falls on the last day
of a shorter month: a letter received on 31 December is answered by 28 February (29 in a leap year). Money is
Decimal, in cents rounded half up, as the guide's own table is."""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), or the last day of that month when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def in_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def has_cents_at_most(amount: Decimal) -> bool:
    """An amount written with no more than two decimals (1.234 € is a typing error, not an amount)."""
    return amount == amount.quantize(CENT)


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


# Rents ------------------------------------------------------------------------------------------------------------

class DwellingKind(StrEnum):
    studio = "studio"
    flat = "flat"
    house = "house"


# The guide's table: maximum monthly rent when the tenant's income is under the social-housing threshold, before
# indexation (kind, bedrooms). Flats of 5 bedrooms or more, houses of 4 or more, share the last row of their kind.
BASE_RENTS = {
    (DwellingKind.studio, 0): Decimal("328.81"),
    (DwellingKind.flat, 1): Decimal("379.39"),
    (DwellingKind.flat, 2): Decimal("442.62"),
    (DwellingKind.flat, 3): Decimal("531.15"),
    (DwellingKind.flat, 4): Decimal("632.33"),
    (DwellingKind.flat, 5): Decimal("784.08"),
    (DwellingKind.house, 2): Decimal("476.12"),
    (DwellingKind.house, 3): Decimal("569.02"),
    (DwellingKind.house, 4): Decimal("784.08"),
}
HEALTH_INDEX_BASE = Decimal("101.61")  # the health index of August 2015 (base year 2013)
_MOST_BEDROOMS = {DwellingKind.studio: 0, DwellingKind.flat: 5, DwellingKind.house: 4}


def base_rent(kind: DwellingKind, bedrooms: int) -> Decimal | None:
    """The table's base rent for a dwelling, or None when the table has no row for it (a flat without a bedroom
    is a studio; a house of fewer than 2 bedrooms has no row)."""
    return BASE_RENTS.get((kind, min(max(bedrooms, 0), _MOST_BEDROOMS[kind])))


def index_month_for(revision_year: int) -> date:
    """The health index a cap revised on 1 January of that year is computed with: August of the year before."""
    return date(revision_year - 1, 8, 1)


def rent_cap(kind: DwellingKind, bedrooms: int, health_index: Decimal) -> Decimal | None:
    """The maximum monthly rent on 1 January of a year: base × the health index of August of the year before ÷
    101.61, in cents. None when the table has no row for the dwelling."""
    base = base_rent(kind, bedrooms)
    return None if base is None else in_cents(base * health_index / HEALTH_INDEX_BASE)


def or_more(kind: DwellingKind, bedrooms: int) -> bool:
    """The table's last row of a kind, which holds every larger dwelling ("5 bedrooms or more")."""
    return kind != DwellingKind.studio and bedrooms == _MOST_BEDROOMS[kind]


def rents_year(asked: int | None, years_known: list[int], this_year: int) -> int:
    """The year whose rents a page shows: the one asked if its index is known, else this year's, else the latest
    known (this year's, saying its index is missing, when none is known)."""
    if asked in years_known:
        return asked
    if this_year in years_known or not years_known:
        return this_year
    return max(years_known)


def rent_table(health_index: Decimal) -> dict[tuple[DwellingKind, int], Decimal]:
    return {row: in_cents(base * health_index / HEALTH_INDEX_BASE) for row, base in BASE_RENTS.items()}


# The loan ---------------------------------------------------------------------------------------------------------

LOAN_CAP_PER_M2 = Decimal("1176")      # excl. VAT, per gross renovated m², at the ABEX index of May 2022


def loan_cap_per_m2(abex: Decimal, abex_may_2022: Decimal) -> Decimal:
    """The cap per gross m² on 1 January of a year, indexed by the ABEX index of that date."""
    return in_cents(LOAN_CAP_PER_M2 * abex / abex_may_2022)


def loan_cap(gross_m2: Decimal, abex: Decimal, abex_may_2022: Decimal) -> Decimal:
    """The most the interest-free loan may lend for a renovation of `gross_m2` (walls and shares of the common parts
    included)."""
    return in_cents(loan_cap_per_m2(abex, abex_may_2022) * gross_m2)


def repayment_plan(amount: Decimal, months: int) -> list[Decimal]:
    """Monthly instalments of an interest-free loan: equal in cents, the last one taking what rounding left."""
    if months <= 0:
        raise ValueError("a loan is repaid over one month at least")
    instalment = (amount / months).quantize(CENT, rounding=ROUND_HALF_UP)
    plan = [instalment] * (months - 1)
    return [*plan, amount - sum(plan, Decimal(0))]


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


# The phases and steps of a case ------------------------------------------------------------------------------------

class Phase(StrEnum):
    analysis = "analysis"
    visit = "visit"
    studies = "studies"
    proposal = "proposal"
    taking_over = "taking_over"
    renovation = "renovation"
    letting = "letting"
    end = "end"
    stopped = "stopped"        # the operator stopped, or the owner refused with a legitimate reason


PHASES = [Phase.analysis, Phase.visit, Phase.studies, Phase.proposal, Phase.taking_over, Phase.renovation,
          Phase.letting, Phase.end]


class Step(StrEnum):
    owner_contacted = "owner_contacted"
    data_selected = "data_selected"                    # taxes and fines, population, planning, permit archives
    decided_to_proceed = "decided_to_proceed"
    visit_requested = "visit_requested"                # the registered letter, presented
    visit_agreed = "visit_agreed"
    visit_refused = "visit_refused"                    # refused, or no answer
    court_authorisation_asked = "court_authorisation_asked"
    police_booked = "police_booked"                    # police and locksmith
    visit_held = "visit_held"                          # a day and an hour
    visit_report = "visit_report"
    works_listed = "works_listed"                      # sketches and the list of works
    budget_estimated = "budget_estimated"              # the rent, the budget, the management period
    studies_go_on = "studies_go_on"
    studies_stopped = "studies_stopped"
    proposal_received = "proposal_received"            # the proposal with the standard contract, presented
    owner_agreed = "owner_agreed"                      # the management contract signed
    owner_refused_with_reason = "owner_refused_with_reason"
    owner_refused = "owner_refused"                    # without a legitimate reason
    formal_notice_received = "formal_notice_received"  # presented, with the estimated length of the works
    loan_filed = "loan_filed"
    loan_answered = "loan_answered"
    taken_over = "taken_over"
    planning_told = "planning_told"
    legal_registration = "legal_registration"
    loan_released = "loan_released"
    final_project = "final_project"
    permit_requested = "permit_requested"
    works_started = "works_started"
    provisional_acceptance = "provisional_acceptance"
    final_acceptance = "final_acceptance"
    energy_certificate = "energy_certificate"
    dirl_told = "dirl_told"                            # the regional housing inspection, each time it is free
    lease_signed = "lease_signed"
    entry_inventory = "entry_inventory"
    annual_report_sent = "annual_report_sent"          # for a year of management
    early_requested = "early_requested"                # the owner asks to take the dwelling back early
    costs_notified = "costs_notified"                  # the statement of the costs still to repay, presented
    repaid = "repaid"
    takeover_date_notified = "takeover_date_notified"
    ended = "ended"


S = Step
STEP_PHASES = {
    Phase.analysis: [S.owner_contacted, S.data_selected, S.decided_to_proceed],
    Phase.visit: [S.visit_requested, S.visit_agreed, S.visit_refused, S.court_authorisation_asked, S.police_booked,
                  S.visit_held, S.visit_report],
    Phase.studies: [S.works_listed, S.budget_estimated, S.studies_go_on, S.studies_stopped],
    Phase.proposal: [S.proposal_received, S.owner_agreed, S.owner_refused_with_reason, S.owner_refused,
                     S.formal_notice_received, S.loan_filed, S.loan_answered],
    Phase.taking_over: [S.taken_over, S.planning_told, S.legal_registration, S.loan_released, S.annual_report_sent],
    Phase.renovation: [S.final_project, S.permit_requested, S.works_started, S.provisional_acceptance,
                       S.final_acceptance],
    Phase.letting: [S.energy_certificate, S.dirl_told, S.lease_signed, S.entry_inventory],
    Phase.end: [S.early_requested, S.costs_notified, S.repaid, S.takeover_date_notified,
                S.ended],
}
PHASE_OF = {step: phase for phase, steps in STEP_PHASES.items() for step in steps}
# The steps that close their phase and open the next one; those that stop the case.
ADVANCES = {S.decided_to_proceed: Phase.visit, S.visit_report: Phase.studies, S.studies_go_on: Phase.proposal,
            S.final_acceptance: Phase.letting}
STOPS = frozenset({S.studies_stopped, S.owner_refused_with_reason})
# A step that needs another one before it.
REQUIRES = {S.visit_agreed: S.visit_requested, S.visit_refused: S.visit_requested,
            S.court_authorisation_asked: S.visit_refused, S.visit_held: S.visit_requested,
            S.visit_report: S.visit_held, S.owner_agreed: S.proposal_received,
            S.owner_refused_with_reason: S.proposal_received, S.owner_refused: S.proposal_received,
            S.formal_notice_received: S.proposal_received, S.loan_answered: S.loan_filed,
            S.loan_released: S.taken_over, S.planning_told: S.taken_over, S.legal_registration: S.taken_over,
            S.annual_report_sent: S.taken_over, S.costs_notified: S.early_requested, S.repaid: S.costs_notified,
            S.takeover_date_notified: S.repaid, S.entry_inventory: S.lease_signed}
ANSWERS = {S.owner_agreed: OwnerAnswer.agreed, S.owner_refused_with_reason: OwnerAnswer.refused_with_reason,
           S.owner_refused: OwnerAnswer.refused_without_reason}
# The steps recorded once at most (the others, such as a lease or a report to the DIRL, come back).
ONCE = frozenset({S.decided_to_proceed, S.visit_held, S.visit_report, S.studies_go_on, S.studies_stopped,
                  S.proposal_received, S.owner_agreed, S.owner_refused_with_reason, S.owner_refused,
                  S.formal_notice_received, S.taken_over, S.final_acceptance, S.ended})


@dataclass(frozen=True)
class Recorded:
    """A step as the rules read it: its code, its day, the time of a visit, the works' months of a formal notice,
    the year an annual report covers."""

    step: Step
    on: date
    at: time | None = None
    works_months: int = 0
    year: int | None = None


def phase_after(phase: Phase, step: Step) -> Phase:
    """The case's phase once `step` is recorded: a stopping step stops it; otherwise the step's phase, or the one
    it opens, when that is further than the case is."""
    if phase == Phase.stopped or step in STOPS:
        return Phase.stopped
    target = ADVANCES.get(step, PHASE_OF[step])
    return target if PHASES.index(target) > PHASES.index(phase) else phase


def case_dates(steps: list[Recorded]) -> CaseDates:
    """What the deadline engine reads, from the steps recorded (oldest first)."""
    first = {}
    for recorded in steps:
        first.setdefault(recorded.step, recorded)

    def day(step):
        return first[step].on if step in first else None

    answer = next((ANSWERS[s.step] for s in steps if s.step in ANSWERS), None)
    reported = [s.year for s in steps if s.step == S.annual_report_sent and s.year is not None]
    ended = next((s.on for s in steps if s.step in STOPS or s.step == S.ended), None)
    notice = first.get(S.formal_notice_received)
    return CaseDates(
        visit_requested_on=day(S.visit_requested), visited_on=day(S.visit_held),
        proposal_received_on=day(S.proposal_received), answer=answer, notice_received_on=day(S.formal_notice_received),
        works_months=notice.works_months if notice else 0, loan_filed_on=day(S.loan_filed),
        loan_answered_on=day(S.loan_answered), taken_over_on=day(S.taken_over),
        last_reported_year=max(reported) if reported else None, early_requested_on=day(S.early_requested),
        costs_notified_on=day(S.costs_notified), repaid_on=day(S.repaid),
        takeover_date_notified_on=day(S.takeover_date_notified), ended_on=ended)


def step_problems(new: Recorded, steps: list[Recorded], today: date) -> dict[str, str]:
    """What is wrong with recording `new` after `steps` ({field: code}): "future" (a day to come),
    "before_previous" (before the latest step recorded), "needs" (its prerequisite is missing), "again" (recorded
    once only), "ended" (the case is over), the visit's codes (visit_problems), "notice_too_early" (the owner still
    has time to answer), "not_taken_over_yet" (no contract, and the formal notice still runs),
    "too_early_to_take_back" (no letting yet), "hour_missing" (a visit without its hour), "year" (a report on a year
    not yet managed, or not over)."""
    problems: dict[str, str] = {}
    dates = case_dates(steps)
    done = {s.step for s in steps}
    if dates.ended_on is not None:
        return {"step": "ended"}
    if new.step in ONCE and new.step in done:
        problems["step"] = "again"
    elif new.step in REQUIRES and REQUIRES[new.step] not in done:
        problems["step"] = "needs"
    if new.on > today:
        problems["on"] = "future"
    elif steps and new.on < max(s.on for s in steps):
        problems["on"] = "before_previous"
    if new.step == S.visit_held and dates.visit_requested_on is not None:
        when = datetime.combine(new.on, new.at or time(0, 0))
        found = visit_problems(dates.visit_requested_on, when)
        if new.at is None:
            problems["at"] = "hour_missing"
        elif "outside_hours" in found:
            problems["at"] = "outside_hours"
        if "before_request" in found or "after_deadline" in found:
            problems.setdefault("on", next(code for code in found if code != "outside_hours"))
    if new.step == S.formal_notice_received and dates.proposal_received_on is not None and "step" not in problems:
        if dates.answer in (OwnerAnswer.agreed, OwnerAnswer.refused_with_reason) or (
                dates.answer is None and new.on <= answer_deadline(dates.proposal_received_on)):
            problems["step"] = "notice_too_early"
    if new.step == S.taken_over and dates.answer != OwnerAnswer.agreed and (
            dates.notice_received_on is None
            or new.on <= formal_notice_deadline(dates.notice_received_on, dates.works_months)):
        problems["step"] = "not_taken_over_yet"
    if new.step == S.early_requested:
        letting = next((s.on for s in steps if s.step == S.lease_signed), None)
        if not early_takeover_may_be_asked(letting, new.on):
            problems["step"] = "too_early_to_take_back"
    if new.step == S.annual_report_sent and dates.taken_over_on is not None and (
            new.year is None or new.year < dates.taken_over_on.year or new.year >= new.on.year):
        problems["year"] = "year"
    return problems
