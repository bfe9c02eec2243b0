"""Test data of sharing sessions: a session written as a row (the operations are what the tests look at)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from occupancies.sharing.models import SharingSession
from occupancies.sharing.workflow import Audience, PlaceKind, Theme
from portal.extensions import db
from portal.organisations.models import Organisation

START = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)   # 14:00 in Brussels (summer time)


def make_session(organiser_id: int, *, title="Partager nos pratiques", capacity=20, audience=Audience.partners,
                 start=START, deadline=None, per_organisation=3, **fields) -> SharingSession:
    organiser = db.session.get(Organisation, organiser_id)
    session = SharingSession(
        organisation_id=organiser.id, organiser=organiser, title_fr=title, title_nl=f"{title} (nl)",
        agenda_fr="14:00 Accueil", agenda_nl="14:00 Onthaal", theme=fields.pop("theme", Theme.governance),
        starts_at=start, ends_at=start + timedelta(hours=2), place_kind=fields.pop("place_kind", PlaceKind.address),
        address=fields.pop("address", "Rue de Namur 59, 1000 Bruxelles"), capacity=capacity,
        places_per_organisation=per_organisation, audience=audience, registration_deadline=deadline, **fields)
    db.session.add(session)
    db.session.flush()
    return session


def fire_registrations(app, world, *, people: int = 50, places: int = 20) -> tuple[int, dict]:
    """`people` members of one organisation register at the same moment (one thread and transaction each) for a
    session of `places` places; returns the session's id and the count of registrations by status."""
    import threading

    from sqlalchemy import func, select

    from occupancies.sharing.models import Registration
    from occupancies.sharing.operations import register_for_session
    from portal.accounts.models import User
    from portal.roles import Role
    from tests.support.factories import make_member

    with app.test_request_context():
        occupant = db.session.get(Organisation, world.occupant)
        session = make_session(world.guichet, capacity=places, per_organisation=people, start=START)
        user_ids = [make_member(occupant, Role.editor).id for _ in range(people)]
        db.session.commit()
        session_id = session.id
    barrier = threading.Barrier(people, timeout=60)
    errors = []

    def register(user_id):
        barrier.wait()                   # all start together, as requests would (each a transaction of its own)
        with app.test_request_context():
            try:
                user = db.session.get(User, user_id)
                target = db.session.get(SharingSession, session_id)
                organisation = db.session.get(Organisation, world.occupant)
                register_for_session(target, organisation, [user], actor=user)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported by the test
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=register, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors[:3]
    with app.app_context():
        counted = dict(db.session.execute(select(Registration.status, func.count(Registration.id))
                                          .where(Registration.session_id == session_id)
                                          .group_by(Registration.status)).all())
    return session_id, counted
