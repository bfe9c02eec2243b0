"""The calls and their outcomes as open data (issue 20): /open-data/calls.json is an OCDS 1.1 release package that
validates against the OCDS 1.1.5 release-package schema (vendored in tests/support/ocds-1.1.5 with its source and
licence); a call is a tender with its criteria and weights, periods and units, its addenda amendments, its decision
awards to the selected organisations only; identifiers are stable; /open-data/calls.csv parses with the csv module,
its written cells neutralised against formulas; both are in the DCAT catalogue and the API's description."""
import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision
from calls.models import Addendum
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.sites import make_site, make_unit

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
SCHEMAS = Path(__file__).resolve().parents[1] / "support" / "ocds-1.1.5"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def validator() -> Draft4Validator:
    """The package schema, its $ref to the release schema resolved to the vendored file (nothing fetched)."""
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry = Registry().with_resource(RELEASE_URL, Resource(contents=release, specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=FormatChecker())


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def calls(app, world):
    """owner-a's site of two units with: a call decided (occupant-a selected, occupant-b not), a call open with an
    addendum and a title that starts like a formula, a call cancelled, and a draft (not public)."""
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "École Ransfort", publication=PublicationStatus.published)
        units = [make_unit(site, "Rez", surface=120), make_unit(site, "Étage", surface=90)]
        decided = make_call(site, status=CallStatus.decided, title="Appel décidé", units=units,
                            deadline=NOW - timedelta(days=30), publication_at=NOW - timedelta(days=60))
        make_application(decided, db.session.get(Organisation, world.occupant), status=ApplicationStatus.selected)
        make_application(decided, db.session.get(Organisation, world.other_occupant),
                         status=ApplicationStatus.not_selected)
        db.session.add(Decision(call_id=decided.id, reasons_fr="Le meilleur projet.", reasons_nl="Het beste project.",
                                decided_at=NOW - timedelta(days=5)))
        open_call = make_call(site, title="=HYPERLINK(\"http://x\")", units=units[:1], free_use=False,
                              monthly_fee=150)
        db.session.add(Addendum(call=open_call, text_fr="La visite est déplacée.", text_nl="Het bezoek verschuift.",
                                published_at=NOW - timedelta(days=1)))
        cancelled = make_call(site, status=CallStatus.cancelled, title="Appel annulé", status_reason="Bâtiment vendu")
        draft = make_call(site, status=CallStatus.draft, title="Brouillon caché")
        db.session.commit()
        return {"decided": decided.id, "open": open_call.id, "cancelled": cancelled.id, "draft": draft.id}


