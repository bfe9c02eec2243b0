"""Test data of sharing sessions: a session written as a row (the operations are what the tests look at)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from occupancies.sharing.models import SharingSession
from occupancies.sharing.workflow import Audience, PlaceKind, Theme
from portal.extensions import db
from portal.organisations.models import Organisation

START = datetime(2027, 6, 15, 12, 0, tzinfo=timezone.utc)   # 14:00 in Brussels (summer time)


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
