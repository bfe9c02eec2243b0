"""Around a DGP case (issue 19): the operator invites Bruxelles Logement's Réhabilitation cell, which reads the case
without its owner and records the steps it supports; the loan (its four parts before it is filed, its cap by ABEX,
its contract before it is released); the deadlines as a personal calendar and the reminders a week before and on
the day; the region's median time per phase. The clock is frozen."""
from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar
from sqlalchemy import select

from occupancies.dgp.models import DgpCase, DgpStep, IndexValue
from occupancies.dgp.workflow import Series
from portal.accounts.models import User
from portal.extensions import db
from portal.jobs.queue import run_job
from portal.notifications.models import Notification
from portal.organisations.workflow import LegalForm
from portal.roles import OrganisationKind, Role
from tests.support.factories import make_member, make_org
from tests.support.web import assert_constant_queries, count, field_error, link_in, outbox

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
OWNER = "Succession Vermeulen"
CASE = {"street": "Rue Longue", "number": "3", "postcode": "1050", "commune": "ixelles",
        "vacant_since": "2014-03-01", "owner_name": OWNER, "owner_contact": "Notaire Peeters"}


@pytest.fixture
def cell(app, world):
    """Bruxelles Logement's Réhabilitation cell: a regional public service with an editor and a reader."""
    with app.app_context():
        found = make_org("cell", kind=OrganisationKind.public_owner, legal_form=LegalForm.public_service,
                         name="Cellule Réhabilitation")
        editor = make_member(found, Role.editor, "cell.editor@example.org", language="nl")
        reader = make_member(found, Role.evaluator, "cell.reader@example.org")
        db.session.add_all([IndexValue(series=Series.abex, month=date(2022, 5, 1), value=1000),
                            IndexValue(series=Series.abex, month=date(2025, 11, 1), value=1100)])
        db.session.commit()
        return {"id": found.id, "editor": editor.id, "reader": reader.id}


def open_case(client) -> int:
    response = client.post("/o/owner-a/dgp/new", CASE)
    assert response.status_code == 303
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def steps(client, case_id, *pairs, base="/o/owner-a/dgp"):
    for name, on in pairs:
        response = client.post(f"{base}/{case_id}/steps", {"step": name, "on": on})
        assert response.status_code == 303, (name, field_error(response.get_data(as_text=True), "step"))


def the_case(app, case_id) -> DgpCase:
    with app.app_context():
        case = db.session.get(DgpCase, case_id)
        db.session.expunge(case)
        return case


TO_PROPOSAL = (("decided_to_proceed", "2026-06-01"), ("visit_requested", "2026-06-03"))


