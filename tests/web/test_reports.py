"""Reports (issue 8): the schedule and reminders with a frozen clock, the occupant's form with good and bad input
(a phone number, a negative count, counts that do not add up), the owner's acknowledgement or question, and
tenancy: an owner reads only the reports on its own sites."""
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from occupancies.reports.jobs import sweep_reports
from occupancies.reports.models import Report
from occupancies.reports.workflow import ReportStatus
from occupancies.workflow import UseCategory
from portal.extensions import db
from portal.jobs.queue import run_job
from portal.notifications.models import Notification
from tests.support.reports import make_active_agreement


def _at(day: date, hour: int = 9):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


def _notes(user_id, kind):
    return db.session.scalar(select(func.count(Notification.id)).where(Notification.user_id == user_id,
                                                                        Notification.kind == kind))


@pytest.fixture
def agreement(app, world):
    with app.test_request_context():
        agreement = make_active_agreement(world.owner, world.occupant)
        db.session.commit()
        return agreement.id


def _reports(agreement_id):
    return db.session.scalars(select(Report).where(Report.agreement_id == agreement_id)
                              .order_by(Report.period_start)).unique().all()


def _sweep(app, day):
    """The hourly sweep as it runs: through the job runner, which commits what it did."""
    with _at(day), app.app_context():
        return run_job("occupancies.reports.jobs.sweep_reports")


def test_the_schedule_creates_the_reports_due_and_reminds_the_occupant(app, world, agreement):
    assert _sweep(app, date(2027, 1, 14)) == 0                      # not started yet
    assert _sweep(app, date(2027, 4, 2)) == 2                       # the first quarter (cut) and the second
    with app.app_context():
        first, second = _reports(agreement)
        assert (first.period_start, first.period_end, first.due_on) == (date(2027, 1, 15), date(2027, 3, 31),
                                                                        date(2027, 4, 30))
        assert (second.period_start, second.period_end, second.due_on) == (date(2027, 4, 1), date(2027, 6, 30),
                                                                           date(2027, 7, 31))
        assert first.status == ReportStatus.draft and first.kind.value == "housing" and first.quarter == 20271
    assert _sweep(app, date(2027, 4, 22)) == 0                      # 8 days before: nothing yet
    assert _sweep(app, date(2027, 4, 23)) == 1                      # a week before
    assert _sweep(app, date(2027, 4, 24)) == 0                      # once
    assert _sweep(app, date(2027, 4, 30)) == 1                      # on the day
    with app.app_context():
        for user in (world.occupant_admin, world.occupant_editor):
            assert _notes(user, "report.due_soon") == 1 and _notes(user, "report.due_today") == 1
        assert _notes(world.owner_admin, "report.due_soon") == 0
        assert not _reports(agreement)[0].overdue(date(2027, 4, 30))
        assert _reports(agreement)[0].overdue(date(2027, 5, 1))


def _first_report(app, world, agreement, day=date(2027, 4, 2)):
    _sweep(app, day)
    with app.app_context():
        return _reports(agreement)[0].id


GOOD = {"households": "2", "persons": "3", "persons_axis2": "3", "entries": "4", "exits_durable": "1",
        "incidents": "Aucun incident.", "neighbourhood": "Bonnes relations.", "support_needs": ""}


def test_an_occupant_is_stopped_by_a_phone_number_and_nothing_is_saved(app, world, agreement, client):
    report_id = _first_report(app, world, agreement)
    url = f"/o/occupant-a/reports/{report_id}"
    with _at(date(2027, 4, 10)):
        client.login(world.occupant_admin)
        page = client.get(url)
        assert page.status_code == 200 and "Persons housed at the end of the period" in page.get_data(as_text=True)
        response = client.post(url, {**GOOD, "incidents": "Appeler le voisin au 0470 12 34 56.", "action": "submit"})
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        assert 'id="incidents-error"' in body and "Remove the phone number" in body
        with app.app_context():
            report = db.session.get(Report, report_id)
            assert report.status == ReportStatus.draft and report.persons == 0 and report.incidents == ""
        response = client.post(url, {**GOOD, "persons": "-1", "action": "save"})
        assert response.status_code == 422 and "A count is a whole number, zero or more." in response.get_data(
            as_text=True)
        response = client.post(url, {**GOOD, "households": "5", "action": "save"})
        assert response.status_code == 422 and "more households than persons" in response.get_data(as_text=True)
        response = client.post(url, {**GOOD, "support_needs": "écrire à jan@example.be", "action": "save"})
        assert response.status_code == 422 and "Remove the email address" in response.get_data(as_text=True)
        assert client.post(url, {**GOOD, "action": "save"}).status_code == 303
        with app.app_context():
            report = db.session.get(Report, report_id)
            assert report.status == ReportStatus.draft and report.persons == 3
            assert _notes(world.owner_admin, "report.submitted") == 0
        assert client.post(url, {**GOOD, "action": "submit"}).status_code == 303
    with app.app_context():
        report = db.session.get(Report, report_id)
        assert report.status == ReportStatus.submitted and report.submitted_by_id == world.occupant_admin
        assert (report.persons, report.entries, report.exits_durable, report.incidents) == (3, 4, 1, "Aucun incident.")
        assert _notes(world.owner_admin, "report.submitted") == 1
        assert _notes(world.owner_editor, "report.submitted") == 1
    # Submitted: the occupant can no longer change it.
    client.login(world.occupant_admin)
    assert client.post(url, {**GOOD, "persons": "9", "action": "save"}).status_code == 403


