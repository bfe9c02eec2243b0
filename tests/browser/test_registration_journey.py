"""An association joins Entretemps, in a real browser, from its registration to a colleague reading Dutch.

The association registers itself, confirms its administrator's address with the link emailed to it, and waits; a
Guichet moderator approves it; its administrator invites a
colleague by email; the colleague follows the link from the email, creates an account, lands on the
organisation's dashboard and switches the portal to Dutch. A screenshot of each step goes to
test-artifacts/journey/.

Selectors rely on ids, form actions and hreflang, not on visible text: the French and Dutch catalogues change
while the structure of the pages does not.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.notifications.models import OutboxMail
from portal.organisations.models import Organisation
from portal.organisations.workflow import OrganisationStatus
from tests.support.browser import dutch_for, submit

pytestmark = pytest.mark.browser

INVITATION_LINK = re.compile(r"http://portal\.test(/invitations/[A-Za-z0-9_\-]+)")
CONFIRMATION_LINK = re.compile(r"http://portal\.test(/register/confirm/[A-Za-z0-9_\-]+)")

ADMIN_EMAIL = "nadia.admin@tussenruimte.example.org"
ADMIN_PASSWORD = "Bleu-Tournesol-47!"  # hard to guess, without the name, the email or the organisation
MEMBER_EMAIL = "karim.lid@tussenruimte.example.org"
MEMBER_PASSWORD = "Groene-Kastanje-83?"


def organisation_named(app, name_fr: str) -> Organisation:
    with app.app_context():
        organisation = db.session.scalar(select(Organisation).where(Organisation.name_fr == name_fr))
        assert organisation is not None, f"no organisation named {name_fr!r} in the database"
        db.session.expunge(organisation)
        return organisation


def invitation_path(app, jobs, email: str, link=INVITATION_LINK) -> str:
    """The /invitations/<token> path (or another `link`) from the last email sent to `email`."""
    jobs.run()  # with REDIS_URL the email is only sent once the queue is drained; inline, it already was
    with app.app_context():
        mail = db.session.scalars(
            select(OutboxMail).where(OutboxMail.to == email).order_by(OutboxMail.id.desc())
        ).first()
        assert mail is not None, f"no email was sent to {email}"
        match = link.search(mail.body)
        assert match, f"no link {link.pattern} in the email to {email}:\n{mail.body}"
        return match.group(1)


def test_an_association_registers_is_approved_and_welcomes_a_colleague_in_dutch(
        app, world, jobs, live_server, page, new_context, sign_in, sign_out, screenshot):
    name_fr, name_nl = "Espace Entre-Deux", "Tussenruimte"

    # 1. The association registers itself, and its first administrator with it.
    page.goto("/register")
    screenshot(page, "journey/01-register-form")
    page.fill("#name_fr", name_fr)
    page.fill("#name_nl", name_nl)
    page.select_option("#legal_form", "asbl")
    page.fill("#address", "Rue de la Victoire 12")
    page.fill("#postcode", "1060")
    page.select_option("#commune", "saint-gilles")
    page.fill("#contact_email", "bonjour@tussenruimte.example.org")
    page.fill("#admin_name", "Nadia Admin")
    page.fill("#admin_email", ADMIN_EMAIL)
    page.select_option("#admin_language", "fr")
    page.fill("#password", ADMIN_PASSWORD)
    page.fill("#confirm", ADMIN_PASSWORD)
    submit(page)
    assert page.url == f"{live_server}/register/sent", f"not told to check the inbox: {page.url}"
    assert page.locator("main .alert", has_text=ADMIN_EMAIL).is_visible(), "the address written to is not shown"
    screenshot(page, "journey/01b-check-your-inbox")

    # 1b. They follow the link emailed to them, see what will be created, and confirm.
    page.goto(invitation_path(app, jobs, ADMIN_EMAIL, CONFIRMATION_LINK))
    assert page.locator("main", has_text=name_fr).is_visible()
    screenshot(page, "journey/01c-confirm-registration")
    with page.expect_navigation():
        page.locator("#confirm-registration").click()

    registered = organisation_named(app, name_fr)
    assert registered.status == OrganisationStatus.pending
    assert page.url == f"{live_server}/o/{registered.slug}/", f"not on the new dashboard: {page.url}"
    assert page.locator("main h1").inner_text() == name_fr
    assert page.locator("main .badge.text-bg-warning").is_visible(), "the dashboard does not show 'pending'"
    screenshot(page, "journey/02-registered-pending-dashboard")
    sign_out(page)

    # 2. A Guichet moderator finds it among the registrations to review and approves it.
    sign_in(page, "guichet.moderator@example.org")
    assert page.url == f"{live_server}/guichet/", f"the moderator did not land on the Guichet: {page.url}"
    review = page.locator("main li.list-group-item", has_text=name_fr).locator(
        f"a[href='/guichet/organisations/{registered.id}']")
    screenshot(page, "journey/03-guichet-dashboard")
    with page.expect_navigation():
        review.click()
    screenshot(page, "journey/04-guichet-registration")
    submit(page, f"form[action='/guichet/organisations/{registered.id}/approve']")
    assert organisation_named(app, name_fr).status == OrganisationStatus.approved
    assert page.locator("main .badge.text-bg-success").is_visible(), "the Guichet page does not show 'approved'"
    screenshot(page, "journey/05-approved")
    sign_out(page)

    # 3. The administrator signs in again and invites a colleague as editor.
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    assert page.url == f"{live_server}/o/{registered.slug}/"
    assert page.locator("main .badge.text-bg-success").is_visible(), "the dashboard does not show 'approved'"
    page.locator("#org-switcher").click()  # the organisation's menu holds its members and its profile
    with page.expect_navigation():
        page.locator(f"header a[href='/o/{registered.slug}/members']").click()
    page.fill("#email", MEMBER_EMAIL)
    page.select_option("#role", "editor")
    page.select_option("#language", "fr")
    submit(page, f"form[action='/o/{registered.slug}/members/invite']")
    assert page.url == f"{live_server}/o/{registered.slug}/members"
    assert page.locator("main .list-group", has_text=MEMBER_EMAIL).is_visible(), "the invitation is not listed"
    screenshot(page, "journey/06-member-invited")

    # 4. The colleague opens the link from the email in their own browser and creates an account.
    path = invitation_path(app, jobs, MEMBER_EMAIL)
    member_page = new_context().new_page()
    response = member_page.goto(path)
    assert response is not None and response.ok, f"the invitation link answered {response and response.status}"
    screenshot(member_page, "journey/07-invitation")
    member_page.fill("#name", "Karim Lid")
    member_page.select_option("#language", "fr")
    member_page.fill("#password", MEMBER_PASSWORD)
    member_page.fill("#confirm", MEMBER_PASSWORD)
    submit(member_page)
    assert member_page.url == f"{live_server}/o/{registered.slug}/", f"not on the dashboard: {member_page.url}"
    assert member_page.locator("main h1").inner_text() == name_fr
    assert member_page.locator("html").get_attribute("lang") == "fr"
    screenshot(member_page, "journey/08-member-dashboard-fr")

    # 5. They switch to Dutch with the header's language switcher and read their dashboard in Dutch.
    with member_page.expect_navigation():
        member_page.locator("header a[hreflang=nl]").click()
    assert member_page.locator("html[lang=nl]").count() == 1, \
        f"<html lang> is {member_page.locator('html').get_attribute('lang')!r} after choosing Dutch"
    screenshot(member_page, "journey/09-member-dashboard-nl")
    assert member_page.locator("main h1").inner_text() == name_nl, "the organisation's Dutch name is not shown"
    expected = dutch_for("What waits for you")
    assert expected in member_page.locator("main").inner_text(), (
        f"the Dutch dashboard does not say {expected!r}: is the compiled catalogue up to date (make compile)?")