def test_the_operator_invites_the_cell_which_reads_the_case_without_its_owner_and_records_its_steps(
        app, make_client, world, cell, jobs):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = open_case(commune)
        steps(commune, case_id, *TO_PROPOSAL)
        editor = make_client().login(cell["editor"])
        assert editor.get(f"/o/cell/dgp/supported/{case_id}").status_code == 404      # not invited yet
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
        assert f'value="{cell["id"]}"' in page                                  # offered among the supporters
        html = commune.post(f"/o/owner-a/dgp/{case_id}/support", {"organisation": str(world.occupant)})
        assert "Not a valid choice" in field_error(html.get_data(as_text=True), "organisation")
        assert commune.post(f"/o/owner-a/dgp/{case_id}/support", {"organisation": str(cell["id"])}
                            ).status_code == 303
        assert the_case(app, case_id).support_id == cell["id"]
        jobs.run()                                                              # the e-mails (RQ with REDIS_URL)
        [mail] = outbox(app, "cell.editor@example.org")
        assert mail[1] == "nl" and "DGP-2026-" in mail[2]
        assert link_in(mail[3], "/o/cell/dgp/supported/") == f"/o/cell/dgp/supported/{case_id}"

        listed = editor.get("/o/cell/dgp/supported/").get_data(as_text=True)
        assert "Rue Longue" in listed and OWNER not in listed
        page = editor.get(f"/o/cell/dgp/supported/{case_id}").get_data(as_text=True)
        assert "Rue Longue" in page and OWNER not in page and "Notaire Peeters" not in page
        assert "/letters/" not in page                                          # the letters name the owner
        response = editor.post(f"/o/cell/dgp/supported/{case_id}/steps",
                               {"step": "visit_held", "on": "2026-06-20", "at": "10:00"})
        assert response.status_code == 303
        response = editor.post(f"/o/cell/dgp/supported/{case_id}/steps", {"step": "taken_over", "on": "2026-06-21"})
        assert "Ongeldige keuze" in field_error(response.get_data(as_text=True), "step")   # not its phase (nl)
        assert count(app, DgpStep, case_id=case_id) == 3
        reader = make_client().login(cell["reader"])
        assert reader.get(f"/o/cell/dgp/supported/{case_id}").status_code == 200
        assert reader.post(f"/o/cell/dgp/supported/{case_id}/steps",
                           {"step": "visit_report", "on": "2026-06-22"}).status_code == 403
        assert make_client().login(world.other_owner_admin).get(
            f"/o/owner-b/dgp/supported/{case_id}").status_code == 404
        assert commune.post(f"/o/owner-a/dgp/{case_id}/support", {"organisation": ""}).status_code == 303
        assert editor.get(f"/o/cell/dgp/supported/{case_id}").status_code == 404      # invitation withdrawn
    with app.app_context():
        step = db.session.scalars(select(DgpStep).where(DgpStep.step == "visit_held")).one()
        assert db.session.get(User, step.actor_id).email == "cell.editor@example.org"


def test_a_loan_is_filed_with_its_four_parts_under_its_cap_and_released_after_its_contract(
        app, make_client, world, cell):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = open_case(commune)
        steps(commune, case_id, *TO_PROPOSAL)
        commune.post(f"/o/owner-a/dgp/{case_id}/steps", {"step": "visit_held", "on": "2026-06-20", "at": "10:00"})
        steps(commune, case_id, ("visit_report", "2026-06-25"), ("studies_go_on", "2026-08-01"))
        html = commune.post(f"/o/owner-a/dgp/{case_id}/steps", {"step": "loan_filed", "on": "2026-08-02"}
                            ).get_data(as_text=True)
        assert "comes after another one" in field_error(html, "step")             # the proposal first
        steps(commune, case_id, ("proposal_received", "2026-08-31"))
        html = commune.post(f"/o/owner-a/dgp/{case_id}/steps", {"step": "loan_filed", "on": "2026-09-01"}
                            ).get_data(as_text=True)
        message = field_error(html, "step")
        assert "each dwelling with its gross surface" in message and "repayment plan" in message
        assert "the proposal presented" not in message
        commune.post(f"/o/owner-a/dgp/{case_id}/dwellings", {"label": "Rez", "kind": "flat", "bedrooms": "2",
                                                             "gross_surface": "80"})
        commune.post(f"/o/owner-a/dgp/{case_id}/estimates", {"works_description": "Toiture", "works_cost": "60000",
                                                             "takeover_costs": "70000"})
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
        assert "€103,488.00" in page                               # 1,176 × 1,100 ÷ 1,000 = 1,293.60 € × 80 m²
        loan = f"/o/owner-a/dgp/{case_id}/loan"
        html = commune.post(loan, {"loan_amount": "103488,01", "loan_months": "0",
                                   "loan_contract_on": "2026-09-01"}).get_data(as_text=True)
        assert "may not pass its cap of €103,488.00" in field_error(html, "loan_amount")
        assert "1 to 360 months" in field_error(html, "loan_months")
        assert "give the amount granted" in field_error(html, "loan_contract_on")
        html = commune.post(loan, {"loan_amount": "90000,005", "loan_months": "120"}).get_data(as_text=True)
        assert "two decimals at most" in field_error(html, "loan_amount")
        assert the_case(app, case_id).loan_amount is None                        # nothing half-saved
        assert commune.post(loan, {"loan_amount": "90000", "loan_months": "120"}).status_code == 303
        steps(commune, case_id, ("loan_filed", "2026-09-01"))
        editor = make_client().login(cell["editor"])
        commune.post(f"/o/owner-a/dgp/{case_id}/support", {"organisation": str(cell["id"])})
        steps(editor, case_id, ("loan_answered", "2026-10-15"), base="/o/cell/dgp/supported")
        html = editor.post(f"/o/cell/dgp/supported/{case_id}/loan", {
            "loan_amount": "90000", "loan_months": "120", "loan_granted": "90000,01"}).get_data(as_text=True)
        assert "ten hoogste het gevraagde bedrag" in field_error(html, "loan_granted")     # in Dutch
        assert editor.post(f"/o/cell/dgp/supported/{case_id}/loan", {
            "loan_amount": "90000", "loan_months": "120", "loan_granted": "85000"}).status_code == 303
        steps(commune, case_id, ("owner_agreed", "2026-10-20"), ("taken_over", "2026-11-02"))
        html = commune.post(f"/o/owner-a/dgp/{case_id}/steps", {"step": "loan_released", "on": "2026-11-03"}
                            ).get_data(as_text=True)
        assert "once its contract is concluded" in field_error(html, "step")
        assert commune.post(loan, {"loan_amount": "90000", "loan_months": "120", "loan_granted": "85000",
                                   "loan_contract_on": "2026-10-30"}).status_code == 303
        steps(commune, case_id, ("loan_released", "2026-11-03"))
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
        assert "120 monthly instalments of €708.33, interest-free, the last of €708.73" in page
    case = the_case(app, case_id)
    assert (case.loan_granted, case.loan_contract_on) == (85000, date(2026, 10, 30))


