"""The schema of calls and applications holds its own rules (the operations come next)."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from calls.applications.models import Application
from calls.applications.rules import content_digest
from calls.models import Call, Criterion
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_site

UTC = UTC


def make_call(owner, site, **changes):
    values = dict(site_id=site.id, organisation_id=owner.id, title_fr="Appel", title_nl="Oproep",
                  publication_at=datetime(2026, 12, 1, tzinfo=UTC),
                  questions_deadline=datetime(2027, 1, 10, tzinfo=UTC),
                  submission_deadline=datetime(2027, 1, 31, 11, tzinfo=UTC), decision_on=date(2027, 2, 28))
    values.update(changes)
    call = Call(**values)
    call.criteria = [Criterion(label_fr="Projet", label_nl="Project", weight=60, position=0),
                     Criterion(label_fr="Quartier", label_nl="Buurt", weight=40, position=1)]
    db.session.add(call)
    db.session.flush()
    return call


def test_a_call_and_one_application_per_occupant(app, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        call = make_call(owner, make_site(owner, "Site"))
        application = Application(call_id=call.id, organisation_id=world.occupant, summary="Projet")
        db.session.add(application)
        db.session.commit()
        assert [c.weight for c in call.criteria] == [60, 40] and call.title == "Appel"
        assert len(content_digest(application.content())) == 64
        db.session.add(Application(call_id=call.id, organisation_id=world.occupant))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


@pytest.mark.parametrize("changes", [
    {"scale": 7},
    {"questions_deadline": datetime(2027, 2, 1, tzinfo=UTC)},  # after the submission deadline
])
def test_the_database_refuses_an_impossible_call(app, world, changes):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        with pytest.raises(IntegrityError):
            make_call(owner, make_site(owner, "Site"), **changes)
        db.session.rollback()