def test_what_identifies_a_person_is_refused_beside_its_field_quoted_and_nothing_is_saved(
        app, world, agreement, client):
    """Issue 17, item 4: what the first tries let through is refused, each field saying which words, in French;
    counts, the period's dates, a postcode and a street number pass."""
    from tests.support.web import field_error

    report_id = _first_report(app, world, agreement)
    url = f"/o/occupant-a/reports/{report_id}?lang=fr"
    with _at(date(2027, 4, 10)):
        client.login(world.occupant_admin)
        response = client.post(url, {
            **GOOD, "action": "submit",
            "incidents": "Mevrouw Fatima Benali (nr. 25), geboren 12/03/1990, is vertrokken.",
            "neighbourhood": "Le voisin (+33 6 12 34 56 78) écrit à voisin\uff20example.be",
            "support_needs": "Appeler le \uff10\uff14\uff17\uff10 \uff11\uff12 \uff13\uff14 \uff15\uff16."})
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        incidents = field_error(body, "incidents")
        assert "« Mevrouw Fatima Benali »" in incidents and "« geboren 12/03/1990 »" in incidents
        assert "Supprimez le nom" in incidents
        neighbourhood = field_error(body, "neighbourhood")
        assert "« +33 6 12 34 56 78 »" in neighbourhood and "« voisin\uff20example.be »" in neighbourhood
        assert "\uff10\uff14\uff17\uff10" in field_error(body, "support_needs")
        with app.app_context():
            report = db.session.get(Report, report_id)
            assert report.status == ReportStatus.draft and report.incidents == "" and report.persons == 0
        response = client.post(url, {
            **GOOD, "action": "submit",
            "incidents": "Période du 01/01/2027 au 31/03/2027 : 3 personnes, 2 ménages, 0 incident.",
            "neighbourhood": "Fête de quartier Rue Haute 120, 1000 Bruxelles ; Madame la Bourgmestre est venue."})
        assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Report, report_id).status == ReportStatus.submitted


def _submit(app, report_id, values, day=date(2027, 8, 1)):
    """The occupant submits, on a day after the periods of these tests (a report is sent once its period ended)."""
    from occupancies.reports import operations as ops
    from portal.accounts.models import User

    with _at(day), app.test_request_context():
        report = db.session.get(Report, report_id)
        ops.submit_report(report, values, actor=db.session.get(User, report.occupant.memberships[0].user_id))
        db.session.commit()


