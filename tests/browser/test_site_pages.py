"""A site's pages on a phone and on a desktop: the timeline's "today" marker never covers its heading.

Screenshots go to test-artifacts/site-pages/. Map tiles come from the internet: every request that does not go to
the live server is aborted, so that nothing waits on the network.
"""
from __future__ import annotations

import re

import pytest

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
