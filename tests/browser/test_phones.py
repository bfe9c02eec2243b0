"""On a phone 360 px wide every page is usable (issue 17, item 12), and no page breaks its Content-Security-Policy,
which refuses inline styles (item 24).

The crawl signs in as each kind of person (tests.support.crawl: the Guichet, an owner's administrator and its
evaluator, an association's administrator, a visitor), one test each, in the access matrix's world and reads every
page that answers them, at 360×740, in one browser page: the page itself never scrolls sideways (only the tables'
regions do), every table sits in a focusable region, and no `securitypolicyviolation` event fires, maps, charts,
menus and an htmx swap included. The journey follows an owner from signing in to its site's units on a phone,
screenshots saved in the test's tmp dir.
"""
from __future__ import annotations

import re

import pytest

from occupancies.workflow import UnitKind
from tests.support.access_matrix.world import build_world
from tests.support.browser import make_site_as_owner
from tests.support.crawl import KINDS_OF_PEOPLE, email_of, pages_of
from tests.support.web import Client

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# Dutch has the longest words: every signed-in person reads the portal in Dutch, the visitor in French.
LANGUAGE = {role: "fr" if role == "anonymous" else "nl" for role in KINDS_OF_PEOPLE}

# Registered before any script of the page: each violation of the Content-Security-Policy is kept in window.__csp.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__csp.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " at "
                    + (event.sourceFile || "") + ":" + event.lineNumber + " " + (event.sample || ""));
}, true);
"""

# What a page at this width gets wrong: the page wider than the window (with the elements that stick out, outside
# maps and table regions), and tables outside a focusable region named by their caption.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const out = [];
  if (document.documentElement.scrollWidth > width) {
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest(".table-scroll, .leaflet-container")) continue;
      const box = el.getBoundingClientRect();
      if (box.width && box.right > width + 0.5 && !out.some((o) => o.el.contains(el))) {
        out.push({el: el, text: name(el) + " (right " + Math.round(box.right) + "px) "
                  + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)});
      }
    }
  }
  const tables = [...document.querySelectorAll("table")].filter((table) => {
    const region = table.closest('.table-scroll[role="region"][tabindex="0"]');
    const caption = table.querySelector("caption");
    return !region || !caption || region.getAttribute("aria-labelledby") !== caption.id;
  }).map(name);
  return {scrollWidth: document.documentElement.scrollWidth, width: width,
          culprits: out.slice(0, 5).map((o) => o.text), tables: tables};
}"""


def _keep_to_the_live_server(context, live_server):
    """Map tiles and anything else from elsewhere are aborted: the test reads the portal, offline."""
    context.route(re.compile(r"^(?!" + re.escape(live_server) + r").*"), lambda route: route.abort())


def _check(page, role: str, url: str, failures: list[str]) -> None:
    for selector in ("#sites-map", "#site-location-map"):
        if page.locator(selector).count():
            page.wait_for_selector(f"{selector}[data-loaded]", state="attached")
    if page.locator("canvas[data-chart]").count():
        page.wait_for_function("() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => c.width)")
    layout = page.evaluate(LAYOUT)
    if layout["scrollWidth"] > layout["width"]:
        failures.append(f"{role} {url}: the page is {layout['scrollWidth']} px wide at {layout['width']} px: "
                        + "; ".join(layout["culprits"]))
    failures += [f"{role} {url}: table {table} outside a focusable region named by its caption"
                 for table in layout["tables"]]
    violations = page.evaluate("window.__csp")
    failures += [f"{role} {url}: CSP {violation}" for violation in violations]


# Pages each kind of person reads at least (a crawl that finds fewer has lost its way): the five crawls run apart,
# so that the suite's workers share them.
AT_LEAST = {"anonymous": 25, "guichet_admin": 40, "owner_admin": 40, "owner_evaluator": 25, "occupant_admin": 25}