def test_the_ocds_package_validates_and_says_the_tender_its_amendments_and_awards(client, world, calls):
    response = client.get("/open-data/calls.json")
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    package = response.get_json()
    errors = sorted(validator().iter_errors(package), key=lambda error: list(error.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    releases = {r["tender"]["id"]: r for r in package["releases"]}
    assert set(releases) == {str(calls["decided"]), str(calls["open"]), str(calls["cancelled"])}   # no draft
    decided = releases[str(calls["decided"])]
    assert decided["ocid"] == f"ocds-etmp00-call-{calls['decided']}" and decided["tag"] == ["tender", "award"]
    assert decided["tender"]["status"] == "complete" and decided["tender"]["numberOfTenderers"] == 2
    assert decided["tender"]["awardCriteriaDetails"] == \
        "Qualité du projet / Kwaliteit van het project: 50 %; Ancrage local / Lokale verankering: 30 %; " \
        "Mixité / Diversiteit: 20 %"
    assert [(i["description"], i["quantity"]) for i in decided["tender"]["items"]] == [("Rez", 120.0),
                                                                                        ("Étage", 90.0)]
    [award] = decided["awards"]
    assert [s["name"] for s in award["suppliers"]] == ["Asbl A"]
    assert "Asbl B" not in json.dumps(package)                      # an applicant not selected is never named
    assert {p["name"]: p["roles"] for p in decided["parties"]} == {"Commune A": ["buyer", "procuringEntity"],
                                                                   "Asbl A": ["supplier"]}
    amended = releases[str(calls["open"])]
    assert amended["tag"] == ["tenderAmendment"] and "value" not in amended["tender"]
    assert "150.00 EUR" in amended["tender"]["procurementMethodRationale"]
    assert [a["description"] for a in amended["tender"]["amendments"]] == ["La visite est déplacée."]
    cancelled = releases[str(calls["cancelled"])]
    assert cancelled["tag"] == ["tenderCancellation"] and cancelled["tender"]["statusDetails"] == "Bâtiment vendu"
    assert "Brouillon caché" not in json.dumps(package)


def test_a_release_keeps_its_id_until_the_call_changes(app, client, calls):
    first = {r["ocid"]: r["id"] for r in client.get("/open-data/calls.json").get_json()["releases"]}
    assert first == {r["ocid"]: r["id"] for r in client.get("/open-data/calls.json").get_json()["releases"]}
    with time_machine.travel(NOW + timedelta(hours=2), tick=False), app.test_request_context():
        from calls import operations
        from calls.models import Call
        from portal.accounts.models import User

        call = db.session.get(Call, calls["open"])
        operations.publish_addendum(call, text_fr="Nouvelle date.", text_nl="Nieuwe datum.",
                                    actor=db.session.scalar(db.select(User).filter_by(email="owner.admin@example.org")))
        db.session.commit()
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        again = {r["ocid"]: r["id"] for r in client.get("/open-data/calls.json").get_json()["releases"]}
    changed = [ocid for ocid in first if first[ocid] != again[ocid]]
    assert changed == [f"ocds-etmp00-call-{calls['open']}"]
    # Cancelled: the same moments, a new release (the call's version moved).
    with time_machine.travel(NOW + timedelta(hours=3), tick=False), app.test_request_context():
        call = db.session.get(Call, calls["open"])
        operations.cancel_call(call, reason="Bâtiment vendu", actor=db.session.scalar(
            db.select(User).filter_by(email="owner.admin@example.org")))
        db.session.commit()
    cancelled = {r["ocid"]: r for r in client.get("/open-data/calls.json").get_json()["releases"]}
    ocid = f"ocds-etmp00-call-{calls['open']}"
    assert cancelled[ocid]["id"] != again[ocid] and cancelled[ocid]["tag"] == ["tenderCancellation"]


def test_the_csv_parses_and_neutralises_what_people_wrote(client, calls):
    response = client.get("/open-data/calls.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    by_id = {int(row["id"]): row for row in rows}
    assert set(by_id) == {calls["decided"], calls["open"], calls["cancelled"]}
    assert by_id[calls["open"]]["title_fr"] == "'=HYPERLINK(\"http://x\")"
    assert by_id[calls["open"]]["monthly_fee_eur"] == "150.00" and by_id[calls["open"]]["addenda"] == "1"
    decided = by_id[calls["decided"]]
    assert (decided["selected"], decided["tenderers"], decided["units"], decided["surface_m2"]) == \
        ("Asbl A", "2", "Rez; Étage", "210.00")
    assert decided["commune_nl"] == "Elsene" and decided["url"].endswith(f"/calls/{calls['decided']}")


def test_the_catalogue_and_the_api_description_list_the_calls(client, calls):
    catalog = client.get("/open-data/catalog.jsonld").get_json()
    [dataset] = [d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "entretemps-calls"]
    assert [d["dcat:downloadURL"]["@id"].rsplit("/", 1)[1] for d in dataset["dcat:distribution"]] == \
        ["calls.csv", "calls.json"]
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/open-data/calls.json" in paths and paths["/open-data/calls.json"]["servers"][0]["url"].startswith("http")
    page = client.get("/open-data/").get_data(as_text=True)
    assert "/open-data/calls.json" in page and "/open-data/calls.csv" in page


def test_without_a_public_call_the_package_is_not_found(client, world):
    response = client.get("/open-data/calls.json")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert list(csv.reader(io.StringIO(client.get("/open-data/calls.csv").get_data(as_text=True))))[1:] == []
