"""Protected locations (issue 21, a first step): a site its owner marks as protected (a shelter, emergency or transit
housing) shows the public its commune and a point about 500 m away, the same on every request, and never its street
address: its public page and map, the list's map, the CSV, the GeoJSON, the API, a call's public page, a sharing
session held there; its owner's members, its occupants and the Guichet see it exactly."""
import csv
import io
import re

import pytest

from calls.workflow import CallStatus
from occupancies.models import Site
from occupancies.rules import distance_m
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sites import make_occupancy, make_site, make_unit

ADDRESS = "Rue du Refuge 12"
TRUE = (50.8539, 4.3360)


@pytest.fixture
def shelter(app, world):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "Abri de nuit", commune="molenbeek-saint-jean",
                         latitude=TRUE[0], longitude=TRUE[1], publication=PublicationStatus.published,
                         protected=True)
        site.address = ADDRESS
        unit = make_unit(site, "Dortoir")
        make_occupancy(site, [unit], db.session.get(Organisation, world.occupant))
        call = make_call(site, status=CallStatus.published, title="Appel abri")
        db.session.commit()
        return {"site": site.id, "call": call.id}


def _far(point) -> bool:
    return distance_m(*TRUE, *point) >= 300


def _page_point(html: str) -> tuple[float, float]:
    found = re.search(r'data-lat="([-\d.]+)" data-lng="([-\d.]+)"', html)
    return float(found.group(1)), float(found.group(2))


def test_no_public_output_carries_the_address_or_a_point_near_the_true_one(client, shelter):
    site_id = shelter["site"]
    page = client.get(f"/sites/{site_id}").get_data(as_text=True)
    assert ADDRESS not in page and "Molenbeek" in page and 'id="protected-place"' in page
    point = _page_point(page)
    assert _far(point) and point == _page_point(client.get(f"/sites/{site_id}").get_data(as_text=True))
    [feature] = [f for f in client.get("/sites/map.geojson?availability=all").get_json()["features"]
                 if f["properties"]["id"] == site_id]
    longitude, latitude = feature["geometry"]["coordinates"]
    assert (latitude, longitude) == point
    rows = list(csv.DictReader(io.StringIO(client.get("/open-data/sites.csv").get_data(as_text=True).lstrip("\ufeff"))))
    [row] = [r for r in rows if r["id"] == str(site_id)]
    assert row["address"] == "" and (float(row["latitude"]), float(row["longitude"])) == point
    assert row["location_protected"] == "true"
    geojson = client.get("/open-data/sites.geojson").get_data(as_text=True)
    assert ADDRESS not in geojson
    api = client.get(f"/api/v1/sites/{site_id}").get_json()["site"]
    assert api["address"] is None and api["protected"] is True
    assert (api["location"]["latitude"], api["location"]["longitude"]) == point
    assert ADDRESS not in client.get(f"/calls/{shelter['call']}").get_data(as_text=True)


def test_its_parties_and_the_guichet_see_it_exactly(make_client, world, shelter):
    site_id = shelter["site"]
    for user, path in ((world.owner_admin, f"/o/owner-a/sites/{site_id}"), (world.guichet_admin, f"/sites/{site_id}"),
                       (world.occupant_admin, f"/sites/{site_id}")):
        page = make_client().login(user).get(path).get_data(as_text=True)
        assert ADDRESS in page and _page_point(page) == TRUE, user
    other = make_client().login(world.other_occupant_admin).get(f"/sites/{site_id}").get_data(as_text=True)
    assert ADDRESS not in other and _far(_page_point(other))


def test_the_owner_marks_a_site_protected_in_its_form(app, make_client, world):
    with app.test_request_context():
        site_id = make_site(db.session.get(Organisation, world.owner), "École").id
        db.session.commit()
    owner = make_client().login(world.owner_editor)
    form = owner.get(f"/o/owner-a/sites/{site_id}/edit").get_data(as_text=True)
    assert 'name="protected"' in form
    values = {name: value for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', form)
              if name not in ("csrf_token",) and not name.startswith(("has_", "step_", "public_", "heritage"))}
    values.update(description_fr="Description", description_nl="Beschrijving", kind="built",
                  commune="ixelles", protected="y")
    assert owner.post(f"/o/owner-a/sites/{site_id}/edit", values).status_code == 303
    with app.app_context():
        assert db.session.get(Site, site_id).protected is True


def test_a_session_held_there_names_its_commune_only_in_its_page_and_its_calendar(app, client, world, shelter):
    from occupancies.sharing.workflow import Audience, PlaceKind
    from tests.support.sharing import make_session

    with app.app_context():
        session_id = make_session(world.guichet, audience=Audience.public, place_kind=PlaceKind.site,
                                  site_id=shelter["site"], address="").id
        db.session.commit()
    page = client.get(f"/sessions/{session_id}").get_data(as_text=True)
    assert "Abri de nuit" in page and ADDRESS not in page and "Molenbeek" in page
    calendar = client.get("/sessions.ics").get_data(as_text=True)
    assert "LOCATION:Abri de nuit\\, Molenbeek-Saint-Jean" in calendar and ADDRESS not in calendar


