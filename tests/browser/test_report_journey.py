"""A quarterly report from the occupant to the region's figures (issue 8), in a real browser, with a frozen clock.

owner-a's house is occupied by occupant-a under an agreement in force since 15 January 2027 (emergency housing,
quarterly reports). In March the schedule has created the first quarter's report: the occupant's administrator
prepares it and saves it, the page saying it can be sent from 1 April. In April, the administrator fills it in,
types a resident's name after her civil title and a phone number in full-width digits in the incidents and is
stopped, with the words quoted beside the field and nothing saved; removes them and submits. The owner's
administrator returns it with a question; the occupant answers it beside the question and submits again; the
owner reads the question and the answer together, and acknowledges it with a comment. The Guichet's figure of
people housed by ISSUE axis then counts the three persons of axis 2, in French and in Dutch; the occupant's
Dutch-speaking editor reads the acknowledged report in Dutch.

Selectors rely on ids, names and form actions; what a person reads is checked through the catalogues."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from occupancies.reports.models import Report
from occupancies.reports.workflow import ReportStatus
from portal.accounts.models import User
from portal.extensions import db
from portal.jobs.queue import run_job
from tests.support.browser import submit, translated
from tests.support.reports import make_active_agreement

pytestmark = pytest.mark.browser

MARCH = datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
APRIL = datetime(2027, 4, 6, 9, 0, tzinfo=UTC)
OCCUPANT_ADMIN, OCCUPANT_EDITOR = "occupant.admin@example.org", "occupant.editor@example.org"
OWNER_ADMIN, GUICHET_ADMIN = "owner.admin@example.org", "guichet.admin@example.org"
FIGURES = "/guichet/figures/?from=2027&to=2027"


def axis2_in_first_quarter(page, lang: str) -> str:
    page.goto(f"{FIGURES}&lang={lang}")
    return page.inner_text("#table-people tbody tr:nth-child(1) td:nth-of-type(2)").strip()


def the_report(app, report_id: int) -> Report:
    with app.app_context():
        report = db.session.get(Report, report_id)
        db.session.expunge_all()
        return report


def test_an_occupant_reports_the_owner_acknowledges_and_the_region_counts_it(
        app, world, live_server, new_context, sign_in, screenshot):
    with time_machine.travel(MARCH, tick=True) as clock:
        with app.test_request_context():
            agreement = make_active_agreement(world.owner, world.occupant)
            for user_id in (world.occupant_admin, world.owner_admin, world.guichet_admin):
                db.session.get(User, user_id).language = "fr"          # they read French; the editor Dutch
            db.session.commit()
            assert run_job("occupancies.reports.jobs.sweep_reports") >= 1    # the hourly sweep, committed
            report_id = db.session.scalar(select(Report.id).where(Report.agreement_id == agreement.id)
                                          .order_by(Report.period_start))
        url = f"/o/occupant-a/reports/{report_id}"

        # 0. In March, the occupant's administrator prepares the quarter's report: saved as a draft, it is sent once
        #    the quarter has ended, as the page says.
        early = sign_in(new_context().new_page(), OCCUPANT_ADMIN, lang="fr")
        early.goto(url)
        assert early.locator("#report-form button[value=submit]").count() == 0
        assert translated(app, "fr", "You can prepare this report now and save it as a draft. It can be submitted "
                                     "from %(date)s, once its period has ended.", date="1er avril 2027") \
            in early.inner_text("#submit-from")
        early.fill("#households", "2")
        early.fill("#persons", "3")
        with early.expect_navigation():
            early.locator("#report-form button[value=save]").click()
        assert the_report(app, report_id).persons == 3 and the_report(app, report_id).status == ReportStatus.draft
        screenshot(early, "reports/00-prepared-in-march")
        early.set_viewport_size({"width": 390, "height": 844})
        screenshot(early, "reports/00-prepared-in-march-390")
        clock.move_to(APRIL)

        guichet = sign_in(new_context().new_page(), GUICHET_ADMIN, lang="fr")
        assert axis2_in_first_quarter(guichet, "fr") == "0"

        # 1. The occupant's administrator fills in the quarter and is stopped by a phone number.
        occupant = sign_in(new_context().new_page(), OCCUPANT_ADMIN, lang="fr")
        occupant.goto(url)
        occupant.fill("#households", "2")
        occupant.fill("#persons", "3")
        occupant.fill("#persons_axis2", "3")
        occupant.fill("#entries", "3")
        occupant.fill("#neighbourhood", "Bonnes relations avec les voisins.")
        occupant.fill("#incidents", "Fuite d'eau chez Mevrouw Fatima Benali (nr. 25) : le plombier a été appelé "
                                    "au ０４７０ １２ ３４ ５６.")
        with occupant.expect_navigation():
            occupant.locator("#report-form button[value=submit]").click()
        error = occupant.inner_text("#incidents-error")
        for words in ("Mevrouw Fatima Benali", "０４７０ １２ ３４ ５６"):      # quoted as typed
            assert translated(app, "fr", "“%(words)s”", words=words) in error
        assert error.startswith(translated(app, "fr", "Remove %(found)s: a report holds no data that identifies a "
                                                      "person.", found="").split(" ")[0])
        assert occupant.locator("#incidents").get_attribute("aria-invalid") == "true"
        screenshot(occupant, "reports/01-phone-refused")
        occupant.set_viewport_size({"width": 390, "height": 844})
        occupant.locator("#incidents-error").scroll_into_view_if_needed()
        screenshot(occupant, "reports/01-phone-refused-390")
        occupant.set_viewport_size({"width": 1280, "height": 900})
        assert the_report(app, report_id).status == ReportStatus.draft
        assert the_report(app, report_id).incidents == ""

        # 2. Removed, the report is submitted.
        occupant.fill("#incidents", "Fuite d'eau réparée par le plombier de la commune.")
        with occupant.expect_navigation():
            occupant.locator("#report-form button[value=submit]").click()
        report = the_report(app, report_id)
        assert report.status == ReportStatus.submitted and (report.persons, report.persons_axis2) == (3, 3)

        # 3. The owner's administrator asks a question; the occupant answers it and submits again; the owner reads
        #    the question beside the answer, and the history names each one's organisation.
        owner = sign_in(new_context().new_page(), OWNER_ADMIN, lang="fr")
        owner.goto(f"/o/owner-a/reports/{report_id}")
        assert "Fuite d'eau réparée" in owner.inner_text("main")
        owner.fill("#question", "Les trois personnes sont-elles des adultes ?")
        submit(owner, f"form[action='/o/owner-a/reports/{report_id}/return']")
        assert the_report(app, report_id).status == ReportStatus.returned
        occupant.goto(url)
        assert "Les trois personnes sont-elles des adultes ?" in occupant.inner_text("#owner-question")
        with occupant.expect_navigation():
            occupant.locator("#report-form button[value=submit]").click()
        assert translated(app, "fr", "Answer the owner's question before submitting the report again.") in \
            occupant.inner_text("#occupant_answer-error")
        occupant.fill("#occupant_answer", "Deux adultes et un enfant de sept ans.")
        screenshot(occupant, "reports/02-answer")
        occupant.set_viewport_size({"width": 390, "height": 844})
        screenshot(occupant, "reports/02-answer-390")
        occupant.set_viewport_size({"width": 1280, "height": 900})
        with occupant.expect_navigation():
            occupant.locator("#report-form button[value=submit]").click()
        assert the_report(app, report_id).status == ReportStatus.submitted
        owner.goto(f"/o/owner-a/reports/{report_id}")
        exchange = owner.inner_text("#question-and-answer")
        assert "Les trois personnes sont-elles des adultes ?" in exchange
        assert "Deux adultes et un enfant de sept ans." in exchange
        history = owner.inner_text("#history-title + ol")
        assert "(Asbl A)" in history and "(Commune A)" in history
        assert "Otto Occupant (Commune A)" not in history
        screenshot(owner, "reports/03-question-and-answer")
        owner.set_viewport_size({"width": 390, "height": 844})
        screenshot(owner, "reports/03-question-and-answer-390")
        owner.set_viewport_size({"width": 1280, "height": 900})

        # 4. The owner's administrator acknowledges it with a comment.
        owner.fill("#comment", "Merci, le suivi du plombier est noté.")
        submit(owner, f"form[action='/o/owner-a/reports/{report_id}/acknowledge']")
        screenshot(owner, "reports/04-acknowledged")
        assert the_report(app, report_id).status == ReportStatus.acknowledged

        # 5. The region counts the three persons of axis 2, in French and in Dutch.
        assert axis2_in_first_quarter(guichet, "fr") == "3"
        assert translated(app, "fr", "People housed at the end of each quarter, by ISSUE axis") in \
            guichet.inner_text("#figure-people")
        screenshot(guichet, "reports/05-region-fr")
        assert axis2_in_first_quarter(guichet, "nl") == "3"
        assert translated(app, "nl", "People housed at the end of each quarter, by ISSUE axis") in \
            guichet.inner_text("#figure-people")
        assert guichet.locator("#section-people canvas").count() == 1
        screenshot(guichet, "reports/06-region-nl")

        # 6. The occupant's Dutch-speaking editor reads the acknowledged report.
        editor = sign_in(new_context().new_page(), OCCUPANT_EDITOR, lang="nl")
        editor.goto(url)
        assert translated(app, "nl", "Acknowledged") in editor.inner_text("main")
        assert "Merci, le suivi du plombier est noté." in editor.inner_text("main")
        screenshot(editor, "reports/07-report-nl")
