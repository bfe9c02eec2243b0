"""WCAG 2.1 A and AA checks with axe-core on every page of the foundation, in French and in Dutch.

axe (tests/browser/vendor/axe.min.js, vendored: no CDN) is injected into the rendered page; the context bypasses
the Content-Security-Policy only so that this test script may run (the portal forbids inline scripts). A page
fails on any violation whose impact is "serious" or "critical"; the message names the rule, its help and the
first elements concerned.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
TARGETS_SHOWN = 3

ANONYMOUS = None
OWNER_ADMIN = "owner.admin@example.org"  # the standard cast of tests.factories.make_world
GUICHET_ADMIN = "guichet.admin@example.org"

# (test id, path, who is signed in). {pending} is the id of the world's pending registration.
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


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("path", "user"), [pytest.param(path, user, id=name) for name, path, user in PAGES])
def test_page_has_no_serious_accessibility_violation(path, user, language, world, new_context, sign_in):
    page = new_context(bypass_csp=True).new_page()
    if user:
        sign_in(page, user)
    url = path.format(pending=world.pending)
    url += ("&" if "?" in url else "?") + f"lang={language}"
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    assert page.locator("html").get_attribute("lang") == language

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)

    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{url} ({language}) has serious or critical WCAG 2.1 AA violations:\n{describe(blocking)}"
