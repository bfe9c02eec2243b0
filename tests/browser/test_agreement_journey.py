"""An agreement from a selected application to its amendment (issue 7), in a real browser, with a frozen clock.

owner-a's call on the École Ransfort has closed and occupant-a's application is selected for two classrooms,
from 1 January to 31 December 2027. On 1 December 2026 the owner's editor drafts the agreement from the
application (the units, the project and the dates come prefilled), names the representatives and sends it;
the occupant's administrator, who reads Dutch, types a wrong password once, then signs; the owner's
administrator signs in turn. The occupant's editor gives the insurance certificate and the owner records the
fire-safety visit and the entry inventory. On 1 January 2027 the scheduled job starts the occupancy, which the
owner's site page now shows on its timeline. An amendment then extends the agreement by six months, signed by
both; the occupancy follows. Each version's PDF opens in French (the signed copy) and in Dutch (a translation):
two of them are kept in test-artifacts/agreements/ with their pages rendered to PNG by pdftoppm, beside
screenshots of the key pages.

Selectors rely on ids, names and form actions; what a person reads (the error beside the password, the
amendment, the new end) is checked through the catalogues (flask_babel), not hard-coded.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine
from flask_babel import force_locale, format_date
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements.models import Agreement
from occupancies.agreements.workflow import AgreementStatus, VersionStatus
from occupancies.models import Occupancy
from portal.extensions import db
from tests.support.browser import ARTIFACTS, submit, translated, type_code
from tests.support.evaluation import make_evaluation
from tests.support.factories import PASSWORD
from tests.support.sites import PDF

pytestmark = pytest.mark.browser

UTC = UTC
DRAFTING = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)      # a month before the start
START, END = date(2027, 1, 1), date(2027, 12, 31)
START_DAY = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)      # 9:00 in Brussels, on the first day
NEW_END = date(2028, 6, 30)                             # six months later
EDITOR, ADMIN = "owner.editor@example.org", "owner.admin@example.org"              # Ed and Olga read French
OCCUPANT_ADMIN, OCCUPANT_EDITOR = "occupant.admin@example.org", "occupant.editor@example.org"  # Dutch
OUT = ARTIFACTS / "agreements"
PDFTOPPM, PDFTOTEXT = "/usr/bin/pdftoppm", "/usr/bin/pdftotext"

PURPOSE_NL = "Noodopvang voor vier gezinnen in twee klaslokalen, met begeleiding door onze maatschappelijk werkers."
SUPPORT_FR = "La commune assure l’entretien du chauffage et l’accès à la cour de récréation."
SUPPORT_NL = "De gemeente zorgt voor het onderhoud van de verwarming en de toegang tot de speelplaats."
REASON = "Six mois de plus : les travaux de rénovation de l’école sont reportés à l’été 2028."


@dataclass
class Selected:
    application: int
    site: int
    units: list[int]        # the four classrooms; the application asked for the first two


def a_selected_application(app) -> Selected:
    """occupant-a's application to owner-a's closed call (tests/evaluation.py), selected, for 2027."""
    with app.test_request_context():
        ev = make_evaluation()
        application = db.session.get(Application, ev.applications["a"])
        application.status = ApplicationStatus.selected
        application.call.occupancy_start, application.call.occupancy_end = START, END
        site = application.call.site_id
        db.session.commit()
        return Selected(application=application.id, site=site, units=ev.units)


def the_agreement(app, agreement_id: int) -> tuple[AgreementStatus, list[VersionStatus], Occupancy | None]:
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        status, versions = agreement.status, [v.status for v in agreement.versions]
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == agreement_id))
        db.session.expunge_all()
        return status, versions, occupancy


def a_date(app, language: str, day: date, form: str) -> str:
    """A date as the pages write it (the `date` filter) in the reader's language."""
    with app.test_request_context(), force_locale(language):
        return format_date(day, form)


def agreement_url(slug: str, agreement_id: int, path: str = "") -> str:
    return f"/o/{slug}/agreements/{agreement_id}{path}"


def sign(app, page, slug: str, agreement_id: int, password: str, email: str) -> None:
    """The signatory types their password and the code of now of their second factor, and signs."""
    page.fill("#sign #password", password)
    type_code(app, page, email, "#sign #code", submit=False)
    submit(page, f"form[action='{agreement_url(slug, agreement_id, '/sign')}']")


