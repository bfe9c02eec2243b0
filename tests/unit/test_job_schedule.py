"""Scheduled jobs run at or after their moment: RQ keeps moments as whole seconds cut down, so the portal rounds
them up (portal.jobs.queue.whole_second_after); and the retries of a job come from JOB_RETRY_DELAYS."""
from datetime import UTC, datetime

import pytest

from portal import config
from portal.jobs.queue import whole_second_after


@pytest.mark.parametrize("moment, expected", [
    (datetime(2026, 12, 2, 17, 0, 0, tzinfo=UTC), datetime(2026, 12, 2, 17, 0, 0, tzinfo=UTC)),
    (datetime(2026, 12, 2, 17, 0, 0, 1, tzinfo=UTC), datetime(2026, 12, 2, 17, 0, 1, tzinfo=UTC)),
    (datetime(2026, 12, 2, 17, 0, 0, 484983, tzinfo=UTC), datetime(2026, 12, 2, 17, 0, 1, tzinfo=UTC)),
    (datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), datetime(2027, 1, 1, 0, 0, 0, tzinfo=UTC)),
])
def test_a_moment_is_rounded_up_to_its_whole_second(moment, expected):
    assert whole_second_after(moment) == expected
    assert whole_second_after(moment) >= moment


def test_job_retry_delays_are_read_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s")
    assert config.load(tmp_path, {})["JOB_RETRY_DELAYS"] == (60, 300, 1800)
    monkeypatch.setenv("JOB_RETRY_DELAYS", "0, 5")
    assert config.load(tmp_path, {})["JOB_RETRY_DELAYS"] == (0, 5)
    monkeypatch.setenv("JOB_RETRY_DELAYS", "")
    assert config.load(tmp_path, {})["JOB_RETRY_DELAYS"] == ()
    monkeypatch.setenv("JOB_RETRY_DELAYS", "soon")
    with pytest.raises(config.ConfigError):
        config.load(tmp_path, {})
