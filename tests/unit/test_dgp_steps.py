"""The steps of a DGP case (issue 19), the letters they allow and the ledger: the procedure's order, the visit's
window and hours, the owner's 2 months before a formal notice, the taking over, the annual report's year, an early
takeover after a first letting, the phase a step moves the case to; pure rules, the day given."""
from datetime import date, time
from decimal import Decimal
from types import SimpleNamespace as NS

from occupancies.dgp.rules import (
    EntryKind,
    Letter,
    OwnerAnswer,
    Phase,
    Recorded,
    case_dates,
    deadlines,
    ledger,
    letters_available,
    phase_after,
    step_problems,
)
from occupancies.dgp.rules import Step as S

TODAY = date(2026, 12, 3)


def steps(*pairs):
    return [Recorded(step, on) for step, on in pairs]


PROPOSED = steps((S.decided_to_proceed, date(2026, 1, 5)), (S.visit_requested, date(2026, 1, 10)),
                 (S.visit_held, date(2026, 2, 2)), (S.visit_report, date(2026, 2, 10)),
                 (S.studies_go_on, date(2026, 4, 1)), (S.proposal_received, date(2026, 4, 30)))


def test_a_step_is_not_dated_before_the_latest_one_nor_in_the_future():
    assert step_problems(Recorded(S.owner_refused, date(2026, 4, 29)), PROPOSED, TODAY) == {"on": "before_previous"}
    assert step_problems(Recorded(S.owner_refused, date(2026, 12, 4)), PROPOSED, TODAY) == {"on": "future"}
    assert step_problems(Recorded(S.owner_refused, date(2026, 4, 30)), PROPOSED, TODAY) == {}


def test_a_step_needs_the_one_before_it_and_some_come_once():
    assert step_problems(Recorded(S.visit_held, date(2026, 1, 2), time(10)), [], TODAY) == {"step": "needs"}
    assert step_problems(Recorded(S.proposal_received, date(2026, 5, 2)), PROPOSED, TODAY) == {"step": "again"}
    assert step_problems(Recorded(S.lease_signed, date(2026, 5, 2)), PROPOSED, TODAY) == {}   # leases come again


def test_the_visit_takes_place_within_the_following_month_between_8_and_20():
    requested = steps((S.visit_requested, date(2026, 1, 31)))
    ok = Recorded(S.visit_held, date(2026, 2, 28), time(19, 59))      # 31 January + 1 month: 28 February
    assert step_problems(ok, requested, TODAY) == {}
    assert step_problems(Recorded(S.visit_held, date(2026, 2, 28), time(20, 30)), requested, TODAY) == \
        {"at": "outside_hours"}
    assert step_problems(Recorded(S.visit_held, date(2026, 2, 10), time(7, 45)), requested, TODAY) == \
        {"at": "outside_hours"}
    assert step_problems(Recorded(S.visit_held, date(2026, 3, 1), time(10)), requested, TODAY) == \
        {"on": "after_deadline"}
    assert step_problems(Recorded(S.visit_held, date(2026, 2, 10)), requested, TODAY) == {"at": "hour_missing"}


def test_the_formal_notice_follows_a_refusal_or_two_months_of_silence():
    notice = Recorded(S.formal_notice_received, date(2026, 6, 30), works_months=4)
    assert step_problems(notice, PROPOSED, TODAY) == {"step": "notice_too_early"}        # the owner may answer
    assert step_problems(Recorded(S.formal_notice_received, date(2026, 7, 1)), PROPOSED, TODAY) == {}   # silence
    refused = [*PROPOSED, Recorded(S.owner_refused, date(2026, 5, 20))]
    assert step_problems(Recorded(S.formal_notice_received, date(2026, 5, 25)), refused, TODAY) == {}
    agreed = [*PROPOSED, Recorded(S.owner_agreed, date(2026, 5, 20))]
    assert step_problems(Recorded(S.formal_notice_received, date(2026, 7, 25)), agreed, TODAY) == \
        {"step": "notice_too_early"}


def test_the_management_is_taken_over_after_the_contract_or_once_the_notice_has_run_out():
    noticed = [*PROPOSED, Recorded(S.formal_notice_received, date(2026, 7, 1), works_months=4)]
    assert case_dates(noticed).answer is None
    assert [d.kind for d in deadlines(case_dates(noticed))] == ["formal_notice"]     # the answer's delay is over
    assert step_problems(Recorded(S.taken_over, date(2026, 11, 1)), noticed, TODAY) == \
        {"step": "not_taken_over_yet"}                                 # 1 July + 4 months of works: 1 November
    assert step_problems(Recorded(S.taken_over, date(2026, 11, 2)), noticed, TODAY) == {}
    agreed = [*PROPOSED, Recorded(S.owner_agreed, date(2026, 5, 20))]
    assert step_problems(Recorded(S.taken_over, date(2026, 5, 21)), agreed, TODAY) == {}


