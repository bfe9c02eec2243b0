"""The letters of a case: which step each goes with, to whom it is addressed, and when a case may print it."""
from __future__ import annotations

from datetime import date
from enum import StrEnum

from occupancies.dgp.rules.delays import CaseDates, OwnerAnswer, unanswered
from occupancies.dgp.rules.steps import Step


class Letter(StrEnum):
    visit_request = "visit_request"
    court_request = "court_request"
    proposal = "proposal"
    notice_refused = "notice_refused"        # formal notice after a refusal without a legitimate reason
    notice_silence = "notice_silence"        # formal notice after two months without an answer
    takeover = "takeover"                    # notification of the taking over
    planning = "planning"                    # notice to the commune's planning service
    annual_report = "annual_report"
    dirl = "dirl"                            # the dwelling is free: the regional housing inspection
    remaining_costs = "remaining_costs"      # an early takeover: the costs still to repay
    takeover_date = "takeover_date"          # an early takeover: its date


# The step whose day records the letter's (the day a registered letter is presented, or the day it is sent).
LETTER_STEPS = {
    Letter.visit_request: Step.visit_requested, Letter.court_request: Step.court_authorisation_asked,
    Letter.proposal: Step.proposal_received, Letter.notice_refused: Step.formal_notice_received,
    Letter.notice_silence: Step.formal_notice_received, Letter.takeover: Step.taken_over,
    Letter.planning: Step.planning_told, Letter.annual_report: Step.annual_report_sent, Letter.dirl: Step.dirl_told,
    Letter.remaining_costs: Step.costs_notified, Letter.takeover_date: Step.takeover_date_notified,
}
# Whom a letter is addressed to: the owner, unless said here.
ADDRESSED_TO = {Letter.court_request: "court", Letter.planning: "planning", Letter.dirl: "dirl"}


def letters_available(done: set, dates: CaseDates, today: date) -> list[Letter]:
    """The letters the case may print today, in the procedure's order."""
    if dates.ended_on is not None:          # ended, stopped, or refused with a legitimate reason
        return []
    available = {
        Letter.visit_request: Step.decided_to_proceed in done,
        Letter.court_request: Step.visit_refused in done,
        Letter.proposal: Step.studies_go_on in done,
        Letter.notice_refused: dates.answer == OwnerAnswer.refused_without_reason,
        Letter.notice_silence: dates.answer is None and (unanswered(dates, today)
                                                         or dates.notice_received_on is not None),
        Letter.takeover: dates.answer == OwnerAnswer.agreed or dates.notice_received_on is not None,
        Letter.planning: Step.taken_over in done,
        Letter.annual_report: Step.taken_over in done,
        Letter.dirl: Step.final_acceptance in done or Step.lease_signed in done,
        Letter.remaining_costs: Step.early_requested in done,
        Letter.takeover_date: Step.repaid in done,
    }
    return [letter for letter in Letter if available[letter]]
