"""The vacancy register (issue 19) in a real browser: someone of the public reports a vacant house in French at
1,280 px, a missing email refused first beside its field, and confirms the report by the link emailed to them; the
commune's editor, who reads Dutch, checks it on a phone and puts it on the register; the public figures count it
without its address.

Selectors rely on ids, names and links; what a person reads is checked through the catalogues."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import SignalStatus
from portal.accounts.models import User
from portal.extensions import db
from tests.support.browser import submit, translated
from tests.support.web import link_in, outbox

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}
EMAIL = "voisine@example.org"


def the_signal(app) -> VacancySignal:
    with app.app_context():
        return db.session.scalars(select(VacancySignal)).one()


def test_the_public_reports_a_vacant_house_and_the_commune_puts_it_on_the_register(app, world, live_server, jobs,
                                                                                    new_context, sign_in,
                                                                                    screenshot):
    with app.app_context():
        db.session.get(User, world.owner_editor).language = "nl"
        db.session.commit()
    visitor = new_context().new_page()
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
    screenshot(visitor, "vacancies/01-report-fr")
    submit(visitor)
    assert visitor.url.endswith("/vacancies/report/sent")
    jobs.run()
    [mail] = [m for m in outbox(app, EMAIL) if "/vacancies/confirm/" in m[3]]
    visitor.goto(link_in(mail[3], "/vacancies/confirm/"))
    assert the_signal(app).status == SignalStatus.unconfirmed                # the link's page writes nothing
    with visitor.expect_navigation():
        visitor.click("#confirm-report")
    assert the_signal(app).status == SignalStatus.pending

    commune = sign_in(new_context(**PHONE).new_page(), "owner.editor@example.org", lang="nl")
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

    visitor.goto("/vacancies?lang=nl")
    figures = visitor.inner_text("#by-kind")
    assert "Elsene" in figures and "Brasserie" not in visitor.inner_text("main")
