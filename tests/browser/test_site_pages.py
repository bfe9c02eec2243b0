"""A site's pages on a phone and on a desktop: the timeline's "today" marker never covers its heading.

Screenshots go to test-artifacts/site-pages/. Map tiles come from the internet: every request that does not go to
the live server is aborted, so that nothing waits on the network.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import make_site_as_owner

pytestmark = pytest.mark.browser


def offline(context):
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


def overlaps(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] \
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_timeline_today_label_stays_clear_of_its_heading(app, world, new_context, screenshot, width):
    site_id = make_site_as_owner(app, "Ancienne école du Canal", occupant_slug="occupant-a")
    page = offline(new_context(viewport={"width": width, "height": 800})).new_page()
    for language in ("fr", "nl"):
        page.goto(f"/sites/{site_id}?lang={language}")
        heading = page.locator("#timeline-title").bounding_box()
        today = page.locator(".timeline-today span").bounding_box()
        assert heading and today, "the timeline or its today label is missing"
        assert not overlaps(heading, today), f"the 'today' label covers the timeline's heading at {width}px"
        assert today["y"] >= heading["y"] + heading["height"], "the 'today' label sits above its heading"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"the page overflows at {width}px"
        screenshot(page, f"site-pages/timeline-{language}-{width}")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_public_list_offers_sites_available_now_with_their_window(app, world, new_context, screenshot, width):
    make_site_as_owner(app, "Caserne disponible", commune="etterbeek", postcode="1040", latitude=50.835,
                       longitude=4.385)
    page = offline(new_context(viewport={"width": width, "height": 900})).new_page()
    page.goto("/sites?lang=nl")
    assert page.input_value("#f-availability") == "now", "the list does not say it shows the sites available now"
    result = page.locator("#sites-list li.site-result", has_text="Caserne disponible")
    assert result.locator(".availability").inner_text().strip(), "the result does not show its availability window"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"the list overflows at {width}px"
    screenshot(page, f"site-pages/public-list-available-now-nl-{width}")
    page.select_option("#f-availability", "date")
    page.fill("#f-available", "2031-01-15")
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()
    assert "availability=date" in page.url and "available_on=2031-01-15" in page.url
    screenshot(page, f"site-pages/public-list-available-on-a-date-nl-{width}")


def test_a_pin_placed_at_random_is_pointed_out_and_shown_on_every_site_page(
        app, world, new_context, sign_in, screenshot):
    """Issue 17, item 3: a click in central Brussels for an address in Molenbeek. The owner is told when saving,
    the Guichet when reviewing, beside the map and the coordinates; the public page shows the pin."""
    editor = offline(new_context()).new_page()
    sign_in(editor, "owner.editor@example.org", lang="fr")
    editor.goto("/o/owner-a/sites/new")
    editor.fill("#name", "Ancienne école Ransfort")
    editor.fill("#address", "Rue Ransfort 27")
    editor.fill("#postcode", "1080")
    editor.select_option("#commune", "molenbeek-saint-jean")
    editor.locator("#site-picker").click()  # the middle of the map: central Brussels, not Molenbeek
    editor.select_option("#kind", "built")
    editor.fill("#description_fr", "Une ancienne école.")
    editor.fill("#description_nl", "Een oude school.")
    with editor.expect_navigation():
        editor.locator("main form[method=post] button[type=submit]").click()
    site_id = int(re.search(r"/sites/(\d+)", editor.url).group(1))
    flashed = editor.locator(".alert-warning", has_text="Molenbeek-Saint-Jean")
    assert flashed.count() == 2, "the owner is not told both when saving and beside the map"
    assert "Bruxelles" in editor.locator("#location .location-warning").inner_text()
    location_map = editor.locator("#site-location-map")
    location_map.scroll_into_view_if_needed()
    expect(location_map.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(location_map).to_have_attribute("data-loaded", "1")  # Molenbeek's territory is drawn around
    expect(location_map.locator("path")).not_to_have_count(0)
    screenshot(editor, "site-pages/location-01-owner-warned-1280")
    editor.set_viewport_size({"width": 390, "height": 844})
    editor.reload()
    assert editor.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(editor, "site-pages/location-02-owner-warned-390")

    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.locator("#units details > summary").click()
    editor.select_option("#kind", "floor")
    editor.fill("#label_fr", "Rez-de-chaussée")
    editor.fill("#label_nl", "Gelijkvloers")
    with editor.expect_navigation():
        editor.locator(f"form[action='/o/owner-a/sites/{site_id}/units'] button[type=submit]").click()
    with editor.expect_navigation():
        editor.locator(f"form[action='/o/owner-a/sites/{site_id}/request-publication'] button").click()

    moderator = offline(new_context()).new_page()
    sign_in(moderator, "guichet.moderator@example.org", lang="nl")
    moderator.goto(f"/guichet/sites/{site_id}?lang=nl")
    warning = moderator.locator("#location .location-warning")
    expect(warning).to_have_count(1)
    assert "Sint-Jans-Molenbeek" in warning.inner_text() and "Brussel" in warning.inner_text()
    expect(moderator.locator("#site-location-map .leaflet-marker-icon")).to_have_count(1)
    screenshot(moderator, "site-pages/location-03-guichet-review-nl-1280")
    moderator.locator("#publish-form input[name=confirm]").check()
    with moderator.expect_navigation():
        moderator.locator("#publish-form button[type=submit]").click()

    visitor = offline(new_context(viewport={"width": 390, "height": 844})).new_page()
    visitor.goto(f"/sites/{site_id}?lang=fr")
    expect(visitor.locator("#site-location-map .leaflet-marker-icon")).to_have_count(1)
    expect(visitor.locator(".location-warning")).to_have_count(0)  # the owner's and the Guichet's business
    screenshot(visitor, "site-pages/location-04-public-390")
