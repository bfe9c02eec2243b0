"""Issue 17, items 15 and 16: a visitor starts on the home page, which shows the open calls and the published sites
and how to start, then follows the footer to the contact page, the help, the privacy notice and the accessibility
statement, in French and in Dutch, on a 1,280-pixel screen and on a 390-pixel phone; the sharing sessions say that
members' sessions are planned. A screenshot of each page goes
to test-artifacts/public-pages/.

Links are found by their address (the footer's), headings by the catalogues' translations: the structure stays
while the words change with the language.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.browser import translated

pytestmark = pytest.mark.browser

PAGES = [("/contact", "Contact the Guichet"), ("/help", "Help and questions"), ("/privacy", "Privacy notice"),
         ("/accessibility", "Accessibility statement")]


@pytest.fixture
def open_call(app, world):
    """An open call on a published site of owner-a; the Guichet's address as the demo has it; a sharing session for
    the partner organisations only."""
    from tests.support.calls import make_call
    from tests.support.sharing import make_session
    from tests.support.sites import make_site, make_unit

    with app.test_request_context():
        owner = db.session.scalar(select(Organisation).where(Organisation.slug == "owner-a"))
        site = make_site(owner, "Ancienne caserne Dailly", publication=PublicationStatus.published,
                         commune="schaerbeek")
        make_unit(site, "Aile nord")
        make_call(site, title="Occuper l’aile nord de la caserne")
        guichet = db.session.scalar(select(Organisation).where(Organisation.slug == "guichet"))
        guichet.address, guichet.postcode, guichet.commune = "Rue de Namur 59", "1000", "bruxelles"
        make_session(guichet.id, title="Réservé aux partenaires")
        db.session.commit()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_visitor_finds_the_calls_then_the_pages_of_the_footer_in_french_and_dutch(
        app, open_call, new_context, screenshot, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()

    # The home page: what the portal is, the open calls, how to start, the published sites.
    page.goto("/?lang=fr")
    assert page.locator("#open-calls-section").get_by_text("Occuper l’aile nord de la caserne").is_visible()
    assert page.locator("#published-sites-section").get_by_text("Ancienne caserne Dailly").is_visible()
    assert page.locator("main a[href='/register']").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the home page overflows"
    screenshot(page, f"public-pages/{width}-home-fr")

    for language in ("fr", "nl"):
        page.goto(f"/?lang={language}")
        for path, heading in PAGES:
            with page.expect_navigation():
                page.locator(f"footer a[href='{path}']").click()
            assert page.url.endswith(path)
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("main h1").inner_text() == translated(app, language, heading)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} overflows at {width}"
            screenshot(page, f"public-pages/{width}{path.replace('/', '-')}-{language}")

    # The contact page gives the Guichet's address, and says plainly what it has yet to confirm.
    page.goto("/contact?lang=nl")
    assert "Rue de Namur 59, 1000 Brussel" in page.locator("address").inner_text()
    assert page.locator(".to-confirm").first.is_visible()
    page.goto("/?lang=nl")
    screenshot(page, f"public-pages/{width}-home-nl")

    # The sharing sessions: the visitor learns that members' sessions are planned, not what they are.
    page.goto("/sessions/?lang=nl")
    assert page.locator("#hidden-sessions").is_visible()
    assert "Réservé aux partenaires" not in page.locator("main").inner_text()
    screenshot(page, f"public-pages/{width}-sessions-nl")
