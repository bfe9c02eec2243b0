"""The public list offers what a visitor means by "vacant": sites available now, or on a date, each with its
availability window; a site whose window has ended is never offered as available (issue 17, item 11)."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_occupancy, make_site, make_unit

P = PublicationStatus
TODAY = datetime(2026, 12, 2, 10, tzinfo=UTC)
NAMES = ("Ancien dépôt", "Caserne ouverte", "École à venir", "Maison occupée")


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def sites(app, world, frozen):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        occupant = db.session.get(Organisation, world.occupant)
        ended = make_site(owner, "Ancien dépôt", publication=P.published, available_from=date(2019, 1, 1),
                          available_until=date(2021, 12, 31))  # empty, but no longer offered: not available
        make_unit(ended, "Hangar")
        open_now = make_site(owner, "Caserne ouverte", publication=P.published, available_from=date(2026, 1, 1),
                             available_until=date(2028, 12, 31))
        make_unit(open_now, "Aile nord")
        later = make_site(owner, "École à venir", publication=P.published, available_from=date(2027, 6, 1))
        make_unit(later, "Classe")
        full = make_site(owner, "Maison occupée", publication=P.published)  # no window: open, but occupied
        make_occupancy(full, [make_unit(full, "Maison")], occupant, date(2026, 1, 1), date(2027, 3, 31))
        db.session.commit()
        return {"ended": ended.id, "open": open_now.id, "later": later.id, "full": full.id}


def listed(client, query: str = "") -> set[str]:
    page = client.get(f"/sites?{query}").get_data(as_text=True)
    return {name for name in NAMES if f">{name}</a>" in page}


def mapped(client, query: str = "") -> set[str]:
    return {f["properties"]["name"] for f in client.get(f"/sites/map.geojson?{query}").json["features"]}


def test_the_list_offers_the_sites_available_now_by_default(client, sites):
    page = client.get("/sites").get_data(as_text=True)
    assert listed(client) == {"Caserne ouverte"}
    assert re.search(r'<option value="now" selected[^>]*>Available now</option>', page), "the default is not said"
    assert re.search(r'<option value="date"[^>]*>Available on a date</option>', page)
    # The map shows the same set as the list beside it.
    assert mapped(client, re.search(r'data-geojson="/sites/map\.geojson\?([^"]*)"', page).group(1)
                  .replace("&amp;", "&")) == {"Caserne ouverte"}


def test_a_site_whose_window_has_ended_is_never_offered_as_available(client, sites):
    # The old "Vacant" link (no occupant on the day) now means what the visitor meant: available.
    assert "Ancien dépôt" not in listed(client, "status=vacant")
    assert "Ancien dépôt" not in listed(client, "availability=now")
    assert "Ancien dépôt" not in listed(client, "availability=date&available_on=2027-07-01")
    assert "Ancien dépôt" in listed(client, "availability=all")  # still on the register, for the history


def test_available_on_a_date(client, sites):
    assert listed(client, "availability=date&available_on=2027-07-01") == {
        "Caserne ouverte", "École à venir", "Maison occupée"}  # the house is free again after March 2027
    assert listed(client, "availability=date&available_on=2029-01-15") == {"École à venir", "Maison occupée"}
    assert mapped(client, "availability=date&available_on=2029-01-15") == {"École à venir", "Maison occupée"}
    assert listed(client, "availability=all") == set(NAMES)


def test_each_result_shows_its_availability_window(client, sites):
    page = client.get("/sites?availability=all").get_data(as_text=True)
    items = dict(re.findall(r'<li class="[^"]*site-result[^"]*">.*?>([^<>]+)</a>.*?'
                            r'<p class="[^"]*availability[^"]*"[^>]*>(.*?)</p>', page, re.S))
    windows = {name: re.sub(r"<[^>]+>|\s+", " ", text).split() for name, text in items.items()}
    assert set(windows) == set(NAMES)
    assert " ".join(windows["Caserne ouverte"]) == "Available from Jan 1, 2026 to Dec 31, 2028"
    assert " ".join(windows["Ancien dépôt"]) == "Availability ended on Dec 31, 2021"
    assert " ".join(windows["École à venir"]) == "Available from Jun 1, 2027, end not known"
    assert " ".join(windows["Maison occupée"]) == "Availability not stated"
    table = client.get("/sites?availability=all&view=table").get_data(as_text=True)
    assert "Availability ended on Dec 31, 2021" in table and "Available from Jan 1, 2026 to Dec 31, 2028" in table


def test_open_data_keeps_every_published_site_unless_asked(client, sites):
    assert client.get("/api/v1/sites").json["total"] == 4
    assert [s["name"] for s in client.get("/api/v1/sites?availability=now").json["sites"]] == ["Caserne ouverte"]