def record_step(page, agreement_id: int, slug: str, kind: str, note: str, document=None) -> None:
    """Open the step's "Record this step", write a note (and attach a document), and press Done."""
    action = agreement_url(slug, agreement_id, f"/checklist/{kind}")
    page.locator(f"#checklist details:has(form[action='{action}']) > summary").click()
    page.fill(f"#note-{kind}", note)
    if document is not None:
        page.set_input_files(f"#document-{kind}", str(document))
    submit(page, f"form[action='{action}']")


def flashed(page) -> str:
    return " ".join(page.locator("main > .alert[role=status]").all_inner_texts())


def timeline(page) -> str:
    return page.inner_text("#timeline")


def test_an_agreement_is_drafted_signed_started_and_extended_by_an_amendment(
        app, world, live_server, new_context, sign_in, screenshot, jobs, tmp_path):
    OUT.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(DRAFTING, tick=True):
        selected = a_selected_application(app)

        # 1. The owner's editor drafts the agreement from the selected application: the terms come prefilled.
        editor = new_context().new_page()
        sign_in(editor, EDITOR)
        editor.goto(f"/o/owner-a/agreements/new?application_id={selected.application}&lang=fr")
        asked, others = selected.units[:2], selected.units[2:]
        assert all(editor.is_checked(f"input[name=unit_ids][value='{u}']") for u in asked), "units not prefilled"
        assert not any(editor.is_checked(f"input[name=unit_ids][value='{u}']") for u in others)
        assert editor.input_value("#purpose_fr") == "Projet A"
        assert editor.input_value("#start_date") == "2027-01-01" and editor.input_value("#end_date") == "2027-12-31"
        assert editor.input_value("#use_category") == "emergency_housing" and editor.is_checked("#free_use")
        editor.fill("#owner_representative", "Olga Owner")
        editor.fill("#owner_representative_role", "Bourgmestre")
        editor.fill("#occupant_representative", "Otto Occupant")
        editor.fill("#occupant_representative_role", "Président")
        editor.fill("#purpose_nl", PURPOSE_NL)           # the project was written in French only
        editor.fill("#support_fr", SUPPORT_FR)
        editor.fill("#support_nl", SUPPORT_NL)
        editor.check("#domiciliation")
        screenshot(editor, "agreements/01-drafting-form")
        with editor.expect_navigation():
            editor.locator("main form[method=post] button[type=submit]").click()
        match = re.search(r"/o/owner-a/agreements/(\d+)$", editor.url)
        assert match, f"the draft was not saved: {editor.url}\n{editor.inner_text('main')[:2000]}"
        agreement_id = int(match.group(1))
        assert the_agreement(app, agreement_id)[0] == AgreementStatus.draft

        # She sends it; its PDF is rendered by a job after the commit (inline, or drained from RQ here).
        submit(editor, f"form[action='{agreement_url('owner-a', agreement_id, '/send')}']")
        jobs.run()
        assert the_agreement(app, agreement_id)[:2] == (AgreementStatus.sent, [VersionStatus.sent])

        # 2. The occupant's administrator reads it in Dutch, mistypes his password once, then signs.
        #    He keeps Dutch in his account, so that every later visit is in Dutch too.
        otto = new_context(locale="nl-BE").new_page()
        sign_in(otto, OCCUPANT_ADMIN)
        otto.goto("/account")
        otto.select_option("#language", "nl")
        submit(otto, "main form[action='/account']")
        otto.goto(agreement_url("occupant-a", agreement_id))
        assert otto.locator("html").get_attribute("lang") == "nl"
        assert otto.locator(f"main a[href='{agreement_url('occupant-a', agreement_id, '/versions/1.pdf')}']").count()
        assert translated(app, "nl", "Sign for %(organisation)s", organisation="Asbl A") in otto.inner_text("#sign")
        sign(app, otto, "occupant-a", agreement_id, "Not-my-password-1", OCCUPANT_ADMIN)
        assert otto.get_attribute("#password", "aria-invalid") == "true"
        error = otto.inner_text("#password-error")
        assert error == translated(app, "nl", "This is not your password: sign again with it."), error
        screenshot(otto, "agreements/02-a-wrong-password-in-dutch")
        assert the_agreement(app, agreement_id)[0] == AgreementStatus.sent
        sign(app, otto, "occupant-a", agreement_id, PASSWORD, OCCUPANT_ADMIN)
        assert translated(app, "nl", "Your signature is recorded.") in flashed(otto)
        assert the_agreement(app, agreement_id)[0] == AgreementStatus.signed_by_occupant

        # 3. The owner's administrator signs in turn; the signed copy is rendered by a job.
        # She first chooses French in her account (the language link would change this visit's pages only).
        olga = new_context().new_page()
        sign_in(olga, ADMIN)
        olga.goto("/account")
        olga.select_option("#language", "fr")
        submit(olga, "main form[action='/account']")
        olga.goto(agreement_url("owner-a", agreement_id))
        assert olga.locator("html").get_attribute("lang") == "fr"
        sign(app, olga, "owner-a", agreement_id, PASSWORD, ADMIN)
        jobs.run()
        assert the_agreement(app, agreement_id)[0] == AgreementStatus.signed
        versions = olga.inner_text("main section[aria-labelledby=versions-title]")
        assert "Otto Occupant" in versions and "Olga Owner" in versions

        # 4. The checklist: the occupant's editor gives the insurance certificate; the owner the rest.
        certificate = tmp_path / "attestation-assurance.pdf"
        certificate.write_bytes(PDF)
        emma = new_context(locale="nl-BE").new_page()
        sign_in(emma, OCCUPANT_EDITOR)
        emma.goto(agreement_url("occupant-a", agreement_id))
        assert emma.locator("#sign").count() == 0, "an editor may not sign"
        record_step(emma, agreement_id, "occupant-a", "insurance", "Ethias, polis 45.118.220", certificate)
        assert translated(app, "nl", "The step is recorded.") in flashed(emma)
        assert emma.locator("#checklist a[href$='/checklist/insurance/document']").inner_text().strip() \
            == certificate.name
        steps = "#checklist form:not([action$='/photos'])"    # the forms of steps (photos come with the inventory)
        assert emma.locator(steps).count() == 0, "the occupant may record only the insurance"
        editor.goto(agreement_url("owner-a", agreement_id))
        record_step(editor, agreement_id, "owner-a", "fire_safety", "Visite du SIAMU le 15 décembre : conforme.")
        record_step(editor, agreement_id, "owner-a", "entry_inventory", "Clés remises, état des lieux signé.")
        assert editor.locator(steps).count() == 0, "a step is still open"
        assert editor.locator("#checklist form[action$='/entry_inventory/photos']").count() == 1   # photos still
        assert the_agreement(app, agreement_id)[0] == AgreementStatus.signed   # not before its start date
        editor.goto(f"/o/owner-a/sites/{selected.site}")
        assert "Asbl A" not in timeline(editor)

    # 5. The start date comes: the scheduled job starts the occupancy, which the site's timeline shows.
    with time_machine.travel(START_DAY, tick=True):
        jobs.run()
        status, _, occupancy = the_agreement(app, agreement_id)
        assert status == AgreementStatus.active and occupancy is not None
        assert (occupancy.start_date, occupancy.end_date) == (START, END)
        olga = new_context().new_page()          # a session lasts 12 hours: a month later, she signs in again
        sign_in(olga, ADMIN)
        olga.goto(agreement_url("owner-a", agreement_id))
        assert olga.locator("html").get_attribute("lang") == "fr"   # her account's language, saved in its form
        assert translated(app, "fr", "In force") in olga.inner_text("main h1 + .badge")
        olga.goto(f"/o/owner-a/sites/{selected.site}")
        bars = olga.locator("#timeline .timeline-bar.timeline-ongoing")
        assert bars.count() == 2 and all("Asbl A" in text for text in bars.all_inner_texts()), timeline(olga)
        rows = [r for r in olga.locator("#timeline tbody tr").all_inner_texts() if "Asbl A" in r]
        assert len(rows) == 2 and all(a_date(app, "fr", START, "short") in r for r in rows), rows
        screenshot(olga, "agreements/03-the-occupancy-on-the-site-timeline")

        # 6. The owner proposes an amendment: six months more. She sends it; both sign it.
        olga.goto(agreement_url("owner-a", agreement_id))
        olga.locator("#amend > summary").click()
        olga.select_option("#amend select[name=kind]", "extension")
        assert olga.input_value("#amend input[name=end_date]") == END.isoformat()   # the end in force
        olga.fill("#amend input[name=end_date]", NEW_END.isoformat())
        olga.fill("#amend textarea[name=reason]", REASON)
        submit(olga, f"form[action='{agreement_url('owner-a', agreement_id, '/amend')}']")
        assert the_agreement(app, agreement_id)[1] == [VersionStatus.signed, VersionStatus.draft], \
            olga.inner_text("main")[:2000]
        submit(olga, f"form[action='{agreement_url('owner-a', agreement_id, '/send')}']")
        jobs.run()
        otto = new_context(locale="nl-BE").new_page()
        sign_in(otto, OCCUPANT_ADMIN)
        otto.goto(agreement_url("occupant-a", agreement_id))
        assert translated(app, "nl", "Amendment %(number)d", number=1) in otto.inner_text("main")
        sign(app, otto, "occupant-a", agreement_id, PASSWORD, OCCUPANT_ADMIN)
        olga.goto(agreement_url("owner-a", agreement_id))
        sign(app, olga, "owner-a", agreement_id, PASSWORD, ADMIN)
        jobs.run()
        status, versions, occupancy = the_agreement(app, agreement_id)
        assert (status, versions) == (AgreementStatus.active, [VersionStatus.signed, VersionStatus.signed])
        assert occupancy.end_date == NEW_END

        # The agreement's page reads the amendment and the new end; the timeline follows.
        terms = olga.inner_text("main section[aria-labelledby=terms-title]")
        assert translated(app, "fr", "as amended by amendment %(number)d", number=1) in terms, terms
        assert a_date(app, "fr", NEW_END, "long") in terms, terms
        versions_text = olga.inner_text("main section[aria-labelledby=versions-title]")
        assert translated(app, "fr", "Amendment %(number)d", number=1) in versions_text
        assert olga.locator("#amend").get_attribute("open") is None, "the amendment form stays open"
        screenshot(olga, "agreements/04-the-agreement-amended")
        olga.goto(f"/o/owner-a/sites/{selected.site}")
        rows = [r for r in olga.locator("#timeline tbody tr").all_inner_texts() if "Asbl A" in r]
        assert rows and all(a_date(app, "fr", NEW_END, "short") in r for r in rows), rows

        # 7. Each version's PDF opens in French (the signed language) and in Dutch (a translation).
        olga.goto(agreement_url("owner-a", agreement_id))
        documents = {}
        for number in (1, 2):
            for language in ("fr", "nl"):
                url = agreement_url("owner-a", agreement_id, f"/versions/{number}.pdf")
                url += "?language=nl" if language == "nl" else ""
                assert olga.locator(f"main a[href='{url}']").count() == 1, f"no link to {url}"
                response = olga.context.request.get(live_server + url)
                assert response.status == 200, f"{url} answered {response.status}"
                assert response.headers["content-type"] == "application/pdf"
                documents[number, language] = response.body()
                assert documents[number, language].startswith(b"%PDF")
        assert documents[1, "fr"] != documents[2, "fr"] and documents[2, "fr"] != documents[2, "nl"]

    # The original as signed, in French, and the amendment's Dutch translation, kept for a person to read.
    kept = {("1-signed", "fr"): documents[1, "fr"], ("2-amendment", "nl"): documents[2, "nl"]}
    for (name, language), data in kept.items():
        target = OUT / f"05-agreement-{name}-{language}.pdf"
        target.write_bytes(data)
        for old in OUT.glob(f"{target.stem}-page-*.png"):
            old.unlink()
        # Reading the text and drawing the pages need poppler (Debian's poppler-utils); without it the PDFs are
        # still checked above and kept, only their text is not read and their PNG pages are not drawn.
        if shutil.which(PDFTOTEXT):
            text = " ".join(subprocess.run([PDFTOTEXT, str(target), "-"], capture_output=True, text=True, check=True,
                                           timeout=30).stdout.split())
            for expected in (translated(app, language, "Precarious occupancy agreement"), "Asbl A", "Otto Occupant",
                             a_date(app, language, END if name.startswith("1") else NEW_END, "long")):
                assert expected in text, f"{target.name} does not read {expected!r}:\n{text[:1500]}"
        if shutil.which(PDFTOPPM):
            subprocess.run([PDFTOPPM, "-png", "-r", "70", str(target), str(OUT / f"{target.stem}-page")],
                           check=True, timeout=30)
            assert list(OUT.glob(f"{target.stem}-page-*.png")), f"pdftoppm drew no page of {target.name}"
