"""portal.cache.remember: a value is kept for its time by the portal's clock, and a cache that fails is passed by."""
from datetime import UTC, datetime

import time_machine

from portal import cache as kept_values
from portal.extensions import cache

NOON = datetime(2027, 3, 1, 12, tzinfo=UTC)


def test_a_value_is_kept_for_its_time_then_computed_again(app):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    with app.app_context():
        cache.delete("test:kept")
        with time_machine.travel(NOON, tick=False):
            assert kept_values.remember("test:kept", 60, compute) == (1, NOON)
            assert kept_values.remember("test:kept", 60, compute) == (1, NOON)
        with time_machine.travel(datetime(2027, 3, 1, 12, 1, tzinfo=UTC), tick=False):
            assert kept_values.remember("test:kept", 60, compute)[0] == 2
        assert kept_values.remember("test:nothing", 0, compute)[0] == 3   # 0: computed every time
        assert kept_values.remember("test:nothing", 0, compute)[0] == 4


def test_a_cache_that_fails_is_passed_by(app, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is away")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    with app.app_context():
        assert kept_values.remember("test:broken", 60, lambda: "computed")[0] == "computed"
