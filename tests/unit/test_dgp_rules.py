"""The rules of the public management right (occupancies.dgp.rules, seed 001): every deadline the law sets, month
ends and leap years, the capped rents and their indexation, the management period, its end and the loan."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from occupancies.dgp import rules
from occupancies.dgp.rules import DwellingKind, OwnerAnswer

D = Decimal


@pytest.mark.parametrize("day, months, expected", [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),        # a shorter month: its last day
    (date(2028, 1, 31), 1, date(2028, 2, 29)),        # a leap year
    (date(2026, 12, 31), 2, date(2027, 2, 28)),       # across the year
    (date(2027, 3, 31), 1, date(2027, 4, 30)),
    (date(2027, 5, 15), 12, date(2028, 5, 15)),
    (date(2027, 3, 31), -1, date(2027, 2, 28)),
    (date(2024, 2, 29), 108, date(2033, 2, 28)),      # nine years from a 29 February
])
def test_months_are_added_to_the_day_or_the_last_day_of_a_shorter_month(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_the_visit_takes_place_within_the_following_month_between_8_and_20():
    asked = date(2027, 1, 31)
    assert rules.visit_deadline(asked) == date(2027, 2, 28)
    assert rules.visit_problems(asked, datetime(2027, 2, 28, 8, 0), datetime(2027, 2, 28, 10, 0)) == []
    assert rules.visit_problems(asked, datetime(2027, 2, 10, 18, 30), datetime(2027, 2, 10, 20, 0)) == []
    assert rules.visit_problems(asked, datetime(2027, 3, 1, 10, 0)) == ["after_deadline"]
    assert rules.visit_problems(asked, datetime(2027, 1, 31, 10, 0)) == ["before_request"]
    assert rules.visit_problems(asked, datetime(2027, 1, 20, 10, 0)) == ["before_request"]
    assert rules.visit_problems(asked, datetime(2027, 2, 10, 7, 59)) == ["outside_hours"]
    assert rules.visit_problems(asked, datetime(2027, 2, 10, 19, 0), datetime(2027, 2, 10, 20, 1)) == [
        "outside_hours"]
    assert rules.visit_problems(asked, datetime(2027, 2, 10, 19, 0), datetime(2027, 2, 11, 9, 0)) == [
        "outside_hours"]                                           # a visit does not run overnight
    assert rules.visit_problems(asked, datetime(2027, 3, 2, 21, 0)) == ["after_deadline", "outside_hours"]
    assert rules.visit_deadline(date(2028, 1, 30)) == date(2028, 2, 29)


def test_the_owner_has_two_months_to_answer_the_proposal_and_what_follows_each_answer():
    assert rules.answer_deadline(date(2027, 3, 14)) == date(2027, 5, 14)
    assert rules.answer_deadline(date(2026, 12, 31)) == date(2027, 2, 28)
    assert rules.answer_deadline(date(2027, 12, 31)) == date(2028, 2, 29)
    assert rules.after_answer(OwnerAnswer.agreed) == "contract"
    assert rules.after_answer(OwnerAnswer.refused_with_reason) == "end"
    assert rules.after_answer(OwnerAnswer.refused_without_reason) == "formal_notice"
    assert rules.after_answer(OwnerAnswer.none) == "formal_notice"


def test_a_formal_notice_gives_two_months_at_least_or_the_time_of_the_works():
    assert rules.formal_notice_deadline(date(2027, 6, 30)) == date(2027, 8, 30)
    assert rules.formal_notice_deadline(date(2027, 6, 30), works_months=1) == date(2027, 8, 30)
    assert rules.formal_notice_deadline(date(2027, 6, 30), works_months=5) == date(2027, 11, 30)


def test_the_region_answers_a_loan_request_within_two_months():
    assert rules.loan_answer_deadline(date(2027, 12, 31)) == date(2028, 2, 29)


def test_the_report_to_the_owner_is_due_by_31_march_of_each_following_year():
    assert rules.annual_report_due(2026) == date(2027, 3, 31)
    assert rules.next_annual_report(date(2023, 5, 10), None) == (2023, date(2024, 3, 31))
    assert rules.next_annual_report(date(2023, 5, 10), 2025) == (2026, date(2027, 3, 31))


def test_the_estimated_management_period_is_the_costs_divided_by_the_monthly_rent_in_whole_months():
    assert rules.management_period(D("30000"), D("12000"), D("500")) == 84
    assert rules.management_period(D("1000"), D("0"), D("300")) == 4          # 3.33 months: 4
    assert rules.months_to_recover(D("0"), D("300")) == 0
    with pytest.raises(ValueError):
        rules.months_to_recover(D("1000"), D("0"))


def test_the_management_lasts_nine_years_at_least_and_until_the_costs_are_repaid():
    taken_over = date(2024, 2, 29)
    assert rules.management_end(taken_over, 40) == date(2033, 2, 28)
    assert rules.management_end(taken_over, 130) == date(2034, 12, 29)
    assert rules.projected_end(taken_over, date(2027, 6, 15), D("0"), D("500")) == date(2033, 2, 28)
    # 80,000 still to recover at 500 a month: 160 months from July 2027, beyond the nine years.
    assert rules.projected_end(taken_over, date(2027, 6, 15), D("80000"), D("500")) == date(2040, 11, 1)


def test_an_early_takeover_follows_a_first_letting_and_its_three_delays():
    assert not rules.early_takeover_may_be_asked(None, date(2027, 1, 1))
    assert not rules.early_takeover_may_be_asked(date(2027, 2, 1), date(2027, 1, 1))
    assert rules.early_takeover_may_be_asked(date(2026, 2, 1), date(2027, 1, 1))
    assert rules.remaining_costs_deadline(date(2027, 1, 31)) == date(2027, 2, 28)
    assert rules.repayment_deadline(date(2027, 2, 28)) == date(2027, 4, 28)
    assert rules.takeover_date_deadline(date(2027, 4, 25)) == date(2027, 5, 5)
    assert rules.regulated_until(date(2027, 5, 5)) == date(2036, 5, 5)


# The guide's table, indexed on 1 January 2023 (its right-hand column).
GUIDE_2023 = {
    (DwellingKind.studio, 0): D("400.23"), (DwellingKind.flat, 1): D("461.79"), (DwellingKind.flat, 2): D("538.76"),
    (DwellingKind.flat, 3): D("646.52"), (DwellingKind.flat, 4): D("769.67"), (DwellingKind.flat, 5): D("954.38"),
    (DwellingKind.house, 2): D("579.53"), (DwellingKind.house, 3): D("692.61"), (DwellingKind.house, 4): D("954.38"),
}


def test_the_rent_table_of_1_january_2023_is_the_guides_to_the_cent():
    # The health index of August 2022 that the guide's indexed column implies: 123.68.
    assert rules.index_month_for(2023) == date(2022, 8, 1)
    assert rules.rent_table(D("123.68")) == GUIDE_2023
    for (kind, bedrooms), cap in GUIDE_2023.items():
        assert rules.rent_cap(kind, bedrooms, D("123.68")) == cap


def test_a_cap_for_another_year_follows_its_own_index():
    assert rules.rent_cap(DwellingKind.studio, 0, D("130")) == D("420.68")
    assert rules.rent_cap(DwellingKind.flat, 2, D("130")) == D("566.29")
    assert rules.rent_cap(DwellingKind.flat, 7, D("130")) == rules.rent_cap(DwellingKind.flat, 5, D("130"))
    assert rules.rent_cap(DwellingKind.house, 6, D("123.68")) == D("954.38")
    assert rules.rent_cap(DwellingKind.house, 1, D("123.68")) is None         # no row in the guide's table
    assert rules.base_rent(DwellingKind.studio, 0) == D("328.81")


def test_the_loan_cap_is_1176_per_gross_m2_indexed_by_abex():
    assert rules.loan_cap_per_m2(D("1000"), D("1000")) == D("1176.00")
    assert rules.loan_cap_per_m2(D("1100"), D("1000")) == D("1293.60")
    assert rules.loan_cap(D("85.5"), D("1100"), D("1000")) == D("110602.80")


def test_an_interest_free_loan_is_repaid_in_equal_monthly_instalments():
    plan = rules.repayment_plan(D("1000"), 3)
    assert plan == [D("333.33"), D("333.33"), D("333.34")] and sum(plan) == D("1000")
    assert rules.repayment_plan(D("1200"), 12) == [D("100.00")] * 12
    with pytest.raises(ValueError):
        rules.repayment_plan(D("1000"), 0)


def test_an_amount_has_two_decimals_at_most():
    assert rules.has_cents_at_most(D("12.50")) and rules.has_cents_at_most(D("12"))
    assert not rules.has_cents_at_most(D("12.505"))


def test_the_deadline_engine_gives_each_running_delay_soonest_first_and_whose_move_it_is():
    from occupancies.dgp.rules import CaseDates

    assert rules.deadlines(CaseDates()) == [] and rules.next_deadline(CaseDates()) is None
    visit = CaseDates(visit_requested_on=date(2027, 1, 31))
    assert [(d.kind, d.due, d.whose) for d in rules.deadlines(visit)] == [("visit", date(2027, 2, 28), "operator")]
    assert rules.deadlines(CaseDates(visit_requested_on=date(2027, 1, 31), visited_on=date(2027, 2, 10))) == []
    # The proposal presented on 31 December 2027, a loan requested a week later: the owner's answer comes first.
    proposal = CaseDates(visit_requested_on=date(2027, 10, 1), visited_on=date(2027, 10, 20),
                         proposal_received_on=date(2027, 12, 31), loan_filed_on=date(2028, 1, 7))
    assert [(d.kind, d.due, d.whose) for d in rules.deadlines(proposal)] == [
        ("owner_answer", date(2028, 2, 29), "owner"), ("loan_answer", date(2028, 3, 7), "region")]
    answer = rules.next_deadline(proposal)
    assert not answer.overdue(date(2028, 2, 29)) and answer.overdue(date(2028, 3, 1))
    assert answer.days_left(date(2028, 2, 19)) == 10
    assert not rules.unanswered(proposal, date(2028, 2, 29)) and rules.unanswered(proposal, date(2028, 3, 1))


def test_silence_then_a_formal_notice_then_the_taking_over_and_its_yearly_reports():
    from occupancies.dgp.rules import CaseDates

    silent = CaseDates(proposal_received_on=date(2027, 3, 14), answer=OwnerAnswer.none,
                       notice_received_on=date(2027, 5, 20), works_months=4)
    assert [(d.kind, d.due) for d in rules.deadlines(silent)] == [("formal_notice", date(2027, 9, 20))]
    taken = CaseDates(proposal_received_on=date(2027, 3, 14), answer=OwnerAnswer.none,
                      notice_received_on=date(2027, 5, 20), taken_over_on=date(2027, 10, 2))
    assert [(d.kind, d.due, d.whose) for d in rules.deadlines(taken)] == [
        ("annual_report", date(2028, 3, 31), "operator")]
    reported = CaseDates(taken_over_on=date(2027, 10, 2), last_reported_year=2027)
    assert rules.next_deadline(reported).due == date(2029, 3, 31)
    assert rules.deadlines(CaseDates(taken_over_on=date(2027, 10, 2), ended_on=date(2036, 10, 2))) == []


def test_an_early_takeover_runs_its_three_delays_one_after_the_other():
    from occupancies.dgp.rules import CaseDates

    base = {"taken_over_on": date(2024, 4, 2), "last_reported_year": 2026}
    steps = [
        (CaseDates(**base, early_requested_on=date(2027, 1, 31)), ("remaining_costs", date(2027, 2, 28))),
        (CaseDates(**base, early_requested_on=date(2027, 1, 31), costs_notified_on=date(2027, 2, 20)),
         ("repayment", date(2027, 4, 20))),
        (CaseDates(**base, early_requested_on=date(2027, 1, 31), costs_notified_on=date(2027, 2, 20),
                   repaid_on=date(2027, 4, 15)), ("takeover_date", date(2027, 4, 25))),
    ]
    for case, (kind, due) in steps:
        running = {(d.kind, d.due) for d in rules.deadlines(case)}
        assert (kind, due) in running and ("annual_report", date(2028, 3, 31)) in running


def test_the_year_of_the_rents_shown_and_the_rows_for_larger_dwellings():
    assert rules.rents_year(2023, [2024, 2023], 2026) == 2023
    assert rules.rents_year(2019, [2024, 2023], 2026) == 2024        # not known: the latest known
    assert rules.rents_year(None, [2026, 2023], 2026) == 2026
    assert rules.rents_year(None, [], 2026) == 2026                  # none known: this year, its index missing
    assert rules.or_more(DwellingKind.flat, 5) and rules.or_more(DwellingKind.house, 4)
    assert not rules.or_more(DwellingKind.flat, 4) and not rules.or_more(DwellingKind.studio, 0)
