"""The loan of a DGP case (issue 19): the ABEX index its cap follows, the four parts of its request, the amounts'
checks; the time a case spends in each phase and the region's median; the reminders of a deadline. Pure rules."""
from datetime import date, timedelta
from decimal import Decimal as D

from occupancies.dgp.rules import (
    SUPPORTED_STEPS,
    Phase,
    Recorded,
    abex_month_for,
    loan_parts_missing,
    loan_problems,
    median_phase_days,
    phase_durations,
    phase_entries,
)
from occupancies.dgp.rules import Step as S
from portal.clock import reminder_due

READY = {"proposal_sent": True, "surfaces": [D("68.40"), D("82.10")], "works_description": "Toiture",
         "works_cost": D("86400"), "takeover_costs": D("97200"), "amount": D("94200"), "months": 120}


def test_the_cap_of_a_year_follows_the_latest_abex_published_before_its_1_january():
    known = [date(2022, 5, 1), date(2024, 11, 1), date(2025, 5, 1), date(2025, 11, 1)]
    assert abex_month_for(2026, known) == date(2025, 11, 1)
    assert abex_month_for(2025, known) == date(2024, 11, 1)
    assert abex_month_for(2022, known) is None                      # nothing published before 1 January 2022
    assert abex_month_for(2026, []) is None


def test_a_loan_request_holds_its_four_parts_in_the_guides_order():
    assert loan_parts_missing(**READY) == []
    assert loan_parts_missing(**{**READY, "proposal_sent": False}) == ["proposal"]
    assert loan_parts_missing(**{**READY, "surfaces": []}) == ["dwellings"]
    assert loan_parts_missing(**{**READY, "surfaces": [D("68.40"), None]}) == ["dwellings"]   # each its surface
    assert loan_parts_missing(**{**READY, "works_description": "  "}) == ["works"]
    assert loan_parts_missing(**{**READY, "takeover_costs": None}) == ["works"]
    assert loan_parts_missing(**{**READY, "months": None}) == ["plan"]
    nothing = {"proposal_sent": False, "surfaces": [], "works_description": "", "works_cost": None,
               "takeover_costs": None, "amount": None, "months": None}
    assert loan_parts_missing(**nothing) == ["proposal", "dwellings", "works", "plan"]


def test_a_loan_never_passes_its_cap_nor_grants_more_than_asked():
    cap = D("188012.13")
    assert loan_problems(D("94200"), D("94200"), 120, cap) == {}
    assert loan_problems(D("188012.14"), None, 120, cap) == {"amount": "above_cap"}
    assert loan_problems(D("188012.13"), None, 120, cap) == {}                     # the cap itself is allowed
    assert loan_problems(D("90000"), D("90000.01"), 120, cap) == {"granted": "above_request"}
    assert loan_problems(D("90000.005"), None, 120, cap) == {"amount": "cents"}
    assert loan_problems(D("900000"), None, 0, None) == {"months": "months"}       # no cap known: not checked
    assert loan_problems(None, None, 361, cap) == {"months": "months"}


def test_the_cell_supports_the_visit_the_studies_the_proposal_and_loan_and_the_works_only():
    assert {S.visit_held, S.works_listed, S.loan_filed, S.loan_answered, S.works_started} <= SUPPORTED_STEPS
    assert not {S.decided_to_proceed, S.taken_over, S.lease_signed, S.annual_report_sent, S.ended} & SUPPORTED_STEPS


CASE = [Recorded(S.data_selected, date(2023, 4, 3)), Recorded(S.decided_to_proceed, date(2023, 4, 12)),
        Recorded(S.visit_requested, date(2023, 5, 2)), Recorded(S.visit_report, date(2023, 5, 30)),
        Recorded(S.studies_go_on, date(2023, 9, 15)), Recorded(S.proposal_received, date(2023, 10, 2)),
        Recorded(S.taken_over, date(2024, 6, 10)), Recorded(S.works_started, date(2025, 5, 5))]


def test_a_case_enters_each_phase_on_the_step_that_moves_it_there():
    assert phase_entries(CASE) == {
        Phase.analysis: date(2023, 4, 3), Phase.visit: date(2023, 4, 12), Phase.studies: date(2023, 5, 30),
        Phase.proposal: date(2023, 9, 15), Phase.taking_over: date(2024, 6, 10), Phase.renovation: date(2025, 5, 5)}
    assert phase_durations(CASE) == {Phase.analysis: 9, Phase.visit: 48, Phase.studies: 108, Phase.proposal: 269,
                                     Phase.taking_over: 329}                 # the renovation is not over


def test_a_case_whose_first_step_is_the_decision_says_nothing_of_its_analysis():
    durations = phase_durations(CASE[1:])
    assert Phase.analysis not in durations and durations[Phase.visit] == 48


def test_a_stopped_case_counts_the_phases_it_went_through():
    stopped = [*CASE[:6], Recorded(S.owner_refused_with_reason, date(2023, 11, 20))]
    assert Phase.proposal not in phase_durations(stopped)                    # it never left the proposal
    assert phase_durations(stopped)[Phase.studies] == 108


def test_the_region_reads_the_median_days_of_each_phase_over_the_cases_that_left_it():
    medians = median_phase_days([{Phase.visit: 10, Phase.studies: 100}, {Phase.visit: 30},
                                 {Phase.visit: 50, Phase.studies: 60}])
    assert medians == {Phase.visit: (30, 3), Phase.studies: (80, 2)}
    assert median_phase_days([]) == {}


def test_a_deadline_is_reminded_within_the_week_before_then_on_its_day():
    due = date(2027, 3, 1)
    assert reminder_due(due, due - timedelta(days=8)) is None
    assert reminder_due(due, due - timedelta(days=7)) == "soon"
    assert reminder_due(due, due - timedelta(days=1)) == "soon"
    assert reminder_due(due, due) == "due"
    assert reminder_due(due, due + timedelta(days=1)) is None


def test_the_plan_shown_is_of_the_amount_granted_or_of_the_amount_asked_until_the_answer():
    from occupancies.dgp.rules import loan_plan

    assert loan_plan(None, D("1200"), 12) == [D("100.00")] * 12
    assert loan_plan(D("600"), D("1200"), 12) == [D("50.00")] * 12
    assert loan_plan(None, None, 12) is None and loan_plan(None, D("1200"), None) is None
