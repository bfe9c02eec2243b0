"""The Guichet's approval publishes a call at the date its owner planned, with its site (issue 17, item 8): the
call waits, approved, until its publication moment; a scheduled job publishes it then, the calls' sweep is the
safety net; a site still awaiting publication goes public with it."""
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from calls.jobs import sweep_calls
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.models import Site
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.jobs.models import ScheduledJob
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sites import make_site, make_unit
from tests.support.web import count

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)                # Tuesday, 10:00 in Brussels
PLANNED = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)           # the owner's planned publication: 10:00 in Brussels
FORM = {
    "title_fr": "Rez commercial rue Ransfort", "title_nl": "Handelsgelijkvloers Ransfortstraat",
    "description_fr": "Un rez-de-chaussée de 120 m².", "description_nl": "Een gelijkvloers van 120 m².",
    "uses": ["culture"], "scale": "5", "tie_rule": "highest_first_criterion", "free_use": "y",
    "criteria-0-label_fr": "Qualité du projet", "criteria-0-label_nl": "Kwaliteit van het project",
    "criteria-0-weight": "100",
    "publication_at": "2026-12-05T10:00", "questions_deadline": "2027-01-15T12:00",
    "submission_deadline": "2027-01-31T12:00", "decision_on": "2027-02-28",
    "appeal_body_fr": "le Collège communal", "appeal_body_nl": "het College", "appeal_days": "30",
}
APPROVE = {"confirm": "y"}   # the Guichet's box that says what publishing cannot undo


@pytest.fixture(autouse=True)
def _t0():
    with time_machine.travel(T0, tick=False):
        yield


@contextmanager
def at(moment, *clients):
    with time_machine.travel(moment, tick=False):
        for client in clients:
            client.login(client.user_id)
        yield


def _site(app, world, publication):
    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort", publication=publication)
        make_unit(site, "Rez")
        db.session.commit()
        return site.id


def _sent(app, world, make_client, publication=PublicationStatus.submitted):
    """FORM's call on a site (awaiting publication by default), drafted and sent by owner-a's editor."""
    site_id = _site(app, world, publication)
    editor = make_client().login(world.owner_editor)
    assert editor.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id}).status_code == 303
    with app.app_context():
        call_id = db.session.scalar(select(Call.id))
    assert editor.post(f"/o/owner-a/calls/{call_id}/submit").status_code == 303
    return editor, call_id, site_id


def _state(app, call_id, site_id):
    with app.app_context():
        call, site = db.session.get(Call, call_id), db.session.get(Site, site_id)
        return call.status.value, call.published_at, site.publication


def test_the_approved_call_goes_public_at_its_planned_moment_with_its_site(app, world, make_client, jobs):
    _editor, call_id, site_id = _sent(app, world, make_client)
    moderator = make_client().login(world.guichet_moderator)
    visitor = make_client()
    assert moderator.post(f"/guichet/calls/{call_id}/publish", APPROVE).status_code == 303
    # Approved, not public: the call and its site wait for the planned moment.
    assert _state(app, call_id, site_id) == ("approved", None, PublicationStatus.submitted)
    assert visitor.get(f"/calls/{call_id}").status_code == 404
    assert "Rez commercial" not in visitor.get("/calls").get_data(as_text=True).split("<main", 1)[1]
    page = make_client().login(world.owner_editor).get(f"/o/owner-a/calls/{call_id}").get_data(as_text=True)
    assert "Approved, to be published" in page
    assert count(app, Notification, kind="call.approved") == 2   # the owner's admin and editor
    assert count(app, Notification, kind="call.published") == 0
    with app.app_context():
        if not app.config.get("REDIS_URL"):
            job = db.session.scalar(select(ScheduledJob).where(ScheduledJob.key == f"publish-call-{call_id}"))
            assert job.run_at == PLANNED and job.args == [call_id]
    # One second before: still waiting.
    with at(PLANNED - timedelta(seconds=1)):
        jobs.run()
        assert _state(app, call_id, site_id)[0] == "approved"
    # At the planned moment: the job publishes the call and its site.
    with at(PLANNED):
        jobs.run_due(sweep_calls)
        status, published_at, site_publication = _state(app, call_id, site_id)
        assert (status, published_at, site_publication) == ("published", PLANNED, PublicationStatus.published)
        assert visitor.get(f"/calls/{call_id}").status_code == 200
    assert count(app, Notification, kind="call.published") == 2
    with app.app_context():
        if not app.config.get("REDIS_URL"):
            closing = db.session.scalar(select(ScheduledJob).where(ScheduledJob.key == f"close-call-{call_id}"))
            assert closing is not None and closing.run_at == datetime(2027, 1, 31, 11, 0, tzinfo=UTC)


def test_the_sweep_publishes_an_approved_call_whose_job_was_lost(app, world, jobs):
    site_id = _site(app, world, PublicationStatus.submitted)
    with app.app_context():
        call = make_call(db.session.get(Site, site_id), status=CallStatus.submitted,
                         publication_at=PLANNED, deadline=datetime(2027, 1, 31, 11, 0, tzinfo=UTC))
        call.status, call.approved_by_id = CallStatus("approved"), world.guichet_moderator
        db.session.commit()
        call_id = call.id
    with app.test_request_context():
        assert sweep_calls() == 0
    with at(PLANNED + timedelta(minutes=3)):
        with app.test_request_context():
            assert sweep_calls() == 1
            db.session.commit()   # each due call is then published by its own job
        jobs.run()
    assert _state(app, call_id, site_id)[:3:2] == ("published", PublicationStatus.published)


def test_a_call_approved_after_its_planned_moment_goes_public_at_once(app, world, make_client):
    site_id = _site(app, world, PublicationStatus.published)
    with app.app_context():
        call = make_call(db.session.get(Site, site_id), status=CallStatus.submitted,
                         publication_at=T0 - timedelta(hours=2))
        db.session.commit()
        call_id = call.id
    moderator = make_client().login(world.guichet_moderator)
    assert moderator.post(f"/guichet/calls/{call_id}/publish", APPROVE).status_code == 303
    assert _state(app, call_id, site_id)[:2] == ("published", T0)


def test_sending_a_call_asks_for_its_sites_publication(app, world, make_client):
    _editor, call_id, site_id = _sent(app, world, make_client, publication=PublicationStatus.draft)
    assert _state(app, call_id, site_id) == ("submitted", None, PublicationStatus.submitted)


def test_the_guichet_may_send_an_approved_call_back_before_it_is_public(app, world, make_client, jobs):
    _editor, call_id, site_id = _sent(app, world, make_client)
    moderator = make_client().login(world.guichet_moderator)
    assert moderator.post(f"/guichet/calls/{call_id}/publish", APPROVE).status_code == 303
    assert moderator.post(f"/guichet/calls/{call_id}/send-back",
                          {"reason": "La date de visite tombe un jour férié."}).status_code == 303
    with at(PLANNED + timedelta(minutes=1)):
        jobs.run()
        with app.test_request_context():
            sweep_calls()
            db.session.commit()
    assert _state(app, call_id, site_id) == ("returned", None, PublicationStatus.submitted)
