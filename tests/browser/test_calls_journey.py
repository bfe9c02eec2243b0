"""An open call from its draft to its closing, in a real browser, with a frozen clock.

An owner's editor drafts a call with three weighted criteria; a Guichet moderator sends it back once, then
approves it, and it goes public by itself at the moment its owner planned; an occupant asks a question that the
owner answers in French and Dutch; two occupants apply (the
second withdraws and submits again); the deadline passes and the call closes by itself (the scheduled job); the
owner now reads both applications, in French and then in Dutch. Screenshots go to test-artifacts/calls/.

Selectors rely on ids, names and form actions; visible texts are checked only where the journey's point is
what a person reads (the reason, the answer, the Dutch page).
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.browser import dutch_for, submit
from tests.support.sites import make_site, make_unit

pytestmark = pytest.mark.browser

UTC = UTC
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2027, 1, 31, 11, 0, tzinfo=UTC)   # 12:00 in Brussels
PUBLICATION = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)   # the owner's planned publication: 10:30 in Brussels
EDITOR, ADMIN = "owner.editor@example.org", "owner.admin@example.org"
MODERATOR = "guichet.moderator@example.org"
OCCUPANT_A, OCCUPANT_B = "occupant.editor@example.org", "other.occupant@example.org"

CRITERIA = [("Qualité du projet", "Kwaliteit van het project", "50"), ("Ancrage local", "Lokale verankering", "30"),
            ("Mixité des publics", "Diversiteit", "20")]


def a_site(app, world) -> int:
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         commune="molenbeek-saint-jean", publication=PublicationStatus.published)
        make_unit(site, "Rez-de-chaussée")
        make_unit(site, "Premier étage")
        db.session.commit()
        return site.id


def the_call(app) -> Call:
    with app.app_context():
        call = db.session.scalar(select(Call))
        db.session.expunge_all()
        return call


def fill_call(page, site_id: int) -> None:
    page.goto(f"/o/owner-a/calls/new?site_id={site_id}")
    page.fill("#title_fr", "Rez-de-chaussée de l’école Ransfort")
    page.fill("#title_nl", "Gelijkvloers van de Ransfortschool")
    page.fill("#description_fr", "Un rez-de-chaussée de 120 m² pour un projet de quartier.")
    page.fill("#description_nl", "Een gelijkvloers van 120 m² voor een buurtproject.")
    page.check("input[name=uses][value=culture]")
    page.check("input[name=uses][value=social_economy]")
    page.fill("#conditions-0-text_fr", "Association sans but lucratif")
    page.fill("#conditions-0-text_nl", "Vereniging zonder winstoogmerk")
    for n, (fr, nl, weight) in enumerate(CRITERIA):
        page.fill(f"#criteria-{n}-label_fr", fr)
        page.fill(f"#criteria-{n}-label_nl", nl)
        page.fill(f"#criteria-{n}-weight", weight)
    assert page.inner_text("[data-weight-total]") == "100"  # the total follows what is typed
    page.fill("#publication_at", "2026-12-01T10:30")   # half an hour after T0, as its owner plans it
    page.fill("#visits-0", "2026-12-15T14:00")
    page.fill("#questions_deadline", "2027-01-15T12:00")
    page.fill("#submission_deadline", "2027-01-31T12:00")
    page.fill("#decision_on", "2027-02-28")
    page.fill("#occupancy_start", "2027-04-01")
    page.fill("#appeal_body_fr", "le Collège des bourgmestre et échevins, par lettre recommandée")
    page.fill("#appeal_body_nl", "het College van burgemeester en schepenen, met een aangetekende brief")
    page.fill("#appeal_days", "30")


def save_call(page) -> None:
    with page.expect_navigation():
        page.click("#save-call")


def apply(page, call_id: int, slug: str, summary: str) -> None:
    """Start the organisation's application from the call's page, fill it in and submit it."""
    page.goto(f"/calls/{call_id}")
    submit(page, f"form[action='/o/{slug}/applications/start/{call_id}']")
    page.fill("#summary", summary)
    page.select_option("#use_category", "culture")
    page.select_option("#occupant_type", "association")
    for textarea in page.locator("textarea[name^=answer_], textarea[name^=statement_]").all():
        textarea.fill("Oui : voir notre projet. / Ja: zie ons project.")
    submit(page, "form#application-form")   # saved without JavaScript's help as well
    page.check("form[action$='/submit'] input[name=confirm]")   # sealed once submitted: the box says so
    submit(page, "form[action$='/submit']")


def test_a_call_is_moderated_published_answered_applied_to_and_closes_by_itself(
        app, world, live_server, new_context, sign_in, screenshot, jobs):
    site_id = a_site(app, world)
    with time_machine.travel(T0, tick=True):
        # 1. The owner's editor drafts the call with three weighted criteria and sends it to the Guichet.
        editor = new_context().new_page()
        sign_in(editor, EDITOR)
        fill_call(editor, site_id)
        save_call(editor)
        call = the_call(app)
        assert call is not None, editor.inner_text("main")[:3000]
        assert editor.url.endswith(f"/o/owner-a/calls/{call.id}") and call.status == CallStatus.draft
        submit(editor, f"form[action='/o/owner-a/calls/{call.id}/submit']")
        screenshot(editor, "calls/01-sent-to-the-guichet")

        # 2. The Guichet sends it back once, with a reason; the editor corrects it and sends it again.
        moderator = new_context().new_page()
        sign_in(moderator, MODERATOR)
        moderator.goto("/guichet/calls/")
        with moderator.expect_navigation():
            moderator.locator(f"a[href='/guichet/calls/{call.id}']").first.click()
        moderator.fill("#reason", "Précisez l’assurance exigée.")
        submit(moderator, f"form[action='/guichet/calls/{call.id}/send-back']")
        editor.goto(f"/o/owner-a/calls/{call.id}")
        assert "Précisez l’assurance exigée." in editor.inner_text("main")
        editor.goto(f"/o/owner-a/calls/{call.id}/edit")
        editor.fill("#conditions-1-text_fr", "Assurance incendie avant l’entrée")
        editor.fill("#conditions-1-text_nl", "Brandverzekering vóór de intrek")
        save_call(editor)
        submit(editor, f"form[action='/o/owner-a/calls/{call.id}/submit']")
        moderator.goto(f"/guichet/calls/{call.id}")
        screenshot(moderator, "calls/02-moderation")
        moderator.check(f"form[action='/guichet/calls/{call.id}/publish'] input[name=confirm]")
        submit(moderator, f"form[action='/guichet/calls/{call.id}/publish']")
        # Approved: it waits for the moment its owner planned, and is not public yet.
        assert the_call(app).status == CallStatus.approved
        assert new_context().new_page().goto(f"{live_server}/calls/{call.id}").status == 404

    # At the planned moment, the scheduled job publishes it.
    with time_machine.travel(PUBLICATION + timedelta(minutes=1), tick=True):
        jobs.run()
        assert the_call(app).status == CallStatus.published

        # 3. An occupant asks a question; the owner answers in both languages; the answer is public, unsigned.
        occupant_a = new_context(locale="nl-BE").new_page()
        sign_in(occupant_a, OCCUPANT_A)
        occupant_a.goto(f"/calls/{call.id}")
        occupant_a.fill("#text", "Mag het gelijkvloers op zondag open zijn?")
        submit(occupant_a, f"form[action='/o/occupant-a/calls/{call.id}/ask']")
        editor.goto(f"/o/owner-a/calls/{call.id}")
        editor.locator("textarea[name$='-answer_fr']").fill("Oui, jusqu’à 18 heures.")
        editor.locator("textarea[name$='-answer_nl']").fill("Ja, tot 18 uur.")
        submit(editor, "form[action$='/answer']")
        occupant_a.goto(f"/calls/{call.id}")
        assert "Ja, tot 18 uur." in occupant_a.inner_text("#questions")
        assert "Asbl A" not in occupant_a.inner_text("#questions")
        screenshot(occupant_a, "calls/03-public-call-in-dutch")

        # 4. Two occupants apply; the second withdraws and submits again.
        apply(occupant_a, call.id, "occupant-a", "Een buurtatelier voor herstellingen.")
        occupant_b = new_context().new_page()
        sign_in(occupant_b, OCCUPANT_B)
        apply(occupant_b, call.id, "occupant-b", "Un café citoyen et une bibliothèque d’outils.")
        submit(occupant_b, "form[action$='/withdraw']")
        occupant_b.check("form[action$='/submit'] input[name=confirm]")
        submit(occupant_b, "form[action$='/submit']")
        screenshot(occupant_b, "calls/04-submitted-again")
        with app.app_context():
            statuses = sorted(a.status for a in db.session.scalars(select(Application)))
        assert statuses == [ApplicationStatus.submitted, ApplicationStatus.submitted]

        # Before the deadline the owner sees how many, not what.
        editor.goto(f"/o/owner-a/calls/{call.id}/applications")
        assert "Un café citoyen" not in editor.inner_text("main")

    # 5. The deadline passes: the scheduled job closes the call by itself.
    with time_machine.travel(DEADLINE + timedelta(minutes=1), tick=True):
        jobs.run()
        assert the_call(app).status == CallStatus.closed
        owner = new_context().new_page()
        sign_in(owner, ADMIN)
        owner.goto(f"/o/owner-a/calls/{call.id}/applications")
        table = owner.inner_text("#applications-table")
        assert "Asbl A" in table and "Asbl B" in table
        screenshot(owner, "calls/05-applications-in-french")
        with owner.expect_navigation():
            owner.locator("header a[hreflang=nl]").click()
        assert dutch_for("Applications") in owner.inner_text("h1")
        assert "Asbl A" in owner.inner_text("#applications-table")
        with owner.expect_navigation():
            owner.locator("#applications-table a").first.click()
        assert "Een buurtatelier voor herstellingen." in owner.inner_text("main")  # the first submitted
        screenshot(owner, "calls/06-an-application-in-dutch")
