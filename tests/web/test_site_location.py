"""A site's pin is shown on a map on its owner's, the Guichet's and the public pages, and a pin outside the declared
commune or far from the other sites of its address is pointed out to the owner when saving and to the Guichet when
reviewing (issue 17, item 3)."""
from __future__ import annotations

import re

from sqlalchemy import select

from occupancies.models import Site
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_site, make_unit

MOLENBEEK_ADDRESS = {
    "name": "Ancienne école Ransfort", "address": "Rue Ransfort 27", "postcode": "1080",
    "commune": "molenbeek-saint-jean", "kind": "built", "description_fr": "École.", "description_nl": "School.",
}
GRAND_PLACE = {"latitude": "50.8467", "longitude": "4.3525"}   # a click in central Brussels
RANSFORT = {"latitude": "50.8539", "longitude": "4.3360"}      # where the school is


def warnings(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", w)).strip()
            for w in re.findall(r'<div class="alert alert-warning[^"]*location-warning"[^>]*>(.*?)</div>\s*</div>',
                                html, re.S)]


def the_map(html: str) -> dict:
    match = re.search(r'<div id="site-location-map"([^>]*)>', html)
    assert match, "no map of the site's location"
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', match.group(1)))


def test_a_pin_outside_the_declared_commune_is_pointed_out_when_saving_and_reviewing(app, make_client, world):
    editor = make_client().login(world.owner_editor)
    response = editor.post("/o/owner-a/sites/new", {**MOLENBEEK_ADDRESS, **GRAND_PLACE})
    assert response.status_code == 303  # a warning, not a refusal: the owner may know better
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    expected = "The point on the map lies in Bruxelles, not in Molenbeek-Saint-Jean: check the pin and the commune."
    assert page.count(expected) == 2, "said once when saved (flash) and once beside the map"
    assert warnings(page) == [expected]
    assert (the_map(page)["lat"], the_map(page)["lng"], the_map(page)["commune"]) == (
        "50.846700", "4.352500", "molenbeek-saint-jean")
    assert "50.846700, 4.352500" in page  # the coordinates in words, beside the map
    with app.app_context():
        site = db.session.scalar(select(Site).where(Site.name == MOLENBEEK_ADDRESS["name"]))
        make_unit(site, "Classe")
        site.publication = PublicationStatus.submitted
        db.session.commit()
        site_id = site.id
    moderator = make_client().login(world.guichet_moderator)
    review = moderator.get(f"/guichet/sites/{site_id}").get_data(as_text=True)
    assert warnings(review) == [expected]
    assert the_map(review)["lat"] == "50.846700"
    # Moved to where the school is, the warning is gone.
    assert editor.post(f"/o/owner-a/sites/{site_id}/edit", {**MOLENBEEK_ADDRESS, **RANSFORT}).status_code == 303
    page = editor.get(f"/o/owner-a/sites/{site_id}").get_data(as_text=True)
    assert warnings(page) == [] and "The point lies in the declared commune" in page


def test_a_pin_far_from_the_other_sites_of_its_address_is_pointed_out(app, make_client, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        other_owner = db.session.get(Organisation, world.other_owner)
        fields = {"commune": "molenbeek-saint-jean"}
        first = make_site(owner, "Aile A", latitude=50.8539, longitude=4.3360, **fields)
        near = make_site(other_owner, "Aile B", latitude=50.8542, longitude=4.3362, **fields)  # 35 m
        far = make_site(owner, "Aile C", latitude=50.8580, longitude=4.3360, **fields)         # 450 m
        elsewhere = make_site(owner, "Autre rue", latitude=50.8600, longitude=4.3400, **fields)
        for site in (first, near, far):
            site.address, site.postcode = "Rue Ransfort 27", "1080"
        far.address = "rue ransfort, 27"  # the same address, typed otherwise
        elsewhere.address, elsewhere.postcode = "Rue Ransfort 29", "1080"
        for site in (first, near, far, elsewhere):
            make_unit(site, "Unité")
        far.publication = PublicationStatus.submitted
        db.session.commit()
        ids = {"first": first.id, "far": far.id, "elsewhere": elsewhere.id}
    editor = make_client().login(world.owner_editor)
    page = editor.get(f"/o/owner-a/sites/{ids['first']}").get_data(as_text=True)
    [warning] = warnings(page)
    assert re.fullmatch(r"1 other site registered at the same address is 4\d\d m from this point: check the pin\.",
                        warning), warning
    far_page = editor.get(f"/o/owner-a/sites/{ids['far']}").get_data(as_text=True)
    assert re.fullmatch(r"2 other sites registered at the same address are up to 4\d\d m from this point: check the "
                        r"pin\.", warnings(far_page)[0])
    assert warnings(editor.get(f"/o/owner-a/sites/{ids['elsewhere']}").get_data(as_text=True)) == []
    review = make_client().login(world.guichet_moderator).get(f"/guichet/sites/{ids['far']}").get_data(as_text=True)
    assert f'href="/guichet/sites/{ids["first"]}">Aile A</a>' in review  # the Guichet sees which sites


def test_the_public_site_page_shows_the_pin_without_the_owners_warnings(app, client, world):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published,
                         commune="molenbeek-saint-jean", latitude=50.8467, longitude=4.3525)
        make_unit(site, "Classe")
        db.session.commit()
        site_id = site.id
    page = client.get(f"/sites/{site_id}").get_data(as_text=True)
    assert the_map(page)["lat"] == "50.846700" and "js/site-location.js" in page
    assert warnings(page) == [] and "check the pin" not in page
