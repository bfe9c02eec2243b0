"""The studies' estimates, the ledger and the letters of a DGP case (issue 19): amounts with three decimals and a
line dated in the future refused beside their field, nothing saved; the ledger's balance and projected end; a
letter printed as a PDF in French and Dutch once the case has reached its step (not before), filled with the case's
values; an operator's own wording used instead of the portal's, and given back when emptied. The clock is frozen."""
from datetime import UTC, date, datetime
from decimal import Decimal

import time_machine
from sqlalchemy import select

from occupancies.dgp import letters, queries, rules
from occupancies.dgp.models import DgpCase, DgpDwelling, DgpEntry, DgpLetterText, DgpStep
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.web import count, field_error

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
CASE = {"street": "Rue Longue", "number": "3", "postcode": "1050", "commune": "ixelles",
        "vacant_since": "2014-03-01", "owner_name": "Succession Vermeulen", "owner_contact": "Notaire Peeters"}


def opened(client) -> int:
    response = client.post("/o/owner-a/dgp/new", CASE)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def steps(client, case_id, *pairs):
    for step, on in pairs:
        assert client.post(f"/o/owner-a/dgp/{case_id}/steps", {"step": step, "on": on}).status_code == 303, step


def test_estimates_and_ledger_refuse_three_decimals_and_days_to_come(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = opened(commune)
        html = commune.post(f"/o/owner-a/dgp/{case_id}/estimates", {
            "works_cost": "45000,125", "takeover_costs": "8000", "management_costs": "12000,5"}
        ).get_data(as_text=True)
        assert "two decimals at most" in field_error(html, "works_cost")
        with app.app_context():
            assert db.session.get(DgpCase, case_id).takeover_costs is None            # nothing half-saved
        html = commune.post(f"/o/owner-a/dgp/{case_id}/entries", {"kind": "rent", "on": "2026-12-04",
                                                                  "amount": "550,005"}).get_data(as_text=True)
        assert "two decimals at most" in field_error(html, "amount")
        assert "a day that has come" in field_error(html, "on")
        assert count(app, DgpEntry) == 0
        assert commune.post(f"/o/owner-a/dgp/{case_id}/estimates", {
            "works_description": "Toiture, électricité", "works_cost": "45000", "works_months": "5",
            "takeover_costs": "8000", "management_costs": "12000,50", "communications": "Un rapport par an"}
        ).status_code == 303
        for kind, on, amount in (("takeover_cost", "2026-01-10", "8000"), ("management_cost", "2026-06-01", "1200"),
                                 ("rent", "2026-11-01", "550"), ("rent", "2026-12-01", "550")):
            assert commune.post(f"/o/owner-a/dgp/{case_id}/entries",
                                {"kind": kind, "on": on, "amount": amount}).status_code == 303
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
    summary = page.split('id="ledger-summary"')[1].split("</dl>")[0]
    for amount in ("€8,000.00", "€1,200.00", "€1,100.00", "€8,100.00"):      # costs, rents, still to recover
        assert amount in summary


def test_a_letter_is_printed_once_its_step_is_reached_in_french_and_dutch(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = opened(commune)
        url = f"/o/owner-a/dgp/{case_id}/letters/visit_request"
        assert commune.get(url).status_code == 404                             # no decision to go on yet
        steps(commune, case_id, ("decided_to_proceed", "2026-10-01"))
        french = commune.get(url + "?language=fr")
        dutch = commune.get(url + "?language=nl")
        assert french.status_code == dutch.status_code == 200
        assert french.data.startswith(b"%PDF") and dutch.data.startswith(b"%PDF") and french.data != dutch.data
        assert french.headers["Cache-Control"] == "private, no-store"
        assert commune.get(f"/o/owner-a/dgp/{case_id}/letters/proposal").status_code == 404
        assert commune.get(f"/o/owner-a/dgp/{case_id}/letters/castle").status_code == 404
        with app.test_request_context():
            case = db.session.get(DgpCase, case_id)
            subject, paragraphs = letters.compose(str(letters.SUBJECTS[rules.Letter.visit_request]),
                                                  str(letters.BODIES[rules.Letter.visit_request]),
                                                  letters.values_for(case, rules.Letter.visit_request, "fr",
                                                                     date(2026, 12, 3)))
    assert subject.endswith("Rue Longue 3, 1050 Ixelles")
    assert "1er mars 2014" in paragraphs[0] and "$" not in " ".join(paragraphs)


def test_an_operators_own_wording_replaces_the_portals_and_is_given_back_when_emptied(app, make_client, world):
    commune = make_client().login(world.owner_admin)
    url = "/o/owner-a/dgp/letters/visit_request/nl"
    form = commune.get(url).get_data(as_text=True)
    assert "Leave it empty" in form
    html = commune.post(url, {"subject": "", "body": "Tekst"}).get_data(as_text=True)
    assert "Give the letter" in field_error(html, "subject")
    assert count(app, DgpLetterText) == 0
    assert commune.post(url, {"subject": "Bezoek $address", "body": "Beste $owner,\n\nWij komen langs."}
                        ).status_code == 303
    listing = commune.get("/o/owner-a/dgp/letters").get_data(as_text=True)
    assert "Your wording" in listing
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        own = queries.letter_text(owner, rules.Letter.visit_request, "nl")
        subject, paragraphs = letters.compose(own.subject, own.body, {"address": "Rue Longue 3", "owner": "Jan $x"})
    assert subject == "Bezoek Rue Longue 3" and paragraphs == ["Beste Jan $x,", "Wij komen langs."]
    assert commune.post(url, {"subject": "", "body": ""}).status_code == 303
    assert count(app, DgpLetterText) == 0
    assert make_client().login(world.owner_evaluator).get(url).status_code == 403


def test_the_annual_report_states_the_years_rents_and_the_balance(app, make_client, world):
    with app.app_context():
        case = DgpCase(organisation_id=world.owner, reference="DGP-2026-0009", street="Rue Longue", number="3",
                       postcode="1050", commune="ixelles", owner_name="M. X", takeover_costs=Decimal("8000"),
                       management_costs=Decimal("2000"))
        db.session.add(case)
        db.session.flush()
        for kind, on, amount in ((rules.EntryKind.takeover_cost, date(2025, 2, 1), "9000"),
                                 (rules.EntryKind.rent, date(2025, 7, 1), "600"),
                                 (rules.EntryKind.rent, date(2026, 1, 1), "600")):
            db.session.add(DgpEntry(case_id=case.id, kind=kind, on=on, amount=Decimal(amount)))
        db.session.add(DgpDwelling(case_id=case.id, label="Rez", kind=rules.DwellingKind.flat, bedrooms=1,
                                   rent=Decimal("600")))
        db.session.add(DgpStep(case_id=case.id, step=rules.Step.taken_over, on=date(2025, 3, 1)))
        db.session.commit()
        case = db.session.scalars(select(DgpCase).where(DgpCase.id == case.id)).one()
        values = letters.values_for(case, rules.Letter.annual_report, "en", date(2026, 2, 10))
    assert values["year"] == "2025" and values["rents_year"] == "€600.00" and values["balance"] == "€8,400.00"
    assert values["projected_end"] == "March 1, 2034"                           # nine years: later than repaid