def test_the_guichet_marks_a_site_protected_and_lifts_it(app, client, make_client, world):
    from sqlalchemy import select

    from portal.audit.models import AuditEvent

    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "Maison", publication=PublicationStatus.published)
        site.address, site_id = ADDRESS, site.id
        db.session.commit()
    guichet = make_client().login(world.guichet_moderator)
    assert guichet.post(f"/guichet/sites/{site_id}/protection").status_code == 303
    assert ADDRESS not in client.get(f"/sites/{site_id}").get_data(as_text=True)
    assert make_client().login(world.owner_admin).post(f"/guichet/sites/{site_id}/protection").status_code == 404
    assert guichet.post(f"/guichet/sites/{site_id}/protection").status_code == 303
    assert ADDRESS in client.get(f"/sites/{site_id}").get_data(as_text=True)
    with app.app_context():
        assert [e.changes for e in db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "site.protection_changed").order_by(AuditEvent.id))] == \
            [{"protected": [False, True]}, {"protected": [True, False]}]


# Every page and file the public reads, walked from the app's routes: those with an id take the shelter's (its
# site, its call, a public session held there, its occupancy); those that need a secret token or another object
# are read elsewhere (their tests), and named here so that a new public route is not forgotten.
NOT_WALKED = {"application_files.attachment", "registration.accept_invitation", "accounts.reset_password",
              "registration.confirm", "vacancy_reports.confirm", "public_sites.photo", "sessions.resource",
              "public_needs.need", "public_needs.figure_file", "dgp.deadlines", "public.healthz"}
PRIVATE_PREFIXES = ("/o/", "/guichet", "/account", "/inbox", "/searches", "/static")
WITH_FILTERS = ("/sites?commune=molenbeek-saint-jean", "/sites?q=Abri", "/sites.atom?commune=molenbeek-saint-jean",
                "/sites/map.geojson?availability=all", "/open-data/sites.csv?commune=molenbeek-saint-jean",
                "/open-data/sites.geojson?availability=all", "/api/v1/sites?commune=molenbeek-saint-jean&per_page=100",
                "/calls?commune=molenbeek-saint-jean", "/calls.atom", "/sessions.ics", "/initiatives")
PAIR = re.compile(r"(5\d\.\d{3,})[^\d]{1,60}?(4\.\d{3,})|(4\.\d{3,})[^\d]{1,60}?(5\d\.\d{3,})")


def _public_urls(app, ids: dict) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_WALKED or rule.rule.startswith(PRIVATE_PREFIXES):
            continue
        if set(rule.arguments) - set(ids):
            raise AssertionError(f"a public route this walk does not know: {rule.rule} ({rule.endpoint})")
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:\w+:)?{name}>", str(ids[name]), path)
        urls.append(path)
    return sorted(urls) + list(WITH_FILTERS)


def _points(text: str) -> list[tuple[float, float]]:
    points = []
    for match in PAIR.finditer(text):
        latitude, longitude = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        points.append((float(latitude), float(longitude)))
    return points


def test_every_public_output_walked_carries_neither_the_address_nor_a_point_near_it(app, make_client, world,
                                                                                    shelter):
    from occupancies.models import Occupancy
    from occupancies.sharing.workflow import Audience, PlaceKind
    from tests.support.sharing import make_session

    with app.app_context():
        session_id = make_session(world.guichet, audience=Audience.public, place_kind=PlaceKind.site,
                                  site_id=shelter["site"], address="").id
        occupancy_id = db.session.scalar(db.select(Occupancy.id).where(Occupancy.site_id == shelter["site"]))
        db.session.commit()
    ids = {"site_id": shelter["site"], "call_id": shelter["call"], "session_id": session_id,
           "occupancy_id": occupancy_id}
    readers = {"anonymous": make_client(), "another association": make_client().login(world.other_occupant_admin)}
    walked, located = 0, 0
    for reader, client in readers.items():
        for url in _public_urls(app, ids):
            response = client.get(url)
            assert response.status_code < 500, (reader, url)
            text = response.get_data(as_text=True)
            assert ADDRESS not in text and "Refuge" not in text, (reader, url)
            assert "50.8539" not in text and "4.336," not in text, (reader, url)
            for point in _points(text):
                assert _far(point), (reader, url, point)
                located += 1
            walked += 1
    assert walked >= 2 * 50 and located >= 8       # the pages and files that place sites were read
