"""What only PostgreSQL can show: transactions that really interleave."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text, update

from portal.audit.models import AuditEvent
from portal.database import is_conflict
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.conftest import ON_POSTGRES
from tests.helpers import count

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL: run with DATABASE_URL (as .ci/run does)")


def test_a_change_made_meanwhile_by_someone_else_is_a_conflict(app, client, world, monkeypatch):
    """Optimistic locking: the row moved on between reading and writing (another request won)."""
    import portal.organisations.operations as ops

    original = ops.approve_organisation

    def approve_after_someone_else(organisation, *, actor):
        with db.engine.begin() as other:  # another transaction changes the row first
            other.execute(update(Organisation).where(Organisation.id == organisation.id)
                          .values(version=Organisation.version + 1, status_reason="changed meanwhile"))
        original(organisation, actor=actor)

    monkeypatch.setattr(ops, "approve_organisation", approve_after_someone_else)
    client.login(world.guichet_moderator)
    assert client.post(f"/guichet/organisations/{world.pending}/approve").status_code == 409
    assert count(app, AuditEvent, action="organisation.approved") == 0  # nothing half-saved



def test_a_deadlock_is_recognised_as_a_conflict(app, world):
    """Two transactions lock two rows in opposite orders: PostgreSQL kills one, which we call a conflict."""
    errors = []
    barrier = threading.Barrier(2, timeout=10)

    def work(first, second):
        with app.app_context():
            try:
                with db.engine.begin() as connection:
                    connection.execute(text("SET LOCAL lock_timeout = '5s'"))
                    connection.execute(update(Organisation).where(Organisation.id == first).values(website="x"))
                    barrier.wait()
                    connection.execute(update(Organisation).where(Organisation.id == second).values(website="y"))
            except Exception as error:  # noqa: BLE001 - the deadlock is what we look for
                errors.append(error)

    threads = [threading.Thread(target=work, args=(world.owner, world.occupant)),
               threading.Thread(target=work, args=(world.occupant, world.owner))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(errors) == 1
    assert is_conflict(errors[0])
