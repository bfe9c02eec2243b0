"""From a vacant house reported by the public to a dwelling let under the public management right (issue 19), in a
real browser. Someone of the public reports a vacant house in French at 1,280 px (a missing email refused first
beside its field) and confirms the report by the link emailed to them; the commune's editor, who reads Dutch, checks
it on a phone and puts it on the register; the public figures count it without its address. In French at 1,280 px,
the editor opens a case from the signal, records the decision and the visit (a visit at 21:00 refused beside its
hour first), the studies and the proposal; the owner stays silent, and the formal notice is refused the last day of
the owner's 2 months, then recorded the day after. Months later, on a phone in Dutch, the case is taken over,
renovated and let; the next deadline is the annual report due on 31 March, and its letter is printed in Dutch.

Selectors rely on ids, names and links; what a person reads is checked through the catalogues."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from occupancies.dgp.models import DgpCase
from occupancies.dgp.rules import Phase
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import SignalStatus
from portal.accounts.models import User
from portal.extensions import db
from tests.support.browser import submit, translated
from tests.support.web import link_in, outbox

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}
STEP_FORM = "main form[action$='/steps']"
EMAIL = "voisine@example.org"


def record(page, step, on, **fields):
    page.select_option("#step", step)
    page.fill("#on", on)
    for name, value in fields.items():
        page.fill(f"#{name}", value)
    submit(page, STEP_FORM)


def the_case(app) -> DgpCase:
    with app.app_context():
        case = db.session.scalars(select(DgpCase)).one()
        db.session.expunge(case)
        return case


def the_signal(app) -> VacancySignal:
    with app.app_context():
        return db.session.scalars(select(VacancySignal)).one()


def report_a_vacant_house(app, jobs, visitor) -> None:
    """Someone of the public reports the house in French, then confirms the report by the emailed link."""
    visitor.goto("/vacancies?lang=fr")
    with visitor.expect_navigation():
        visitor.click("main a[href='/vacancies/report']")
    assert translated(app, "fr", "Report a vacant place") in visitor.inner_text("h1")
    visitor.fill("#street", "Rue de la Brasserie")
    visitor.fill("#number", "41")
    visitor.fill("#postcode", "1050")
    visitor.select_option("#commune", "ixelles")
    visitor.fill("#latitude", "50.8262")
    visitor.fill("#longitude", "4.3790")
    visitor.select_option("#kind", "dwelling")
    visitor.check("input[name=evidence][value=no_furniture]")
    visitor.check("input[name=owner_type][value=private]")
    visitor.fill("#owner_name", "Famille Leroy")
    submit(visitor)
    assert translated(app, "fr", "This field is required.") in visitor.inner_text("#email-error")
    assert visitor.input_value("#street") == "Rue de la Brasserie"          # what was typed is kept
    visitor.fill("#email", EMAIL)
    submit(visitor)
    assert visitor.url.endswith("/vacancies/report/sent")
    jobs.run()
    [mail] = [m for m in outbox(app, EMAIL) if "/vacancies/confirm/" in m[3]]
    visitor.goto(link_in(mail[3], "/vacancies/confirm/"))
    assert the_signal(app).status == SignalStatus.unconfirmed                # the link's page writes nothing
    with visitor.expect_navigation():
        visitor.click("#confirm-report")
    assert the_signal(app).status == SignalStatus.pending


def put_it_on_the_register(app, commune, screenshot) -> None:
    """The commune's editor checks the report on a phone, in Dutch, and puts it on the register."""
    commune.goto("/o/owner-a/vacancies/?status=pending")
    assert translated(app, "nl", "Vacancy register") in commune.inner_text("h1")
    with commune.expect_navigation():
        commune.click("#signals a:has-text('Rue de la Brasserie 41')")
    assert "Famille Leroy" in commune.inner_text("main")                     # the commune reads the owner
    commune.check("input[name=decision][value=accept]")
    screenshot(commune, "vacancies/02-check-nl-phone")
    submit(commune, "main form[action$='/decision']")
    assert translated(app, "nl", "On the register") in commune.locator("main .badge").first.inner_text()
    assert commune.evaluate("document.documentElement.scrollWidth") <= 390
    assert the_signal(app).status == SignalStatus.accepted


