"""What a person reads when the portal protects an account or an address, on a desktop and on a phone: the wait
after several wrong passwords, the lock after many failures, and the registration that waits for its address to
be confirmed. Each in French (and the confirmation in Dutch), fitting the screen without sideways scrolling, with
a screenshot under test-artifacts/security/.

Selectors rely on ids and form actions; what a person reads is checked through the catalogues."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal import clock
from portal.accounts.models import SignUp
from portal.accounts.rules import hash_token
from portal.extensions import db
from tests.support.browser import submit, translated

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
TOKEN = "browser-sign-up-token"


def _fits(page, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"the page is {overflow} px wide on a {width} px screen"


def _try(page, email: str, password: str) -> None:
    page.fill("#email", email)
    page.fill("#password", password)
    submit(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_several_wrong_passwords_make_the_next_attempt_wait(app, world, new_context, screenshot, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto("/login")
    waiting = translated(app, "fr", "Several wrong passwords in a row: for your safety, wait %(delay)s before "
                                     "trying again.", delay="").split("%")[0][:40]
    for n in range(12):  # three free attempts, then waits that double: one of them is met, however slow the run
        _try(page, "owner.admin@example.org", f"Mauvais-essai-{n}")
        if waiting in page.locator("#password-error").inner_text():
            break
    error = page.locator("#password-error")
    assert waiting in error.inner_text(), f"no wait was asked for: {error.inner_text()!r}"
    assert page.locator("#password").get_attribute("aria-invalid") == "true"
    _fits(page, width)
    screenshot(page, f"security/login-wait-fr-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_many_failures_lock_the_account_and_say_how_to_unlock_it(app, world, new_context, screenshot, width,
                                                                 monkeypatch):
    monkeypatch.setitem(app.config, "SIGNIN_ACCOUNT_LOCKOUT", 1)
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto("/login")
    _try(page, "owner.admin@example.org", "Mauvais-essai-1")
    _try(page, "owner.admin@example.org", "Mauvais-essai-2")
    text = page.locator("#password-error").inner_text().replace("\N{NO-BREAK SPACE}", " ")
    assert translated(app, "fr", "Forgot your password?") in text, text
    assert page.locator("a[href='/password/forgot']").is_visible()
    _fits(page, width)
    screenshot(page, f"security/login-locked-fr-{width}")


def _sign_up(app):
    with app.app_context():
        db.session.add(SignUp(
            email="nadia@tussenruimte.example.org", name="Nadia Admin", password_hash="x", language="fr",
            purpose="association", token_hash=hash_token(TOKEN), expires_at=clock.now() + timedelta(hours=24),
            payload={"name_fr": "Espace Entre-Deux", "name_nl": "Tussenruimte", "legal_form": "asbl",
                     "enterprise_number": "", "commune": "saint-gilles", "address": "Rue de la Victoire 12",
                     "postcode": "1060", "contact_email": "bonjour@tussenruimte.example.org", "contact_phone": "",
                     "website": ""}))
        db.session.commit()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_registration_waits_for_its_address_then_is_confirmed(app, world, new_context, screenshot, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto("/register")
    assert page.locator("#admin_email-help").inner_text() == translated(
        app, "fr", "We send a link to this address to confirm it is yours.")
    _fits(page, width)
    screenshot(page, f"security/register-form-fr-{width}")
    page.goto("/register/sent")
    assert page.locator("main h1").inner_text() == translated(app, "fr", "Check your inbox")
    _fits(page, width)
    screenshot(page, f"security/register-sent-fr-{width}")
    _sign_up(app)
    page.goto(f"/register/confirm/{TOKEN}?lang=nl")
    assert page.locator("main h1").inner_text() == translated(app, "nl", "Confirm your registration")
    assert "Tussenruimte" in page.locator("main").inner_text()
    _fits(page, width)
    screenshot(page, f"security/register-confirm-nl-{width}")
    with page.expect_navigation():
        page.locator("#confirm-registration").click()
    assert page.url.endswith("/o/espace-entre-deux/"), page.url
    screenshot(page, f"security/register-confirmed-nl-{width}")
    assert page.locator("html").get_attribute("lang") == "nl"   # the visit keeps its language
    page.goto(f"/register/confirm/{TOKEN}")
    assert page.locator("main h1").inner_text() == translated(app, "nl", "This link is no longer valid")
    _fits(page, width)
    screenshot(page, f"security/register-link-used-nl-{width}")
