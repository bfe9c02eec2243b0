"""The demo's sharing sessions: a past one with its minutes and resources, an upcoming one full with a waiting
list, one of a signatory owner for signatories; facilitators and a toolbox; loading twice changes nothing."""
from sqlalchemy import func, select

from occupancies.sharing.models import Facilitator, Registration, Resource, SharingSession
from occupancies.sharing.workflow import Audience, RegistrationStatus, ResourceKind
from portal import clock
from portal.extensions import db


def test_the_demo_has_a_past_session_with_minutes_and_a_full_one_with_a_waiting_list(app_context):
    from portal.demo import load

    load()
    now = clock.now()
    sessions = db.session.scalars(select(SharingSession).order_by(SharingSession.starts_at)).all()
    past = [s for s in sessions if clock.as_utc(s.ends_at) < now]
    assert len(past) == 1 and past[0].minutes_published_at and past[0].minutes_nl and past[0].site is not None
    kinds = {r.kind for r in db.session.scalars(select(Resource).where(Resource.session_id == past[0].id))}
    assert kinds == {ResourceKind.minutes, ResourceKind.link, ResourceKind.file}
    full = next(s for s in sessions if s.capacity == 4)
    statuses = [r.status for r in db.session.scalars(select(Registration).where(Registration.session_id == full.id))]
    assert statuses.count(RegistrationStatus.registered) == 4 and statuses.count(RegistrationStatus.waiting) == 2
    signatories = next(s for s in sessions if s.audience == Audience.signatories)
    assert signatories.organiser.slug == "comensia" and clock.as_utc(signatories.starts_at) > now
    assert db.session.scalar(select(func.count(Facilitator.id))) == 3
    assert db.session.scalar(select(func.count(Resource.id)).where(Resource.session_id.is_(None))) == 2
    load()
    assert db.session.scalar(select(func.count(SharingSession.id))) == 3
    assert db.session.scalar(select(func.count(Registration.id))) == 7 + 6 + 2