@pytest.mark.parametrize("role", KINDS_OF_PEOPLE)
def test_every_page_fits_a_phone_and_keeps_to_the_security_policy(app, new_context, live_server, sign_in, role):
    world = build_world(app)
    context = new_context(viewport=PHONE, locale="fr-BE")
    _keep_to_the_live_server(context, live_server)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    failures: list[str] = []
    visited = 0
    client = Client(app)
    if role != "anonymous":
        client.login(world["users"][role])
    urls = pages_of(app, client, world, role)
    if role != "anonymous":
        sign_in(page, email_of(app, world["users"][role]))
    page.goto(f"/?lang={LANGUAGE[role]}")
    for url in urls:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{role} {url} answered {response and response.status}"
        _check(page, role, url, failures)
        visited += 1
    if role == "owner_admin":
        # An htmx swap (the inbox's "mark as read") and the menus of the header, on the phone.
        page.goto("/inbox")
        notification = f"#notification-{world['values']['notification_id']}"
        page.locator(f"{notification} form button").click()
        page.locator(f"{notification} form").wait_for(state="detached")  # swapped for the read item
        _check(page, role, "/inbox (after the swap)", failures)
        page.goto("/")
        page.locator(".navbar-toggler").click()
        page.wait_for_selector("#navbar-main.collapse.show")  # unfolded, its transition over
        page.locator("#account-menu").click()
        page.wait_for_selector("ul[aria-labelledby='account-menu'].show")
        _check(page, role, "/ (menus open)", failures)
    print(f"{role}: {visited} pages")
    assert visited >= AT_LEAST[role], f"{role}: only {visited} pages visited"
    assert failures == [], "\n".join(failures)


def test_the_listener_sees_an_inline_style_the_policy_refuses(new_context):
    """The crawl's silence means something: a style attribute written into the page is refused and reported."""
    context = new_context(viewport=PHONE)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto("/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p id=\"styled\" style=\"color: red\">x</p>')")
    page.wait_for_function("window.__csp.length > 0")
    assert "style-src" in page.evaluate("window.__csp")[0]
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width == PHONE["width"], page.url


def test_an_owner_reads_its_sites_units_on_a_phone(app, world, new_context, live_server, sign_in, tmp_path):
    site_id = make_site_as_owner(app, "Ancienne école communale des Trèfles", occupant_slug="occupant-a", units=(
        (UnitKind.floor, "Rez-de-chaussée côté cour"), (UnitKind.room, "Salle polyvalente du premier étage"),
        (UnitKind.flat, "Appartement du concierge")))
    context = new_context(viewport=PHONE)
    _keep_to_the_live_server(context, live_server)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    shots = []

    def shot(name):
        shots.append(tmp_path / f"{name}.png")
        page.screenshot(path=str(shots[-1]), full_page=True)

    sign_in(page, "owner.admin@example.org", lang="fr")
    _fits(page)
    shot("01-dashboard")

    # The menu folds behind its button on a phone; "Our sites" is in it.
    page.locator(".navbar-toggler").click()
    page.wait_for_selector("#navbar-main.show")
    shot("02-menu")
    with page.expect_navigation():
        page.locator("#navbar-main a[href='/o/owner-a/sites/']").click()
    _fits(page)
    shot("03-sites")

    with page.expect_navigation():
        page.locator(f"main a[href='/o/owner-a/sites/{site_id}']").first.click()
    _fits(page)
    units = page.locator("#units .table-scroll")
    assert units.get_attribute("role") == "region" and units.get_attribute("tabindex") == "0"
    assert page.locator("#units-caption").count() == 1 and units.get_attribute("aria-labelledby") == "units-caption"
    # The units' table is wider than the phone: it scrolls in its region, and a line above says so.
    assert units.evaluate("r => r.scrollWidth > r.clientWidth")
    assert page.locator("#units .table-scroll-hint").is_visible()
    units.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('#units .table-scroll').scrollLeft > 0")
    assert page.locator("#units .table-scroll tbody tr").count() == 3
    shot("04-site-units-scrolled")
    # The timeline's bars are placed from their data through the CSSOM (no style attribute in the markup).
    bar = page.locator(".timeline-bar").first
    assert bar.get_attribute("style") is not None and "left" in bar.get_attribute("style")
    assert bar.evaluate("b => b.getBoundingClientRect().width") > 0
    page.locator("#timeline").scroll_into_view_if_needed()
    shot("05-site-timeline")

    page.goto(f"/sites/{site_id}")
    page.wait_for_selector("#site-location-map[data-loaded]", state="attached")
    _fits(page)
    shot("06-public-site")
    assert page.evaluate("window.__csp") == []
    assert all(path.stat().st_size > 0 for path in shots)
