"""Every absolute link the portal gives comes from BASE_URL, never from the request's Host header: a feed, a
calendar, the open data or a page requested with `Host: evil.example` points to the portal and to nowhere else
(a reader's feed or a cache would otherwise keep links to the attacker's site)."""
from __future__ import annotations

import pytest
from icalendar import Calendar

from occupancies.sharing.workflow import Audience
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sharing import make_session
from tests.support.sites import make_site, make_unit

EVIL = {"Host": "evil.example"}


@pytest.fixture
def public_things(app, world):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         publication=PublicationStatus.published)
        make_unit(site, "Préau")
        call = make_call(site, title="Appel du préau")
        session = make_session(world.guichet, audience=Audience.public)
        db.session.commit()
        return {"site": site.id, "call": call.id, "session": session.id}


@pytest.mark.parametrize("path", ["/calls.atom", "/calls.ics", "/sessions.ics", "/sessions/{session}.ics",
                                  "/open-data/catalog.jsonld", "/open-data/sites.csv", "/open-data/sites.geojson",
                                  "/api/v1/sites", "/api/v1/sites/{site}", "/api/v1/openapi.json"])
def test_no_link_follows_the_host_header(client, public_things, path):
    response = client.get(path.format(**public_things), headers=EVIL)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "evil.example" not in body
    assert "http://portal.test/" in body


def test_the_atom_feed_links_and_ids_are_at_the_public_address(client, public_things):
    body = client.get("/calls.atom", headers=EVIL).get_data(as_text=True)
    assert '<link rel="self" href="http://portal.test/calls.atom"/>' in body
    assert f"<id>http://portal.test/calls/{public_things['call']}</id>" in body


def test_calendar_uids_name_the_portal_and_stay_the_same_whatever_the_host(client, public_things):
    def uids(path):
        return {str(e["uid"]) for e in Calendar.from_ical(client.get(path, headers=EVIL).get_data()).walk("VEVENT")}

    call, session = public_things["call"], public_things["session"]
    assert f"call-{call}-deadline@portal.test" in uids("/calls.ics")
    assert uids("/sessions.ics") == uids(f"/sessions/{session}.ics") == {f"session-{session}@portal.test"}
    assert uids("/calls.ics") == {str(e["uid"]) for e in Calendar.from_ical(
        client.get("/calls.ics").get_data()).walk("VEVENT")}


def test_the_personal_calendar_link_is_at_the_public_address(client, world, public_things):
    client.login(world.occupant_admin)  # the test client's session cookie is for its own host, "localhost"
    page = client.get("/sessions/").get_data(as_text=True)
    assert "http://portal.test/sessions.ics?key=" in page and "http://localhost" not in page
