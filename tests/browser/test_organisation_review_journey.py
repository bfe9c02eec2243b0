"""Issue 17, items 15, 17 and 18 in a real browser: the Guichet no longer approves blind, the approved association is
shown the open calls, and the owner reads its agreement before sending it.

1. The waiting association's administrator (Dutch) adds its statutes on its organisation's page.
2. A Guichet moderator (French) opens the review page: the enterprise number links to the public register, the
   statutes open; it asks for more information.
3. The administrator reads the question on the dashboard, answers it on the organisation's page.
4. The moderator reads the answer beside the question and approves; the association's dashboard lists the open calls.
5. The owner's editor previews the draft agreement's PDF (marked as a draft) from the agreement's page.

Screenshots of each step, at 1,280 and 390 pixels, go to test-artifacts/review/.
"""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from occupancies.workflow import PublicationStatus, UseCategory
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.browser import submit, translated
from tests.support.sites import PDF

pytestmark = pytest.mark.browser

QUESTION = "Vos statuts mentionnent-ils un siège à Bruxelles ? Joignez la dernière publication au Moniteur."
ANSWER = "Ja: artikel 2, zetel Wetstraat 1. De publicatie in het Staatsblad zit bij onze statuten."


@pytest.fixture
def setting(app, world):
    """The pending registration's enterprise number; an open call; owner-a's draft agreement with occupant-a."""
    from occupancies.agreements import operations as agreement_ops
    from portal.accounts.models import User
    from tests.support.calls import make_call
    from tests.support.sites import make_site, make_unit

    with app.test_request_context():
        pending = db.session.scalar(select(Organisation).where(Organisation.slug == "pending-c"))
        pending.enterprise_number = "0812345603"
        owner = db.session.scalar(select(Organisation).where(Organisation.slug == "owner-a"))
        site = make_site(owner, "Ancienne caserne Dailly", publication=PublicationStatus.published)
        unit = make_unit(site, "Aile nord")
        make_call(site, title="Occuper l’aile nord de la caserne")
        occupant = db.session.scalar(select(Organisation).where(Organisation.slug == "occupant-a"))
        editor = db.session.scalar(select(User).where(User.email == "owner.editor@example.org"))
        agreement = agreement_ops.draft_agreement(owner, site, occupant, {
            "unit_ids": [unit.id], "use_category": UseCategory.culture, "start_date": date(2027, 1, 1),
            "end_date": date(2027, 12, 31), "purpose_fr": "Ateliers d'artistes et scène ouverte.",
            "purpose_nl": "Kunstenaarsateliers en een open podium.", "free_use": True}, actor=editor)
        db.session.commit()
        return {"pending": pending.id, "agreement": agreement.id}


@pytest.mark.parametrize("width", [1280, 390])
def test_the_guichet_reviews_on_evidence_and_the_owner_reads_before_sending(
        app, setting, new_context, sign_in, screenshot, tmp_path, live_server, width):
    viewport = {"width": width, "height": 900}
    shot = f"review/{width}"
    statutes = tmp_path / "Statuten vzw C.pdf"
    statutes.write_bytes(PDF)

    # 1. The association adds its statutes.
    paula = sign_in(new_context(viewport=viewport).new_page(), "pending.admin@example.org", lang="nl")
    paula.goto("/o/pending-c/organisation?lang=nl")
    paula.set_input_files("#statutes", str(statutes))
    submit(paula, "form[action='/o/pending-c/organisation/statutes']")
    assert paula.locator("#statutes-title").is_visible()
    assert paula.get_by_role("link", name="Statuten vzw C.pdf").is_visible()
    screenshot(paula, f"{shot}-01-statutes-added-nl")

    # 2. The Guichet reviews: the register's page, the statutes, and a question.
    mo = sign_in(new_context(viewport=viewport).new_page(), "guichet.moderator@example.org", lang="fr")
    mo.goto(f"/guichet/organisations/{setting['pending']}?lang=fr")
    register = mo.locator("#register-link")
    assert "kbopub.economie.fgov.be" in register.get_attribute("href") and "0812345603" in register.get_attribute(
        "href")
    statutes_link = mo.locator(f"a[href='/guichet/organisations/{setting['pending']}/statutes']")
    response = mo.context.request.get(live_server + statutes_link.get_attribute("href"))
    assert response.status == 200 and response.body() == PDF
    mo.fill("#info-reason", QUESTION)
    submit(mo, f"form[action='/guichet/organisations/{setting['pending']}/request-information']")
    assert QUESTION in mo.locator("main").inner_text()
    screenshot(mo, f"{shot}-02-question-asked-fr")

    # 3. The association reads the question on its dashboard and answers it.
    paula.goto("/o/pending-c/?lang=nl")
    assert QUESTION in paula.locator("main").inner_text()
    screenshot(paula, f"{shot}-03-dashboard-question-nl")
    paula.locator("main a[href='/o/pending-c/organisation#question']").click()
    paula.wait_for_url("**/organisation#question")
    paula.fill("#answer", ANSWER)
    submit(paula, "form[action='/o/pending-c/organisation/answer']")
    assert paula.locator("main .badge").first.inner_text() == translated(app, "nl", "Awaiting approval")
    screenshot(paula, f"{shot}-04-answered-nl")

    # 4. The Guichet reads the answer and approves; the association finds the open calls on its dashboard.
    mo.goto(f"/guichet/organisations/{setting['pending']}?lang=fr")
    main = mo.locator("main").inner_text()
    assert ANSWER in main and QUESTION in main
    screenshot(mo, f"{shot}-05-answer-read-fr")
    submit(mo, f"form[action='/guichet/organisations/{setting['pending']}/approve']")
    paula.goto("/o/pending-c/?lang=nl")
    calls = paula.locator("#open-calls-section")
    assert calls.get_by_text("Oproep Occuper l’aile nord de la caserne").is_visible()
    assert paula.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(paula, f"{shot}-06-approved-open-calls-nl")

    # 5. The owner's editor reads the draft's PDF before sending it.
    ed = sign_in(new_context(viewport=viewport).new_page(), "owner.editor@example.org", lang="fr")
    ed.goto(f"/o/owner-a/agreements/{setting['agreement']}?lang=fr")
    preview = ed.locator("#preview-link")
    assert preview.is_visible()
    screenshot(ed, f"{shot}-07-agreement-preview-link-fr")
    response = ed.context.request.get(live_server + preview.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