def test_a_report_is_prepared_during_its_period_and_submitted_once_it_has_ended(app, world, agreement, client):
    """Issue 17, item 14: a quarter's report could be submitted before the quarter had ended. It is created when its
    period begins, to be prepared and saved; the page says from which day it can be sent, and the server refuses it
    before then, whatever the browser sends."""
    report_id = _first_report(app, world, agreement, day=date(2027, 3, 20))
    url = f"/o/occupant-a/reports/{report_id}"
    for day in (date(2027, 3, 20), date(2027, 3, 31)):             # during the quarter, and on its last day
        with _at(day):
            client.login(world.occupant_admin)
            response = client.post(url, {**GOOD, "action": "submit"})
            assert response.status_code == 422
            assert "This report can be submitted from 01/04/2027, once its period has ended" in response.get_data(
                as_text=True)
            with app.app_context():
                report = db.session.get(Report, report_id)
                assert report.status == ReportStatus.draft and report.submitted_at is None
                assert _notes(world.owner_admin, "report.submitted") == 0
            page = client.get(url).get_data(as_text=True)
            assert "It can be submitted from April 1, 2027, once its period has ended." in page
            assert 'value="submit"' not in page and 'value="save"' in page
            response = client.post(url, {**GOOD, "action": "save"}, follow_redirects=True)
            assert "It can be submitted from 01/04/2027 and is due by 30/04/2027." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Report, report_id).persons == 3                         # the draft is kept
    with _at(date(2027, 4, 1)):
        client.login(world.occupant_admin)
        page = client.get(url).get_data(as_text=True)
        assert 'value="submit"' in page and "It can be submitted from" not in page
        assert client.post(url, {**GOOD, "action": "submit"}).status_code == 303
    with app.app_context():
        assert db.session.get(Report, report_id).status == ReportStatus.submitted


def test_counts_that_do_not_add_up_need_an_explanation(app, world, agreement, client):
    _sweep(app, date(2027, 7, 2))
    with app.app_context():
        first, second = [r.id for r in _reports(agreement)][:2]
    _submit(app, first, {"households": 2, "persons": 3, "entries": 4, "exits_durable": 1})
    url = f"/o/occupant-a/reports/{second}"
    # 3 + 2 entries - 1 exit = 4, not 6.
    values = {"households": "3", "persons": "6", "entries": "2", "exits_street": "1", "action": "submit"}
    with _at(date(2027, 7, 10)):
        client.login(world.occupant_admin)
        response = client.post(url, values)
        body = response.get_data(as_text=True)
        assert response.status_code == 422 and 'id="consistency_note-error"' in body
        assert "make 4, not 6" in body
        assert client.post(url, {**values, "consistency_note": "Deux enfants sont nés."}).status_code == 303
    with app.app_context():
        report = db.session.get(Report, second)
        assert report.status == ReportStatus.submitted and report.consistency_note == "Deux enfants sont nés."
    client.login(world.owner_admin)
    body = client.get(f"/o/owner-a/reports/{second}").get_data(as_text=True)
    assert "make 4, not 6" in body and "Deux enfants sont nés." in body


def test_the_owner_acknowledges_or_returns_with_a_question(app, world, agreement, client):
    report_id = _first_report(app, world, agreement)
    _submit(app, report_id, {"households": 2, "persons": 3, "entries": 3})
    client.login(world.owner_editor)
    url = f"/o/owner-a/reports/{report_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Acknowledge the report" in page and "Return it with a question" in page
    response = client.post(url + "/return", {"question": ""})
    assert response.status_code == 422 and 'id="question-error"' in response.get_data(as_text=True)
    response = client.post(url + "/return", {"question": "Appelez-moi au 02 512 34 56"})
    assert response.status_code == 422 and "Remove the phone number" in response.get_data(as_text=True)
    assert client.post(url + "/return", {"question": "Les trois personnes sont-elles des adultes ?"}).status_code == 303
    with app.app_context():
        report = db.session.get(Report, report_id)
        assert report.status == ReportStatus.returned and report.owner_question.startswith("Les trois")
        assert _notes(world.occupant_admin, "report.returned") == 1
    # The occupant answers and submits again; the owner acknowledges it with a comment.
    _submit(app, report_id, {"households": 2, "persons": 3, "entries": 3,
                             "occupant_answer": "Deux adultes et un enfant."})
    assert client.post(url + "/acknowledge", {"comment": "Merci."}).status_code == 303
    with app.app_context():
        report = db.session.get(Report, report_id)
        assert report.status == ReportStatus.acknowledged and report.owner_comment == "Merci."
        assert report.reviewed_by_id == world.owner_editor
        assert _notes(world.occupant_editor, "report.acknowledged") == 1
    assert client.post(url + "/acknowledge", {"comment": "Encore"}).status_code == 403
    # The evaluator reads, never reviews.
    client.login(world.owner_evaluator)
    assert client.get(url).status_code == 200


