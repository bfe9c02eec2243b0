"""The cases of the public management right (issue 19): the commune opens a case from a signal of the register,
adds a dwelling whose rent stays under its cap, and records the steps; every refusal is beside its field with
nothing saved (a visit outside 8:00–20:00, a day before the previous step, an amount with three decimals, a formal
notice before the owner's 2 months are over); the list sorts and filters by the next deadline, and the operator's
dashboard lists the deadlines passed or within two weeks. The clock is frozen."""
from datetime import UTC, date, datetime
from decimal import Decimal

import time_machine
from sqlalchemy import select

from occupancies.dgp.models import DgpCase, DgpDwelling, DgpStep, IndexValue
from occupancies.dgp.rules import Phase
from occupancies.dgp.workflow import Series
from occupancies.vacancies.workflow import SignalStatus
from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.support.vacancies import make_signal
from tests.support.web import assert_constant_queries, count, field_error

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
CASE = {"street": "Rue Longue", "number": "3", "postcode": "1050", "commune": "ixelles",
        "vacant_since": "2014-03-01", "owner_name": "Succession Vermeulen", "owner_contact": "Notaire Peeters"}


def open_case(client, **changes) -> int:
    response = client.post("/o/owner-a/dgp/new", {**CASE, **changes})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def step(client, case_id, step, on, **fields):
    return client.post(f"/o/owner-a/dgp/{case_id}/steps", {"step": step, "on": on, **fields})


def the_case(app, case_id) -> DgpCase:
    with app.app_context():
        case = db.session.get(DgpCase, case_id)
        db.session.expunge(case)
        return case


def test_the_commune_opens_a_case_from_a_signal_which_records_it(app, make_client, world):
    with app.app_context():
        signal = make_signal(status=SignalStatus.accepted, owner_name="Succession Vermeulen")
        db.session.commit()
        signal_id = signal.id
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        page = commune.get(f"/o/owner-a/vacancies/{signal_id}").get_data(as_text=True)
        assert f"/o/owner-a/dgp/new?signal={signal_id}" in page
        form = commune.get(f"/o/owner-a/dgp/new?signal={signal_id}").get_data(as_text=True)
        assert 'value="Rue du Vide"' in form and 'value="Succession Vermeulen"' in form
        response = commune.post(f"/o/owner-a/dgp/new?signal={signal_id}",
                                {**CASE, "street": "Rue du Vide", "number": "12"})
        assert response.status_code == 303
    with app.app_context():
        case = db.session.scalars(select(DgpCase)).one()
        assert case.reference == f"DGP-2026-{case.id:04d}" and case.signal_id == signal_id
        assert case.phase == Phase.analysis
        from occupancies.vacancies.models import VacancySignal
        signal = db.session.get(VacancySignal, signal_id)
        assert signal.status == SignalStatus.dgp_case and signal.reason == case.reference


def test_every_problem_of_a_new_case_is_beside_its_field_and_no_case_is_saved(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        response = commune.post("/o/owner-a/dgp/new", {**CASE, "street": "", "number": "", "postcode": "2000",
                                                       "commune": "antwerpen", "owner_name": "",
                                                       "vacant_since": "2014-13-01"})
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        for field, message in {"street": "required", "number": "required", "postcode": "starts with 1",
                               "commune": "Not a valid choice", "owner_name": "required",
                               "vacant_since": "Not a valid date"}.items():
            assert message in field_error(html, field), field
        # No place is vacant since a day to come: said with the other fields' problems, at once.
        response = commune.post("/o/owner-a/dgp/new", {**CASE, "vacant_since": "2026-12-04", "postcode": "2000"})
        assert response.status_code == 422
        assert "a day to come" in field_error(response.get_data(as_text=True), "vacant_since")
        assert "starts with 1" in field_error(response.get_data(as_text=True), "postcode")
    assert count(app, DgpCase) == 0 and count(app, AuditEvent, action="dgp.case_opened") == 0


def test_the_steps_of_a_case_up_to_the_formal_notice_on_the_right_day(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = open_case(commune)
        for name, on in (("decided_to_proceed", "2026-06-01"), ("visit_requested", "2026-06-03")):
            assert step(commune, case_id, name, on).status_code == 303
        html = step(commune, case_id, "visit_held", "2026-06-20", at="20:30").get_data(as_text=True)
        assert "between 8:00 and 20:00" in field_error(html, "at")
        html = step(commune, case_id, "visit_held", "2026-07-04", at="10:00").get_data(as_text=True)
        assert "by July 3, 2026 at the latest" in field_error(html, "on")
        html = step(commune, case_id, "visit_held", "2026-06-02", at="10:00").get_data(as_text=True)
        assert "before the latest step" in field_error(html, "on")
        assert count(app, DgpStep) == 2
        for name, on, extra in (("visit_held", "2026-06-20", {"at": "09:30"}), ("visit_report", "2026-06-25", {}),
                                ("studies_go_on", "2026-08-01", {}), ("proposal_received", "2026-08-31", {})):
            assert step(commune, case_id, name, on, **extra).status_code == 303, name
        assert the_case(app, case_id).phase == Phase.proposal
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
        assert "answer to the proposal (2 months)" in page and "passed since Oct 31, 2026" in page
        html = step(commune, case_id, "formal_notice_received", "2026-10-31", works_months="4").get_data(as_text=True)
        assert "the owner may answer until October 31, 2026" in field_error(html, "step")
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
        assert "has not answered the proposal within the 2 months" in page     # 3 December: silent
        assert step(commune, case_id, "formal_notice_received", "2026-11-02", works_months="4").status_code == 303
        case = the_case(app, case_id)
        assert case.next_kind == "formal_notice" and case.next_due == date(2027, 3, 2)   # 4 months of works
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.target_type == "dgp_cases", AuditEvent.target_id == case_id)).all()
        assert actions.count("dgp.step_recorded") == 7 and "dgp.case_opened" in actions


