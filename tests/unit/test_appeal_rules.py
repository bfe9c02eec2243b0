"""Appeals' rules: the delay to lodge one, the standstill after a decision, and what holds a call's agreements."""
from datetime import date

from calls.appeals import rules

DECIDED = date(2026, 12, 3)


def test_the_standstill_counts_its_days_from_the_day_after_the_decision():
    assert rules.standstill_until(DECIDED, 10) == date(2026, 12, 13)
    assert rules.standstill_until(date(2027, 1, 31), 30) == date(2027, 3, 2)
    assert rules.standstill_until(DECIDED, None) is None and rules.standstill_until(DECIDED, 0) is None


def test_an_appeal_is_lodged_until_the_last_day_of_the_delay_included():
    last = date(2026, 12, 18)
    assert rules.lodging_problem(last, date(2026, 12, 4)) is None
    assert rules.lodging_problem(last, last) is None
    assert rules.lodging_problem(last, date(2026, 12, 19)) == "late"
    assert rules.lodging_problem(None, DECIDED) == "not_offered"


def test_an_appeal_waiting_for_its_answer_holds_the_agreements_whatever_the_standstill():
    end = date(2026, 12, 13)
    assert rules.signature_hold(end, date(2026, 12, 13), 0) == "standstill"
    assert rules.signature_hold(end, date(2026, 12, 14), 0) is None
    assert rules.signature_hold(end, date(2026, 12, 14), 1) == "appeal"
    assert rules.signature_hold(None, DECIDED, 0) is None
    assert rules.signature_hold(None, DECIDED, 2) == "appeal"