def test_the_history_names_the_organisation_each_person_acts_for(app, world, agreement, client):
    """Issue 17, item 5: the occupant's staff were shown as acting for the owner ("Otto Occupant (Commune A)")."""
    from tests.support.web import history_entries

    report_id = _first_report(app, world, agreement)
    with _at(date(2027, 4, 10)):
        client.login(world.occupant_admin)
        client.post(f"/o/occupant-a/reports/{report_id}", {**GOOD, "action": "save"})
        client.post(f"/o/occupant-a/reports/{report_id}", {**GOOD, "action": "submit"})
        client.login(world.owner_editor)
        client.post(f"/o/owner-a/reports/{report_id}/return", {"question": "Les trois personnes sont-elles adultes ?"})
        history = history_entries(client.get(f"/o/owner-a/reports/{report_id}").get_data(as_text=True))
        client.login(world.occupant_admin)
        assert history_entries(client.get(f"/o/occupant-a/reports/{report_id}").get_data(as_text=True)) == history
    assert history == ["Report returned with a question · Ed Editor (Commune A)",
                       "Report submitted · Otto Occupant (Asbl A)",
                       "Report saved as a draft · Otto Occupant (Asbl A)",
                       "Report scheduled · the system (Commune A)"]


def test_the_owner_reads_its_question_beside_the_occupants_answer(app, world, agreement, client):
    """Issue 17, item 5: once the occupant had answered, the owner's page no longer showed the question asked. The
    occupant now answers in a field of its own (required to submit again, checked for personal data), and both
    read the question and the answer until the report is acknowledged, and after."""
    from tests.support.web import field_error

    report_id = _first_report(app, world, agreement)
    question = "Les trois personnes sont-elles des adultes ?"
    with _at(date(2027, 4, 10)):
        client.login(world.occupant_admin)
        client.post(f"/o/occupant-a/reports/{report_id}", {**GOOD, "action": "submit"})
        client.login(world.owner_editor)
        assert client.post(f"/o/owner-a/reports/{report_id}/return", {"question": question}).status_code == 303
        client.login(world.occupant_admin)
        url = f"/o/occupant-a/reports/{report_id}"
        page = client.get(url).get_data(as_text=True)
        assert question in page and 'id="occupant_answer"' in page
        response = client.post(url, {**GOOD, "action": "submit"})
        assert response.status_code == 422
        assert "Answer the owner&#39;s question" in field_error(response.get_data(as_text=True), "occupant_answer")
        response = client.post(url, {**GOOD, "action": "submit", "occupant_answer": "Oui, sauf Monsieur Benali."})
        assert "“Monsieur Benali”" in field_error(response.get_data(as_text=True), "occupant_answer")
        assert client.post(url, {**GOOD, "action": "save", "occupant_answer": "Deux adultes"}).status_code == 303
        assert "Deux adultes" in client.get(url).get_data(as_text=True)          # kept with the draft
        response = client.post(url, {**GOOD, "action": "submit",
                                     "occupant_answer": "Deux adultes et un enfant de sept ans."})
        assert response.status_code == 303
        with app.app_context():
            report = db.session.get(Report, report_id)
            assert report.status == ReportStatus.submitted
            assert report.occupant_answer == "Deux adultes et un enfant de sept ans."
            assert _notes(world.owner_editor, "report.answered") == 1
        client.login(world.owner_editor)
        page = client.get(f"/o/owner-a/reports/{report_id}").get_data(as_text=True)
        assert 'id="question-and-answer"' in page
        assert question in page and "Deux adultes et un enfant de sept ans." in page
        assert client.post(f"/o/owner-a/reports/{report_id}/acknowledge", {"comment": "Merci."}).status_code == 303
        for user, slug in ((world.owner_editor, "owner-a"), (world.occupant_editor, "occupant-a")):
            client.login(user)
            page = client.get(f"/o/{slug}/reports/{report_id}?lang=en").get_data(as_text=True)
            assert question in page and "Deux adultes et un enfant de sept ans." in page


def test_an_activity_report_asks_for_activities_not_people(app, world, client):
    with app.test_request_context():
        agreement = make_active_agreement(world.owner, world.occupant, use=UseCategory.culture)
        db.session.commit()
        agreement_id = agreement.id
    report_id = _first_report(app, world, agreement_id)
    with _at(date(2027, 4, 10)):
        client.login(world.occupant_admin)
        body = client.get(f"/o/occupant-a/reports/{report_id}").get_data(as_text=True)
        assert "Activities held" in body and "Persons housed" not in body and "Axis 2" not in body
        response = client.post(f"/o/occupant-a/reports/{report_id}",
                               {"activities": "8", "audience": "160", "activities_text": "Ateliers",
                                "persons": "50", "action": "submit"})
    assert response.status_code == 303
    with app.app_context():
        report = db.session.get(Report, report_id)
        assert (report.activities, report.audience, report.persons) == (8, 160, 0)