def test_a_dwellings_rent_stays_under_its_cap_and_amounts_have_two_decimals(app, make_client, world):
    with app.app_context():
        db.session.add(IndexValue(series=Series.health, month=date(2025, 8, 1), value=Decimal("130.00")))
        db.session.commit()
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = open_case(commune)
        url = f"/o/owner-a/dgp/{case_id}/dwellings"
        html = commune.post(url, {"label": "Rez", "kind": "flat", "bedrooms": "2", "rent": "600,125",
                                  "gross_surface": "80.5"}).get_data(as_text=True)
        assert "two decimals at most" in field_error(html, "rent")
        html = commune.post(url, {"label": "Rez", "kind": "flat", "bedrooms": "2", "rent": "700"}
                            ).get_data(as_text=True)
        assert "may not pass the cap of €566.29" in field_error(html, "rent")    # 442.62 × 130 ÷ 101.61
        html = commune.post(url, {"label": "Maison", "kind": "house", "bedrooms": "1"}).get_data(as_text=True)
        assert "2 bedrooms or more" in field_error(html, "bedrooms")
        assert count(app, DgpDwelling) == 0
        assert commune.post(url, {"label": "Rez", "kind": "flat", "bedrooms": "2", "rent": "566,29",
                                  "gross_surface": "80,5"}).status_code == 303
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
    assert "€566.29" in page and "80.50 m²" in page


def test_another_operator_and_the_guichet_do_not_find_a_case(app, make_client, world):
    commune = make_client().login(world.owner_editor)
    case_id = open_case(commune)
    assert make_client().login(world.other_owner_admin).get(f"/o/owner-b/dgp/{case_id}").status_code == 404
    assert make_client().login(world.guichet_admin).get(f"/o/owner-a/dgp/{case_id}").status_code == 404
    evaluator = make_client().login(world.owner_evaluator)
    assert evaluator.get(f"/o/owner-a/dgp/{case_id}").status_code == 200
    assert step(evaluator, case_id, "owner_contacted", "2026-01-01").status_code == 403
    occupant = make_client().login(world.occupant_admin)
    assert occupant.get("/o/occupant-a/dgp/").status_code == 403          # an association is no operator


def test_the_case_list_filters_by_phase_and_passed_deadlines_and_a_case_page_reads_constant_queries(
        app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        late, calm = open_case(commune, street="Rue Tardive"), open_case(commune, street="Rue Calme")
        for name, on in (("decided_to_proceed", "2026-09-01"), ("visit_requested", "2026-09-02")):
            step(commune, late, name, on)                                     # a visit due by 2 October
        listed = commune.get("/o/owner-a/dgp/?overdue=1").get_data(as_text=True)
        assert "Rue Tardive" in listed and "Rue Calme" not in listed and "1 case has a deadline passed" in listed
        assert "Rue Calme" in commune.get("/o/owner-a/dgp/?phase=analysis").get_data(as_text=True)

        def grow(n):
            for i in range(n):
                step(commune, calm, "owner_contacted", "2026-10-01", note=f"Appel {i}")
                commune.post(f"/o/owner-a/dgp/{calm}/dwellings", {"label": f"Logement {i}", "kind": "studio",
                                                                  "bedrooms": "0"})

        assert_constant_queries(app, commune, f"/o/owner-a/dgp/{calm}", grow, sizes=(2, 6), most=16)


def test_the_dashboard_lists_a_deadline_passed_or_within_two_weeks_and_not_a_later_one(app, make_client, world):
    with time_machine.travel(NOW, tick=False):                                # 3 December 2026
        commune = make_client().login(world.owner_editor)
        cases = {}
        for street, requested in (("Rue Tardive", "2026-09-02"), ("Rue Proche", "2026-11-17"),
                                  ("Rue Lointaine", "2026-11-18")):
            cases[street] = open_case(commune, street=street)
            for name, on in (("decided_to_proceed", "2026-09-01"), ("visit_requested", requested)):
                assert step(commune, cases[street], name, on).status_code == 303, (street, name)
        assert [the_case(app, cases[s]).next_due for s in ("Rue Tardive", "Rue Proche", "Rue Lointaine")] == [
            date(2026, 10, 2), date(2026, 12, 17), date(2026, 12, 18)]          # a visit within the month
        page = commune.get("/o/owner-a/").get_data(as_text=True)
    visit = "The visit, within the month following the request"
    assert f"Rue Tardive 3: {visit}, passed since Oct 2, 2026." in page
    assert f"Rue Proche 3: {visit}, by Dec 17, 2026." in page                   # 14 days ahead: the last one listed
    assert "Rue Lointaine" not in page                                        # 15 days ahead
    assert f'/o/owner-a/dgp/{cases["Rue Tardive"]}"' in page and f'/o/owner-a/dgp/{cases["Rue Proche"]}"' in page
    assert f'/o/owner-a/dgp/{cases["Rue Lointaine"]}"' not in page
    assert page.index("Rue Tardive") < page.index("Rue Proche")                # the soonest first
