"""portal.cache.remember: a value is kept for its time by the portal's clock, and a cache that fails is passed by."""
from datetime import UTC, datetime

import time_machine

from portal import cache as kept_values
from portal.extensions import cache, db

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


def test_what_is_kept_until_the_next_operation_is_computed_again_after_one(app, world, monkeypatch):
    from portal.audit.operations import record
    from portal.organisations.models import Organisation

    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 60)
    computed = []

    def compute():
        computed.append(1)
        return None if len(computed) == 1 else len(computed)   # None is kept as a value too

    with app.test_request_context():
        cache.clear()
        assert kept_values.until_next_operation("test:answer", compute) is None
        assert kept_values.until_next_operation("test:answer", compute) is None
        assert len(computed) == 1
        organisation = db.session.get(Organisation, world.owner)
        record("organisation.updated", target=organisation, organisation=organisation)
        db.session.commit()
        assert kept_values.until_next_operation("test:answer", compute) == 2
        monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 0)
        assert kept_values.until_next_operation("test:answer", compute) == 3    # 0: never kept
