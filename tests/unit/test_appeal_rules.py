"""The last day to contest a decision (issue 17, item 6): the call's delay in days counted from the day after the
decision, the last day included; a delay that ends on a Saturday or a Sunday ends on the Monday after."""
from datetime import date

import pytest

from calls.rules import APPEAL_DAYS, appeal_deadline


@pytest.mark.parametrize(("decided", "days", "last"), [
    (date(2027, 2, 24), 30, date(2027, 3, 26)),   # a Friday: as counted
    (date(2027, 2, 26), 30, date(2027, 3, 29)),   # a Sunday: the Monday after
    (date(2027, 2, 25), 30, date(2027, 3, 29)),   # a Saturday: the Monday after
    (date(2027, 12, 31), 1, date(2028, 1, 3)),    # across the year, Saturday 1 January: Monday 3
])
def test_the_last_day_to_contest(decided, days, last):
    assert appeal_deadline(decided, days) == last


def test_the_delay_is_a_sensible_number_of_days():
    assert APPEAL_DAYS == (1, 365)
    with pytest.raises(ValueError):
        appeal_deadline(date(2027, 1, 4), 0)