def test_an_owner_reads_only_the_reports_on_its_own_sites(app, world, agreement, client):
    report_id = _first_report(app, world, agreement)
    client.login(world.other_owner_admin)
    assert client.get(f"/o/owner-b/reports/{report_id}").status_code == 404
    assert client.post(f"/o/owner-b/reports/{report_id}/acknowledge", {"comment": ""}).status_code == 404
    assert "Maison Test" not in client.get("/o/owner-b/reports/").get_data(as_text=True)
    client.login(world.other_occupant_admin)
    assert client.get(f"/o/occupant-b/reports/{report_id}").status_code == 404
    with _at(date(2027, 5, 2)):
        client.login(world.owner_admin)
        body = client.get("/o/owner-a/reports/?status=overdue").get_data(as_text=True)
    assert 'id="reports-table"' in body and "Maison Test" in body and "Overdue" in body
    with _at(date(2027, 4, 2)):
        client.login(world.owner_admin)
        assert 'id="reports-table"' not in client.get("/o/owner-a/reports/?status=overdue").get_data(as_text=True)
    client.login(world.owner_admin)
    assert client.get("/o/owner-a/reports/?status=nonsense&site=abc&page=-3").status_code == 200


def test_the_reports_list_keeps_a_constant_number_of_queries(app, world, client):
    from portal.organisations.models import Organisation
    from tests.support.sites import make_site, make_unit
    from tests.support.web import assert_constant_queries

    counter = iter(range(1, 1000))

    def grow(n):
        with _at(date(2027, 4, 2)), app.test_request_context():
            for _ in range(n):
                i = next(counter)
                site = make_site(db.session.get(Organisation, world.owner), f"Grown {i}")
                make_unit(site, "U")
                make_active_agreement(world.owner, world.occupant, site=site, reference=f"CONV-2027-8{i:03d}")
            db.session.commit()
            sweep_reports()
            db.session.commit()

    with _at(date(2027, 4, 2)):
        for user, url in ((world.owner_admin, "/o/owner-a/reports/"), (world.occupant_admin, "/o/occupant-a/reports/")):
            client.login(user)
            assert_constant_queries(app, client, url, grow, sizes=(2, 6), most=14)
    with app.test_request_context():
        assert db.session.scalar(select(func.count(Report.id))) >= 32   # two quarters per grown agreement


def test_the_list_pages_each_sides_reports_in_due_order(app, world, agreement):
    """reports_of merges the owner's and the occupant's sides page by page: no report lost or repeated."""
    from datetime import timedelta

    from occupancies.agreements.models import Agreement
    from occupancies.reports.models import Report
    from occupancies.reports.queries import PAGE, reports_of
    from occupancies.reports.workflow import ReportKind
    from portal.organisations.models import Organisation

    with app.test_request_context():
        owned = db.session.get(Agreement, agreement)
        # occupant-a is also the occupant of owner-b's site: its list holds both owners' reports.
        other = make_active_agreement(world.other_owner, world.occupant, reference="CONV-2027-0777")
        first = date(2020, 1, 1)
        for n in range(PAGE + 30):
            for source in (owned, other):
                start = first + timedelta(days=31 * n + (3 if source is other else 0))
                db.session.add(Report(organisation_id=source.organisation_id, agreement_id=source.id,
                                      site_id=source.site_id, occupant_id=source.occupant_id,
                                      use_category=UseCategory.emergency_housing, kind=ReportKind.housing,
                                      period_start=start, period_end=start, due_on=start + timedelta(days=40),
                                      quarter=20201))
        db.session.commit()
        occupant = db.session.get(Organisation, world.occupant)
        pages = [reports_of(occupant, page=p) for p in (1, 2, 3)]
        ids = [r.id for rows, _total in pages for r in rows]
        due = [(r.due_on, r.id) for rows, _total in pages for r in rows]
        assert pages[0][1] == 2 * (PAGE + 30) and len(ids) == len(set(ids)) == 2 * (PAGE + 30)
        assert due == sorted(due, reverse=True)
        owner_rows, owner_total = reports_of(db.session.get(Organisation, world.owner), page=2)
        assert owner_total == PAGE + 30 and len(owner_rows) == 30
        assert all(r.organisation_id == world.owner for r in owner_rows)
