"""The phases and steps of a case of the public management right: the order of the procedure, what each step
needs before it, the phase it moves the case to, and what the deadline engine reads of them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from statistics import median

from occupancies.dgp.rules.delays import (
    CaseDates,
    OwnerAnswer,
    answer_deadline,
    early_takeover_may_be_asked,
    formal_notice_deadline,
    visit_problems,
)


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
            S.formal_notice_received: S.proposal_received, S.loan_filed: S.proposal_received,
            S.loan_answered: S.loan_filed,
            S.loan_released: S.taken_over, S.planning_told: S.taken_over, S.legal_registration: S.taken_over,
            S.annual_report_sent: S.taken_over, S.costs_notified: S.early_requested, S.repaid: S.costs_notified,
            S.takeover_date_notified: S.repaid, S.entry_inventory: S.lease_signed}
ANSWERS = {S.owner_agreed: OwnerAnswer.agreed, S.owner_refused_with_reason: OwnerAnswer.refused_with_reason,
           S.owner_refused: OwnerAnswer.refused_without_reason}
# The steps recorded once at most (the others, such as a lease or a report to the DIRL, come back).
ONCE = frozenset({S.decided_to_proceed, S.visit_held, S.visit_report, S.studies_go_on, S.studies_stopped,
                  S.proposal_received, S.owner_agreed, S.owner_refused_with_reason, S.owner_refused,
                  S.formal_notice_received, S.taken_over, S.final_acceptance, S.ended})
# The phases in which Bruxelles Logement's Réhabilitation cell supports an operator that invites it onto a case (the
# guide's "points pour lesquels vous pouvez bénéficier du soutien de la cellule"): the visit, the studies, the
# proposal and the loan, the works. The cell records the steps of these phases, and no other.
SUPPORT_PHASES = (Phase.visit, Phase.studies, Phase.proposal, Phase.renovation)
SUPPORTED_STEPS = frozenset(step for phase in SUPPORT_PHASES for step in STEP_PHASES[phase])


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


def phase_entries(steps: list[Recorded]) -> dict[Phase, date]:
    """The day a case entered each phase it reached, from its steps (oldest first): the analysis on its first step
    when that step is one of the analysis before the decision (a case whose first step is the decision says nothing of
    its analysis), each later phase on the step that moved the case into it. A stopped case keeps the phases it went
    through."""
    entered: dict[Phase, date] = {}
    phase = Phase.analysis
    for recorded in steps:
        if not entered and PHASE_OF[recorded.step] == Phase.analysis and recorded.step not in ADVANCES:
            entered[Phase.analysis] = recorded.on       # an analysis recorded before the decision that ends it
        after = phase_after(phase, recorded.step)
        if after != phase and after != Phase.stopped:
            entered.setdefault(after, recorded.on)
        phase = after
    return entered


def phase_durations(steps: list[Recorded]) -> dict[Phase, int]:
    """The days a case spent in each phase it has left: from the day it entered the phase to the day it entered
    the next one it reached."""
    entered = phase_entries(steps)
    reached = [phase for phase in PHASES if phase in entered]
    return {phase: (entered[following] - entered[phase]).days
            for phase, following in zip(reached, reached[1:], strict=False)}


def median_phase_days(cases: list[dict[Phase, int]]) -> dict[Phase, tuple[float, int]]:
    """The median days spent in each phase over the cases that have left it, with how many cases that is."""
    spent: dict[Phase, list[int]] = {}
    for durations in cases:
        for phase, days in durations.items():
            spent.setdefault(phase, []).append(days)
    return {phase: (median(spent[phase]), len(spent[phase])) for phase in PHASES if phase in spent}
