"""A vacant building goes public, in a real browser: from the owner's map to a visitor reading it in Dutch.

An editor of a public owner places a new site on the map, gives it two units (a studio and a floor) and asks the
Guichet to publish it; a Guichet moderator publishes it; an anonymous visitor filters the public list by its
commune and by "studio", finds it in the list and on the map, and opens its page with its two units — first in
French, then in Dutch through the header's language switcher. Two other published sites are there to be filtered
out: one in the same commune without a studio, one with a studio in another commune. A screenshot of each step
goes to test-artifacts/sites/.

Selectors rely on ids, form actions and hreflang, not on visible text, except for the one Dutch label that proves
the Dutch page is really in Dutch (read from the Dutch catalogue). Map tiles come from the internet: every request
that does not go to the live server is aborted, so that nothing waits on the network.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from occupancies.models import Site, Unit
from occupancies.workflow import PublicationStatus, UnitKind
from portal.extensions import db
from tests.support.browser import dutch_for, make_site_as_owner, submit

pytestmark = pytest.mark.browser

OWNER = "owner-a"
EDITOR_EMAIL = "owner.editor@example.org"
MODERATOR_EMAIL = "guichet.moderator@example.org"

SITE_NAME = "Ancienne caserne Léopold"
COMMUNE = "jette"  # no other site of the journey has a studio in Jette
# kind, name in French, name in Dutch, surface: each page shows the name in its reader's language.
UNITS = [("studio", "Studio côté jardin", "Studio aan de tuinkant", "32"),
         ("floor", "Premier étage", "Eerste verdieping", "180")]

# The Brussels-Capital Region, as occupancies.rules.BRUSSELS_BOUNDS has it.
SOUTH, NORTH, WEST, EAST = 50.76, 50.92, 4.24, 4.49


def offline(context):
    """Abort every request that does not go to the live server (the map tiles): the test never waits on them."""
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


def site_in_db(app, name: str) -> Site:
    with app.app_context():
        site = db.session.scalar(select(Site).where(Site.name == name))
        assert site is not None, f"no site named {name!r} in the database"
        units = db.session.scalars(select(Unit).where(Unit.site_id == site.id).order_by(Unit.position)).all()
        site.unit_kinds = [unit.kind for unit in units]
        db.session.expunge_all()
        return site


def test_an_owner_places_a_site_on_the_map_the_guichet_publishes_it_and_the_public_finds_it(
        app, world, live_server, new_context, sign_in, screenshot):
    # Two published sites that the visitor's filters must leave out.
    make_site_as_owner(app, "Ancienne poste de Jette", commune=COMMUNE, postcode="1090", latitude=50.879,
                       longitude=4.326, units=((UnitKind.floor, "Hall"),))
    make_site_as_owner(app, "Studios de la rue Gray", commune="ixelles", postcode="1050", latitude=50.832,
                       longitude=4.378, units=((UnitKind.studio, "Studio 1"),))

    # 1. The owner's editor adds the site, placing it with a click on the map.
    editor = offline(new_context()).new_page()
    sign_in(editor, EDITOR_EMAIL)
    with editor.expect_navigation():
        editor.locator(f"header a[href='/o/{OWNER}/sites/']").click()
    with editor.expect_navigation():
        editor.locator(f"main a[href='/o/{OWNER}/sites/new']").first.click()
    assert editor.url == f"{live_server}/o/{OWNER}/sites/new"
    expect(editor.locator("#site-picker.leaflet-container")).to_be_visible()  # Leaflet has drawn the map
    assert editor.input_value("#latitude") == "" and editor.input_value("#longitude") == ""
    editor.fill("#name", SITE_NAME)
    editor.fill("#address", "Rue Léopold Ier 329")
    editor.fill("#postcode", "1090")
    editor.select_option("#commune", COMMUNE)
    editor.locator("#site-picker").click()  # the middle of the map: the centre of Brussels
    expect(editor.locator("#latitude")).not_to_have_value("")
    expect(editor.locator("#longitude")).not_to_have_value("")
    latitude, longitude = float(editor.input_value("#latitude")), float(editor.input_value("#longitude"))
    assert SOUTH <= latitude <= NORTH and WEST <= longitude <= EAST, \
        f"the click on the map gave {latitude}, {longitude}: outside Brussels"
    expect(editor.locator("#site-picker .leaflet-marker-icon")).to_have_count(1)
    editor.select_option("#kind", "built")
    editor.fill("#description_fr", "Une ancienne caserne, deux espaces libres pour une occupation temporaire.")
    editor.fill("#description_nl", "Een oude kazerne, twee vrije ruimtes voor een tijdelijke bezetting.")
    screenshot(editor, "sites/01-owner-new-site-placed-on-map")
    submit(editor, "main form[method=post]")

    match = re.fullmatch(rf"{re.escape(live_server)}/o/{OWNER}/sites/(\d+)", editor.url.split("#")[0])
    assert match, f"the new site did not open its page: {editor.url}"
    site_id = int(match.group(1))
    saved = site_in_db(app, SITE_NAME)
    assert saved.id == site_id and saved.commune == COMMUNE
    assert saved.publication == PublicationStatus.draft
    assert (round(saved.latitude, 6), round(saved.longitude, 6)) == (latitude, longitude), \
        "the site was not saved where the map placed it"
    assert editor.locator("main h1").inner_text() == SITE_NAME
    screenshot(editor, "sites/02-owner-site-created")

    # 2. Its two units, through the "Add a unit" form of the site page.
    for kind, label, label_nl, surface in UNITS:
        editor.locator("#units details > summary").click()
        editor.select_option("#kind", kind)
        editor.fill("#label_fr", label)
        editor.fill("#label_nl", label_nl)
        editor.fill("#surface", surface)
        submit(editor, f"form[action='/o/{OWNER}/sites/{site_id}/units']")
        assert editor.url.split("#")[0] == f"{live_server}/o/{OWNER}/sites/{site_id}", \
            f"adding the unit {label!r} did not come back to the site: {editor.url}"
        expect(editor.locator("#units table tbody tr", has_text=label)).to_have_count(1)
    expect(editor.locator("#units table tbody tr")).to_have_count(len(UNITS))
    assert site_in_db(app, SITE_NAME).unit_kinds == [UnitKind.studio, UnitKind.floor]
    screenshot(editor, "sites/03-owner-site-with-units")

    # 3. The editor asks the Guichet to publish it.
    submit(editor, f"form[action='/o/{OWNER}/sites/{site_id}/request-publication']")
    assert site_in_db(app, SITE_NAME).publication == PublicationStatus.submitted
    expect(editor.locator("form[action$='/request-publication']")).to_have_count(0)
    screenshot(editor, "sites/04-owner-publication-requested")

    # 4. A Guichet moderator, in their own browser, finds it among the sites to publish and publishes it.
    moderator = offline(new_context()).new_page()
    sign_in(moderator, MODERATOR_EMAIL)
    moderator.locator("#moderation-menu").click()  # the Guichet's moderation menu in the header
    with moderator.expect_navigation():
        moderator.locator("header a[href='/guichet/sites/']").click()
    screenshot(moderator, "sites/05-guichet-sites-to-publish")
    with moderator.expect_navigation():
        moderator.locator("main li.list-group-item", has_text=SITE_NAME).locator(
            f"a[href='/guichet/sites/{site_id}']").click()
    assert moderator.locator("main h1").inner_text() == SITE_NAME
    screenshot(moderator, "sites/06-guichet-site-review")
    # Publishing asks for a confirmation that the server checks: pressed without it, nothing is published.
    publish_form = f"form[action='/guichet/sites/{site_id}/publish']"
    expect(moderator.locator(f"{publish_form} input[type=checkbox][name=confirm]")).not_to_be_checked()
    submit(moderator, publish_form)
    expect(moderator.locator("#confirm-error")).to_be_visible()
    assert site_in_db(app, SITE_NAME).publication == PublicationStatus.submitted
    screenshot(moderator, "sites/06b-guichet-publication-needs-confirmation")
    moderator.locator(f"{publish_form} input[name=confirm]").check()
    submit(moderator, publish_form)
    assert site_in_db(app, SITE_NAME).publication == PublicationStatus.published
    assert moderator.url == f"{live_server}/guichet/sites/", f"not back on the sites to publish: {moderator.url}"
    expect(moderator.locator("main li.list-group-item", has_text=SITE_NAME)).to_have_count(0)

    # 5. An anonymous visitor finds it on the public list and map, in French and then in Dutch.
    visitor = offline(new_context()).new_page()
    response = visitor.goto("/sites?lang=fr")
    assert response is not None and response.ok, f"/sites answered {response and response.status}"
    find_the_site_as_a_visitor(visitor, live_server, site_id, "fr", screenshot)

    visitor.goto("/sites")
    assert visitor.locator("html").get_attribute("lang") == "fr", "the visit did not stay in French"
    with visitor.expect_navigation():
        visitor.locator("header a[hreflang=nl]").click()
    assert visitor.locator("html[lang=nl]").count() == 1, \
        f"<html lang> is {visitor.locator('html').get_attribute('lang')!r} after choosing Dutch"
    expected = dutch_for("Kind of unit")
    label = visitor.locator("label[for=f-unit]").inner_text().strip()
    assert label == expected, (f"the filter of the unit kind reads {label!r} in Dutch, not {expected!r}: "
                               "is the compiled catalogue up to date (make compile)?")
    find_the_site_as_a_visitor(visitor, live_server, site_id, "nl", screenshot)


def find_the_site_as_a_visitor(page, live_server, site_id: int, language: str, screenshot):
    """On /sites: filter by the commune and "studio", find the site in the list and on the map, open its page."""
    page.select_option("#f-commune", COMMUNE)
    page.select_option("#f-unit", "studio")
    submit(page, "main form[role=search]")
    assert page.locator("html").get_attribute("lang") == language
    query = page.url.split("?", 1)[-1]
    assert f"commune={COMMUNE}" in query and "unit_kind=studio" in query, f"the filters are not in {page.url}"
    assert page.input_value("#f-commune") == COMMUNE and page.input_value("#f-unit") == "studio", \
        "the filter form does not show the filters it applied"

    listed = page.locator("#sites-list > li")
    expect(listed).to_have_count(1)  # the other site in Jette has no studio; the other studios are in Ixelles
    link = listed.locator(f"a[href='/sites/{site_id}']")
    expect(link).to_have_text(SITE_NAME)

    site_map = page.locator("#sites-map")
    expect(site_map).to_have_attribute("data-loaded", "1")  # the same filters reached /sites/map.geojson
    expect(site_map.locator(f".leaflet-marker-icon[title=\"{SITE_NAME}\"]")).to_have_count(1)
    expect(site_map.locator(".leaflet-marker-icon")).to_have_count(1)
    screenshot(page, f"sites/07-public-list-filtered-{language}")

    with page.expect_navigation():
        link.click()
    assert page.url == f"{live_server}/sites/{site_id}", f"the list did not open the site page: {page.url}"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main h1").inner_text() == SITE_NAME
    units = page.locator("section[aria-labelledby=units-title] table tbody tr")
    expect(units).to_have_count(len(UNITS))
    for (_kind, label_fr, label_nl, _surface), row in zip(UNITS, units.all(), strict=True):
        name = label_nl if language == "nl" else label_fr
        assert row.locator("td").first.inner_text() == name, \
            f"the units are not shown in their order, or not named in the page's language ({language})"
    screenshot(page, f"sites/08-public-site-{language}")
