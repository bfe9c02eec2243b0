from datetime import UTC, datetime

import time_machine

from portal import clock


def test_today_is_the_brussels_date():
    # 23:30 UTC on 30 June is already 1 July in Brussels (summer time, UTC+2).
    with time_machine.travel(datetime(2026, 6, 30, 23, 30, tzinfo=UTC), tick=False):
        assert clock.today().isoformat() == "2026-07-01"
        assert clock.now().tzinfo is not None
    # 22:30 UTC on 31 December is 23:30 in Brussels (winter time, UTC+1): still the same day.
    with time_machine.travel(datetime(2026, 12, 31, 22, 30, tzinfo=UTC), tick=False):
        assert clock.today().isoformat() == "2026-12-31"


def test_as_utc_reads_naive_values_as_utc():
    assert clock.as_utc(datetime(2026, 1, 1, 12)).tzinfo == UTC