def test_the_annual_report_covers_a_year_managed_and_over_and_is_due_on_31_march():
    taken = [*PROPOSED, Recorded(S.owner_agreed, date(2026, 5, 20)), Recorded(S.taken_over, date(2026, 6, 1))]
    assert deadlines(case_dates(taken))[-1].due == date(2027, 3, 31)
    assert step_problems(Recorded(S.annual_report_sent, date(2026, 12, 1), year=2026), taken, TODAY) == \
        {"year": "year"}                                               # 2026 is not over
    assert step_problems(Recorded(S.annual_report_sent, date(2026, 12, 1), year=2025), taken, TODAY) == \
        {"year": "year"}                                               # not managed in 2025
    reported = [*taken, Recorded(S.annual_report_sent, date(2027, 3, 2), year=2026)]
    assert step_problems(reported[-1], taken, date(2027, 3, 2)) == {}
    assert case_dates(reported).last_reported_year == 2026
    assert deadlines(case_dates(reported))[-1].due == date(2028, 3, 31)


def test_an_early_takeover_is_asked_only_after_a_first_letting():
    taken = [*PROPOSED, Recorded(S.owner_agreed, date(2026, 5, 20)), Recorded(S.taken_over, date(2026, 6, 1))]
    assert step_problems(Recorded(S.early_requested, date(2026, 7, 1)), taken, TODAY) == \
        {"step": "too_early_to_take_back"}
    let = [*taken, Recorded(S.lease_signed, date(2026, 9, 1))]
    assert step_problems(Recorded(S.early_requested, date(2026, 10, 1)), let, TODAY) == {}


def test_the_phase_moves_with_the_steps_and_a_legitimate_refusal_stops_the_case():
    assert phase_after(Phase.analysis, S.owner_contacted) == Phase.analysis
    assert phase_after(Phase.analysis, S.decided_to_proceed) == Phase.visit
    assert phase_after(Phase.visit, S.visit_report) == Phase.studies
    assert phase_after(Phase.proposal, S.loan_filed) == Phase.proposal
    assert phase_after(Phase.renovation, S.loan_answered) == Phase.renovation      # never back
    assert phase_after(Phase.renovation, S.final_acceptance) == Phase.letting
    assert phase_after(Phase.proposal, S.owner_refused_with_reason) == Phase.stopped
    refused = [*PROPOSED, Recorded(S.owner_refused_with_reason, date(2026, 5, 2))]
    assert case_dates(refused).answer == OwnerAnswer.refused_with_reason and deadlines(case_dates(refused)) == []
    assert step_problems(Recorded(S.owner_contacted, date(2026, 6, 1)), refused, TODAY) == {"step": "ended"}


def test_the_letters_a_case_may_print_follow_its_steps():
    def available(recorded, today=TODAY):
        return letters_available({r.step for r in recorded}, case_dates(recorded), today)

    assert available([]) == []
    assert available(PROPOSED[:1]) == [Letter.visit_request]
    assert Letter.proposal in available(PROPOSED)
    assert Letter.notice_silence not in available(PROPOSED, date(2026, 6, 30))
    assert Letter.notice_silence in available(PROPOSED, date(2026, 7, 1))          # the owner's 2 months are over
    refused = [*PROPOSED, Recorded(S.owner_refused, date(2026, 5, 20))]
    assert Letter.notice_refused in available(refused) and Letter.notice_silence not in available(refused)
    legitimate = [*PROPOSED, Recorded(S.owner_refused_with_reason, date(2026, 5, 20))]
    assert available(legitimate) == []                                             # the case is over
    taken = [*PROPOSED, Recorded(S.owner_agreed, date(2026, 5, 20)), Recorded(S.taken_over, date(2026, 6, 1))]
    assert {Letter.takeover, Letter.planning, Letter.annual_report} <= set(available(taken))


def test_the_ledger_counts_costs_and_rents_and_never_owes_the_owner_a_negative_balance():
    entries = [NS(kind=EntryKind.takeover_cost, on=date(2025, 1, 5), amount=Decimal("1000.00")),
               NS(kind=EntryKind.management_cost, on=date(2025, 6, 1), amount=Decimal("200.00")),
               NS(kind=EntryKind.rent, on=date(2025, 12, 1), amount=Decimal("500.00")),
               NS(kind=EntryKind.rent, on=date(2026, 12, 1), amount=Decimal("900.00"))]
    whole = ledger(entries)
    assert whole.costs == Decimal("1200.00") and whole.balance == 0 and whole.owner_receives == Decimal("200.00")
    of_2025 = ledger(entries, since=date(2025, 1, 1), until=date(2025, 12, 31))
    assert of_2025.rents == Decimal("500.00") and of_2025.balance == Decimal("700.00")
