"""WCAG 2.1 A and AA checks with axe-core on every page of the foundation, the sites and the calls, in French and
in Dutch.

axe (tests/browser/vendor/axe.min.js, vendored: no CDN) is injected into the rendered page; the context bypasses
the Content-Security-Policy only so that this test script may run (the portal forbids inline scripts). A page
fails on any violation whose impact is "serious" or "critical"; the message names the rule, its help and the
first elements concerned.

The site pages read a published site ({site}: one unit, one ongoing occupancy) and a site waiting for the Guichet
({submitted}), made through occupancies.operations. Requests that leave the live server (map tiles) are aborted;
a page with the public map is checked once its markers are drawn.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from occupancies.workflow import PublicationStatus, UnitKind
from tests.browser.site_data import make_site

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
TARGETS_SHOWN = 3

ANONYMOUS = None
OWNER_ADMIN = "owner.admin@example.org"  # the standard cast of tests.factories.make_world
GUICHET_ADMIN = "guichet.admin@example.org"
OCCUPANT_EDITOR = "occupant.editor@example.org"

# (test id, path, who is signed in). {pending} is the id of the world's pending registration; {site} and
# {submitted} are the sites of the `sites` fixture.
PAGES = [
    ("landing", "/", ANONYMOUS),
    ("login", "/login", ANONYMOUS),
    ("register", "/register", ANONYMOUS),
    ("password-forgot", "/password/forgot", ANONYMOUS),
    ("owner-dashboard", "/o/owner-a/", OWNER_ADMIN),
    ("owner-members", "/o/owner-a/members", OWNER_ADMIN),
    ("owner-profile", "/o/owner-a/organisation", OWNER_ADMIN),
    ("inbox", "/inbox", OWNER_ADMIN),
    ("account", "/account", OWNER_ADMIN),
    ("guichet-dashboard", "/guichet/", GUICHET_ADMIN),
    ("guichet-organisations", "/guichet/organisations", GUICHET_ADMIN),
    ("guichet-organisation", "/guichet/organisations/{pending}", GUICHET_ADMIN),
    ("sites", "/sites", ANONYMOUS),
    ("sites-table", "/sites?view=table", ANONYMOUS),
    ("public-site", "/sites/{site}", ANONYMOUS),
    ("open-data", "/open-data/", ANONYMOUS),
    ("owner-sites", "/o/owner-a/sites/", OWNER_ADMIN),
    ("owner-site-new", "/o/owner-a/sites/new", OWNER_ADMIN),
    ("owner-site", "/o/owner-a/sites/{site}", OWNER_ADMIN),
    ("guichet-sites", "/guichet/sites/", GUICHET_ADMIN),
    ("guichet-site", "/guichet/sites/{submitted}", GUICHET_ADMIN),
    ("calls", "/calls", ANONYMOUS),
    ("public-call", "/calls/{call}", OCCUPANT_EDITOR),
    ("owner-calls", "/o/owner-a/calls/", OWNER_ADMIN),
    ("owner-call", "/o/owner-a/calls/{call}", OWNER_ADMIN),
    ("owner-call-new", "/o/owner-a/calls/new?site_id={site}", OWNER_ADMIN),
    ("guichet-calls", "/guichet/calls/", GUICHET_ADMIN),
    ("guichet-call", "/guichet/calls/{submitted_call}", GUICHET_ADMIN),
    ("applications", "/o/occupant-a/applications/", OCCUPANT_EDITOR),
    ("application", "/o/occupant-a/applications/{application}", OCCUPANT_EDITOR),
]
LANGUAGES = ["fr", "nl"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        more = len(v["targets"]) - TARGETS_SHOWN
        targets = ", ".join(v["targets"][:TARGETS_SHOWN]) + (f" (and {more} more)" if more > 0 else "")
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}\n      on {targets}\n      see {v['helpUrl']}")
    return "\n".join(lines)


@pytest.fixture
def sites(app, world):
    """{site}: published, one unit occupied by occupant-a today; {submitted}: waiting for the Guichet."""
    return {
        "site": make_site(app, "Ancienne école du Tilleul", units=((UnitKind.floor, "Rez-de-chaussée"),),
                          occupant_slug="occupant-a"),
        "submitted": make_site(app, "Ancien dépôt de la rue Haute", commune="bruxelles", postcode="1000",
                               latitude=50.838, longitude=4.349, publication=PublicationStatus.submitted),
    }


@pytest.fixture
def dossiers(app, world, sites):
    """The sites, plus {call}: open on the published site, with a question and occupant-a's draft application;
    {submitted_call}: waiting for the Guichet."""
    from calls.workflow import CallStatus
    from occupancies.models import Site
    from portal.extensions import db
    from portal.organisations.models import Organisation
    from tests.calls import make_application, make_call, make_question

    with app.test_request_context():
        site = db.session.get(Site, sites["site"])
        occupant = db.session.get(Organisation, world.occupant)
        call = make_call(site, title="Rez-de-chaussée de l’école du Tilleul")
        make_question(call, occupant, answer=True)
        make_question(call, occupant, "Peut-on visiter le samedi ?")
        application = make_application(call, occupant)
        submitted = make_call(site, title="Cour de l’école", status=CallStatus.submitted)
        db.session.commit()
        return {**sites, "call": call.id, "submitted_call": submitted.id, "application": application.id}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("path", "user"), [pytest.param(path, user, id=name) for name, path, user in PAGES])
def test_page_has_no_serious_accessibility_violation(path, user, language, world, dossiers, new_context, sign_in):
    context = new_context(bypass_csp=True)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())  # no map tiles here
    page = context.new_page()
    if user:
        sign_in(page, user)
    url = path.format(pending=world.pending, **dossiers)
    url += ("&" if "?" in url else "?") + f"lang={language}"
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    assert page.locator("html").get_attribute("lang") == language
    if page.locator("#sites-map").count():
        page.wait_for_selector("#sites-map[data-loaded]", state="attached")  # the markers are drawn

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)

    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{url} ({language}) has serious or critical WCAG 2.1 AA violations:\n{describe(blocking)}"
