"""When notifications reach a person (issue 20): their choice per kind, at once by default, the essential kinds
always at once; the days a daily or weekly digest covers, with the day given."""
from datetime import date

from portal.notifications.rules import Frequency, digest_period, effective


def test_a_daily_digest_covers_yesterday_and_a_weekly_one_the_week_to_sunday_sent_on_monday():
    assert digest_period("daily", date(2026, 12, 3)) == (date(2026, 12, 2), date(2026, 12, 2))
    assert digest_period("weekly", date(2026, 12, 7)) == (date(2026, 11, 30), date(2026, 12, 6))    # a Monday
    assert digest_period("weekly", date(2026, 12, 8)) is None
    assert digest_period("immediate", date(2026, 12, 8)) is None
    assert digest_period("off", date(2026, 12, 7)) is None


def test_the_choice_applies_except_to_essential_kinds_which_always_come_at_once():
    assert effective(None, False) == Frequency.immediate
    assert effective("weekly", False) == Frequency.weekly
    assert effective("off", False) == Frequency.off
    assert effective("off", True) == effective("daily", True) == Frequency.immediate
    assert effective("forged", False) == Frequency.immediate