def test_the_deadlines_are_a_personal_calendar_and_reminded_a_week_before_and_on_the_day(app, make_client, world,
                                                                                         jobs):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = open_case(commune)
        steps(commune, case_id, ("decided_to_proceed", "2026-11-01"), ("visit_requested", "2026-11-09"))
        page = commune.get("/o/owner-a/dgp/").get_data(as_text=True)
        link = page.split('id="calendar-link" readonly value="')[1].split('"')[0].replace("&amp;", "&")
    feed = make_client().get(link.split("localhost")[-1])                      # a calendar sends no cookie
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    [event] = Calendar.from_ical(feed.data).walk("VEVENT")
    assert event.decoded("dtstart") == date(2026, 12, 9)                        # the visit within the month
    assert "DGP-2026-" in str(event["summary"]) and OWNER not in feed.get_data(as_text=True)
    assert make_client().get("/dgp/deadlines.ics?key=forged").status_code == 404
    with app.app_context():
        db.session.get(User, world.owner_editor).password_hash = "changed"
        db.session.commit()
    assert make_client().get(link.split("localhost")[-1]).status_code == 404   # a new password closes it

    def sweep(day):
        with time_machine.travel(datetime(day.year, day.month, day.day, 7, tzinfo=UTC), tick=False), \
                app.app_context():
            return run_job("occupancies.dgp.jobs.sweep_deadlines")

    assert sweep(date(2026, 12, 1)) == 0                                         # 8 days before
    assert sweep(date(2026, 12, 2)) == 1 and sweep(date(2026, 12, 5)) == 0      # the week before, once
    assert sweep(date(2026, 12, 9)) == 1 and sweep(date(2026, 12, 9)) == 0      # on the day, once
    with app.app_context():
        kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == world.owner_editor)
                                   .order_by(Notification.id)).all()
    assert kinds == ["dgp.deadline_soon", "dgp.deadline_due"]
    jobs.run()                                                                   # the e-mails (RQ with REDIS_URL)
    subjects = [mail[2] for mail in outbox(app, "owner.editor@example.org")]
    assert any("a deadline on December 9, 2026" in subject for subject in subjects)


