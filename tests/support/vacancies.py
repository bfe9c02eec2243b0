"""Vacancy signals for tests: one in the state a test needs, with or without a photo."""
from __future__ import annotations

import io
from datetime import timedelta

from occupancies.vacancies import rules
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.operations import AREA
from occupancies.vacancies.workflow import OwnerType, PlaceKind, SignalStatus
from portal import clock, uploads
from portal.accounts.rules import hash_token
from portal.extensions import db
from tests.support.sites import jpeg_bytes


def make_signal(commune: str = "ixelles", *, status=SignalStatus.pending, street="Rue du Vide", number="12",
                postcode="1050", owner_type=OwnerType.private, owner_name="", reporter=None, token=None,
                photo=False, **fields) -> VacancySignal:
    signal = VacancySignal(
        status=status, street=street, number=number, postcode=postcode, commune=commune,
        address_key=rules.address_key(street, number, postcode), latitude=50.83, longitude=4.37,
        kind=fields.pop("kind", PlaceKind.dwelling), owner_type=owner_type, owner_name=owner_name,
        reporter_organisation_id=reporter.id if reporter is not None else None,
        reporter_email=fields.pop("reporter_email", "reporter.public@example.org"),
        token_hash=hash_token(token) if token else None,
        confirm_by=clock.now() + timedelta(hours=24) if token else None,
        photo_file=uploads.store_image(io.BytesIO(jpeg_bytes()), AREA)[0] if photo else None, **fields)
    db.session.add(signal)
    db.session.flush()
    return signal
