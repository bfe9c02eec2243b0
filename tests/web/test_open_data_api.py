"""The open-data API as a client program meets it: every error a problem document (RFC 9457), every value outside
what the OpenAPI document says refused with 400 and named, and every address at the public one (BASE_URL)."""
from __future__ import annotations

import pytest

from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_site, make_unit

TOO_LARGE = "99999999999999999999"
EVIL = {"Host": "evil.example"}


@pytest.fixture
def three_sites(app, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        for name in ("Alpha", "Beta", "Gamma"):
            make_unit(make_site(owner, name, publication=PublicationStatus.published), "Hall")
        db.session.commit()


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.get_json(force=True)
    assert (body["type"], body["status"]) == ("about:blank", status) and body["title"]
    return body


@pytest.mark.parametrize("query, refused", [
    ("page=" + TOO_LARGE, "page"),
    ("page=0", "page"),
    ("page=abc", "page"),
    ("per_page=101", "per_page"),
    ("per_page=", "per_page"),
    ("kind=castle", "kind"),
    ("kind=", "kind"),
    ("unit_kind=palace", "unit_kind"),
    ("use=parking", "use"),
    ("status=demolished", "status"),
    ("commune=paris", "commune"),
    ("as_of=", "as_of"),
    ("as_of=31/12/2025", "as_of"),
    ("as_of=9999-12-31", "as_of"),
    ("available_from=", "available_from"),
    ("available_from=2026-02-30", "available_from"),
])
def test_a_value_the_api_does_not_accept_is_a_400_that_names_it(client, query, refused):
    body = _problem(client.get(f"/api/v1/sites?{query}"), 400)
    assert [p["name"] for p in body["invalid_params"]] == [refused]
    assert body["instance"] == "/api/v1/sites" and refused in body["detail"]


def test_every_parameter_refused_is_named_at_once(client):
    body = _problem(client.get("/api/v1/sites?kind=castle&as_of=&page=-1"), 400)
    assert {p["name"] for p in body["invalid_params"]} == {"kind", "as_of", "page"}


def test_one_site_refuses_an_empty_day(app, client, world, three_sites):
    assert _problem(client.get("/api/v1/sites/1?as_of="), 400)["invalid_params"][0]["name"] == "as_of"


def test_not_found_and_wrong_method_are_problems_too(client):
    _problem(client.get("/api/v1/sites/999999"), 404)
    _problem(client.get("/api/v1/nothing-here"), 404)
    response = client.post("/api/v1/sites", csrf=False)
    _problem(response, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD", "OPTIONS"}


def test_pages_link_to_each_other_at_the_public_address(client, three_sites):
    listing = client.get("/api/v1/sites?per_page=1&page=2&kind=built", headers=EVIL).json
    assert (listing["page"], listing["pages"]) == (2, 3)
    links = listing["links"]
    assert set(links) == {"self", "first", "last", "prev", "next"}
    assert links["next"] == "http://portal.test/api/v1/sites?kind=built&page=3&per_page=1"
    assert links["first"] == "http://portal.test/api/v1/sites?kind=built&page=1&per_page=1"
    assert all(url.startswith("http://portal.test/api/v1/sites?") for url in links.values())
    assert "evil.example" not in str(listing)
    last = client.get("/api/v1/sites?per_page=1&page=3").json["links"]
    assert "next" not in last and last["prev"].endswith("page=2&per_page=1")


def test_the_openapi_document_says_what_is_accepted_and_what_is_refused(client):
    spec = client.get("/api/v1/openapi.json", headers=EVIL).json
    assert spec["servers"] == [{"url": "http://portal.test/api/v1"}]
    sites = spec["paths"]["/sites"]["get"]
    parameters = {p["name"]: p["schema"] for p in sites["parameters"]}
    assert len(parameters["commune"]["enum"]) == 19 and "molenbeek-saint-jean" in parameters["commune"]["enum"]
    assert "emergency_housing" in parameters["use"]["enum"] and parameters["kind"]["enum"] == ["built", "unbuilt"]
    assert parameters["page"]["maximum"] == 100_000 and parameters["per_page"]["maximum"] == 100
    for path, codes in (("/sites", {"200", "400"}), ("/sites/{id}", {"200", "400", "404"})):
        responses = spec["paths"][path]["get"]["responses"]
        assert set(responses) == codes
        for code in codes - {"200"}:
            assert responses[code]["content"]["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"}
    assert {"type", "title", "status", "detail", "instance", "invalid_params"} <= set(
        spec["components"]["schemas"]["Problem"]["properties"])
    assert "links" in sites["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