def test_the_guichet_reads_the_regions_median_time_per_phase(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        for visit_on in ("2026-06-11", "2026-06-21"):
            case_id = open_case(commune)
            steps(commune, case_id, ("owner_contacted", "2026-06-01"), ("decided_to_proceed", visit_on))
        page = make_client().login(world.guichet_admin).get("/guichet/").get_data(as_text=True)
    table = page.split('id="phase-medians"')[1].split("</table>")[0]
    assert "1. Analysis" in table and "15 days" in table                        # 10 and 20 days
    assert OWNER not in page and "Rue Longue" not in page


def test_the_case_list_the_cases_supported_and_a_supported_case_keep_a_constant_number_of_queries(
        app, make_client, world, cell):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        editor = make_client().login(cell["editor"])
        first = open_case(commune)
        commune.post(f"/o/owner-a/dgp/{first}/support", {"organisation": str(cell["id"])})

        def grow(n):
            for _ in range(n):
                case_id = open_case(commune)
                steps(commune, case_id, ("decided_to_proceed", "2026-11-01"), ("visit_requested", "2026-11-09"))
                commune.post(f"/o/owner-a/dgp/{case_id}/support", {"organisation": str(cell["id"])})

        assert_constant_queries(app, commune, "/o/owner-a/dgp/", grow, sizes=(2, 6), most=8)
        assert_constant_queries(app, editor, "/o/cell/dgp/supported/", grow, sizes=(2, 6), most=8)

        def grow_case(n):
            for k in range(n):
                commune.post(f"/o/owner-a/dgp/{first}/dwellings", {"label": f"Logement {k}", "kind": "studio",
                                                                   "bedrooms": "0", "gross_surface": "30"})
                commune.post(f"/o/owner-a/dgp/{first}/steps", {"step": "owner_contacted", "on": "2026-11-01",
                                                               "note": f"Appel {k}"})

        assert_constant_queries(app, editor, f"/o/cell/dgp/supported/{first}", grow_case, sizes=(2, 6), most=16)


def test_a_step_keeps_its_documents_read_by_the_operator_and_the_cell_and_a_bad_file_saves_nothing(
        app, make_client, world, cell):
    from io import BytesIO

    from occupancies.dgp.models import DgpDocument
    from portal import uploads

    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        case_id = open_case(commune)
        steps(commune, case_id, ("decided_to_proceed", "2026-06-01"))
        url = f"/o/owner-a/dgp/{case_id}/steps"
        with app.app_context():
            before = set(uploads.folder("dgp").iterdir())
        html = commune.post(url, {"step": "visit_held", "on": "2026-06-02", "at": "10:00",
                                  "document": (BytesIO(b"MZ\x90\x00 not a pdf"), "rapport.pdf")},
                            content_type="multipart/form-data").get_data(as_text=True)
        assert "comes after another one" in field_error(html, "step")            # every problem at once
        assert "not what its name says" in field_error(html, "document")
        assert count(app, DgpDocument) == 0 and count(app, DgpStep) == 1
        with app.app_context():
            assert set(uploads.folder("dgp").iterdir()) == before                 # no file left behind
        response = commune.post(url, {"step": "visit_requested", "on": "2026-06-03",
                                      "document": (BytesIO(pdf), "Accusé de réception.pdf")},
                                content_type="multipart/form-data")
        assert response.status_code == 303
        with app.app_context():
            [kept] = db.session.scalars(select(DgpDocument)).all()
            document_id, stored = kept.id, kept.file
        page = commune.get(f"/o/owner-a/dgp/{case_id}").get_data(as_text=True)
        link = f"/o/owner-a/dgp/{case_id}/documents/{document_id}"
        assert link in page and "Accusé de réception.pdf" in page
        download = commune.get(link)
        assert download.status_code == 200 and download.data == pdf
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert "private" in download.headers["Cache-Control"]
        assert make_client().login(world.other_owner_admin).get(link.replace("owner-a", "owner-b")).status_code == 404
        commune.post(f"/o/owner-a/dgp/{case_id}/support", {"organisation": str(cell["id"])})
        editor = make_client().login(cell["editor"])
        assert editor.get(f"/o/cell/dgp/supported/{case_id}/documents/{document_id}").data == pdf
        assert editor.get(f"/o/cell/dgp/supported/{case_id}/documents/{document_id + 1}").status_code == 404
    assert stored.endswith(".pdf") and "réception" not in stored                 # kept under a random name