def test_from_a_public_report_to_a_dwelling_let_and_its_annual_report(app, world, live_server, jobs, new_context,
                                                                       sign_in, screenshot):
    with app.app_context():
        db.session.get(User, world.owner_editor).language = "nl"
        db.session.commit()
    with time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=UTC), tick=True):
        visitor = new_context().new_page()
        report_a_vacant_house(app, jobs, visitor)
        screenshot(visitor, "vacancies/01-report-sent-fr")
        put_it_on_the_register(app, sign_in(new_context(**PHONE).new_page(), "owner.editor@example.org", lang="nl"),
                               screenshot)
        visitor.goto("/vacancies?lang=nl")
        figures = visitor.inner_text("#by-kind")
        assert "Elsene" in figures and "Brasserie" not in visitor.inner_text("main")
        signal_id = the_signal(app).id
        with app.app_context():
            db.session.get(User, world.owner_editor).language = "fr"
            db.session.commit()
        page = sign_in(new_context().new_page(), "owner.editor@example.org", lang="fr")
        page.goto(f"/o/owner-a/vacancies/{signal_id}")
        with page.expect_navigation():
            page.click(f"a[href='/o/owner-a/dgp/new?signal={signal_id}']")
        assert page.input_value("#owner_name") == "Famille Leroy"              # what the register knew
        submit(page)
        assert translated(app, "fr", "The case %(reference)s is opened. Record its first steps.",
                          reference=the_case(app).reference) in page.inner_text("main")
        record(page, "decided_to_proceed", "2026-08-01")
        record(page, "visit_requested", "2026-08-03")
        record(page, "visit_held", "2026-08-20", at="21:00")
        assert translated(app, "fr", "A visit takes place between 8:00 and 20:00.") in page.inner_text("#at-error")
        record(page, "visit_held", "2026-08-20", at="10:00")
        for step, on in (("visit_report", "2026-08-25"), ("studies_go_on", "2026-09-01"),
                         ("proposal_received", "2026-09-10")):
            record(page, step, on)
        assert translated(app, "fr", "The owner has not answered the proposal within the 2 months: send the formal "
                                     "notice to let the dwelling after the works.") in page.inner_text("main")
        record(page, "formal_notice_received", "2026-11-10")
        assert "10 novembre 2026" in page.inner_text("#step-error")            # the owner's last day
        record(page, "formal_notice_received", "2026-11-11")
        assert translated(app, "fr", "The end of the formal notice") in page.inner_text("#deadlines")
        assert "11 janv. 2027" in page.inner_text("#deadlines")                # 2 months after
        screenshot(page, "dgp/03-case-fr")
        assert the_case(app).phase == Phase.proposal

    with app.app_context():
        db.session.get(User, world.owner_editor).language = "nl"
        db.session.commit()
    with time_machine.travel(datetime(2027, 6, 1, 9, 0, tzinfo=UTC), tick=True):
        phone = sign_in(new_context(**PHONE).new_page(), "owner.editor@example.org", lang="nl")
        phone.goto(f"/o/owner-a/dgp/{the_case(app).id}")
        record(phone, "taken_over", "2027-01-11")
        assert phone.locator("#step-error").is_visible()                       # the notice's last day
        for step, on in (("taken_over", "2027-01-12"), ("works_started", "2027-02-01"),
                         ("final_acceptance", "2027-05-03"), ("lease_signed", "2027-05-20")):
            record(phone, step, on)
        assert the_case(app).phase == Phase.letting
        deadlines = phone.inner_text("#deadlines")
        assert translated(app, "nl", "The annual report to the owner (31 March)") in deadlines
        assert "31 mrt 2028" in deadlines
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone, "dgp/04-case-nl-phone")
        letter = phone.locator("#case-letters a[href*='/letters/annual_report'][lang='nl']")
        printed = phone.request.get(letter.get_attribute("href"))             # the PDF the link opens
        assert printed.ok and printed.body().startswith(b"%PDF")
        assert printed.headers["content-type"] == "application/pdf"
