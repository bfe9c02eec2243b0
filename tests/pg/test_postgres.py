"""What only PostgreSQL can show: transactions that really interleave."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from portal.audit.models import AuditEvent
from portal.database import is_conflict
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.environment import ON_POSTGRES
from tests.support.web import count

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


def test_two_concurrent_overlapping_occupancies_end_with_exactly_one(app, make_client, world, monkeypatch):
    """Both requests pass the domain check at the same moment; the exclusion constraint lets one win,
    and the other gets the same clear message as a sequential clash, not a 500."""
    import occupancies.operations as ops
    from occupancies.models import Occupancy, OccupancyUnit
    from portal.organisations.models import Organisation
    from tests.support.sites import make_site, make_unit
    from tests.support.web import field_error

    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "Contested")
        unit = make_unit(site, "Only unit")
        db.session.commit()
        site_id, unit_id = site.id, unit.id

    barrier = threading.Barrier(2, timeout=10)
    original = ops.flush_bookings

    def flush_together():
        barrier.wait()  # both have checked and found the unit free
        original()

    monkeypatch.setattr(ops, "flush_bookings", flush_together)
    clients = [make_client().login(world.owner_editor) for _ in range(2)]
    tokens = [c.csrf() for c in clients]
    results = []

    def post(client, token, name, start):
        response = client.post(f"/o/owner-a/sites/{site_id}/occupancies/new", {
            "csrf_token": token, "unit_ids": [str(unit_id)], "external_occupant": name, "start_date": start,
            "use_category": "culture", "occupant_type": "association"})
        results.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=post, args=(clients[0], tokens[0], "First", "2026-01-01")),
               threading.Thread(target=post, args=(clients[1], tokens[1], "Second", "2026-06-01"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    statuses = sorted(status for status, _ in results)
    assert statuses == [303, 422]
    loser = next(body for status, body in results if status == 422)
    assert "just given to another occupancy" in field_error(loser, "unit_ids")
    assert count(app, Occupancy) == 1 and count(app, OccupancyUnit) == 1


def test_the_database_refuses_overlapping_bookings_by_itself(app, world):
    from datetime import date

    from sqlalchemy.exc import IntegrityError

    from occupancies.models import Occupancy, OccupancyUnit
    from occupancies.workflow import OccupantType, UseCategory
    from portal.organisations.models import Organisation
    from tests.support.sites import make_site, make_unit

    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "Raw")
        unit = make_unit(site, "U")
        for start, end in ((date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 3, 31), None)):
            occupancy = Occupancy(site=site, external_occupant="X", start_date=start, end_date=end,
                                  use_category=UseCategory.culture, occupant_type=OccupantType.association)
            occupancy.bookings = [OccupancyUnit(unit_id=unit.id, start_date=start, end_date=end)]
            db.session.add(occupancy)
        with pytest.raises(IntegrityError, match="no_overlapping_occupancies"):
            db.session.commit()
        db.session.rollback()


def test_fifty_concurrent_registrations_for_twenty_places(app, world):
    """Check-then-insert would overbook: the session's row is locked (FOR UPDATE) before counting, so 50 members
    registering at the same moment end with exactly 20 places given and 30 waiting; then one cancellation
    promotes exactly one, the first who waited."""
    import time_machine

    from occupancies.sharing.models import Registration, SharingSession
    from occupancies.sharing.operations import cancel_registration
    from occupancies.sharing.workflow import RegistrationStatus
    from portal.accounts.models import User
    from tests.support.sharing import START, fire_registrations

    with time_machine.travel(START - timedelta(days=7), tick=True):
        session_id, counted = fire_registrations(app, world, people=50, places=20)
        assert counted == {RegistrationStatus.registered: 20, RegistrationStatus.waiting: 30}
        with app.test_request_context():
            queue = db.session.scalars(select(Registration).where(
                Registration.session_id == session_id, Registration.status == RegistrationStatus.waiting)
                .order_by(Registration.queued_at, Registration.id)).all()
            first_waiting = queue[0].id
            leaving = db.session.scalar(select(Registration).where(
                Registration.session_id == session_id, Registration.status == RegistrationStatus.registered))
            promoted = cancel_registration(leaving, actor=db.session.get(User, leaving.user_id))
            db.session.commit()
            assert [r.id for r in promoted] == [first_waiting]
            statuses = [r.status for r in db.session.scalars(select(Registration).where(
                Registration.session_id == session_id))]
            assert statuses.count(RegistrationStatus.registered) == 20
            assert statuses.count(RegistrationStatus.waiting) == 29
            assert db.session.get(SharingSession, session_id).capacity == 20
