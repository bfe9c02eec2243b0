"""From an association's need to the draft of its agreement (issue 20), in a real browser. In French at 1,280 px,
occupant-a's admin publishes what it looks for (a need without a use refused first beside its field). The Guichet's
moderator, in Dutch, publishes owner-a's site that meets it; the association is told in its inbox and reads why the
site fits. On a phone in Dutch, owner-a's editor finds the need on the site's page and proposes two units of it with
a message; the association accepts in French, and the agreement's draft appears on both sides.

Selectors rely on ids, names and links; what a person reads is checked through the catalogues."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from occupancies.agreements.models import Agreement
from occupancies.needs.models import NeedMatch, Proposal
from occupancies.workflow import PublicationStatus, UnitKind
from portal.extensions import db
from tests.support.browser import make_site_as_owner, submit, translated

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}
SITE = "Ancienne poste Flagey"


def publish_a_need(app, page, screenshot) -> None:
    page.goto("/o/occupant-a/needs/new")
    page.fill("#title_fr", "Un atelier de sérigraphie")
    page.fill("#description_fr", "Un rez-de-chaussée pour imprimer avec les jeunes du quartier.")
    page.select_option("#kind", "built")
    page.check("input[name=communes][value=ixelles]")
    page.fill("#surface_min", "80")
    page.fill("#surface_max", "500")
    page.fill("#months", "12")
    page.check("input[name=equipment][value=water]")
    submit(page)
    assert translated(app, "fr", "Choose at least one use.") in page.inner_text("#uses-error")
    assert page.input_value("#title_fr") == "Un atelier de sérigraphie"           # what was typed is kept
    page.check("input[name=uses][value=culture]")
    submit(page)
    assert page.url.endswith("/o/occupant-a/needs/")
    assert "Un atelier de sérigraphie" in page.inner_text("#needs")
    screenshot(page, "needs/01-need-published-fr")


def publish_the_site(app, page, site_id: int) -> None:
    """The Guichet's moderator, in Dutch, publishes the site the owner asked to publish."""
    page.goto(f"/guichet/sites/{site_id}")
    page.check("#publish-form input[name=confirm]")
    submit(page, "#publish-form")
    assert translated(app, "nl", "%(site)s is published.", site=SITE) in page.inner_text("main")


def test_a_need_met_by_a_site_becomes_a_drafted_agreement(app, world, live_server, jobs, new_context, sign_in,
                                                          screenshot):
    association = sign_in(new_context().new_page(), "occupant.admin@example.org", lang="fr")
    publish_a_need(app, association, screenshot)
    site_id = make_site_as_owner(app, SITE, units=((UnitKind.floor, "Rez-de-chaussée"), (UnitKind.floor, "Étage")),
                                 publication=PublicationStatus.submitted)
    moderator = sign_in(new_context().new_page(), "guichet.moderator@example.org", lang="nl")
    publish_the_site(app, moderator, site_id)
    jobs.run()
    with app.app_context():
        assert db.session.scalar(select(NeedMatch.offer)) == f"site-{site_id}"

    # The association is told, and reads why the site fits.
    association.goto("/inbox")
    told = translated(app, "fr", "A place meets your needs: %(offer)s", offer=SITE)
    assert told in association.inner_text("main")
    with association.expect_navigation():
        association.locator("#inbox li", has_text=told).locator("button[type=submit]").click()
    assert association.url.endswith(f"/o/occupant-a/needs/matches#site-{site_id}")
    assert translated(app, "fr", "Commune: %(commune)s, among those sought", commune="Ixelles") in \
        association.inner_text(f"#site-{site_id}")
    screenshot(association, "needs/02-told-why-fr")

    # On a phone in Dutch, the owner's editor proposes the site from its page.
    phone = sign_in(new_context(**PHONE).new_page(), "owner.editor@example.org", lang="nl")
    phone.goto(f"/o/owner-a/sites/{site_id}")
    assert translated(app, "nl", "%(num)d current need of an association meets it", num=1) in \
        phone.inner_text("#matching-needs")
    with phone.expect_navigation():
        phone.click(f"a[href*='/o/owner-a/proposals/new?'][href*='site={site_id}']")
    phone.check("input[name=unit_ids] >> nth=0")
    phone.check("input[name=unit_ids] >> nth=1")
    phone.fill("#message", "De benedenverdieping en de verdieping zijn vrij; een bezoek kan volgende week.")
    submit(phone, "main form[method=post]")
    assert translated(app, "nl", "Your proposal is sent to %(association)s.", association="Asbl A") in \
        phone.inner_text("main")
    screenshot(phone, "needs/03-proposed-nl-phone")

    # The association accepts in French: the agreement is drafted.
    association.goto("/o/occupant-a/proposals/")
    with association.expect_navigation():
        association.click(f"main a:has-text('{SITE}')")
    assert "een bezoek kan volgende week" in association.inner_text("#messages")
    with association.expect_navigation():
        association.click("form[action$='/accept'] button[type=submit]")
    with app.app_context():
        proposal = db.session.scalars(select(Proposal)).one()
        agreement = db.session.get(Agreement, proposal.agreement_id)
        reference, units = agreement.reference, agreement.versions[0].unit_ids
    assert len(units) == 2 and association.url.endswith(f"/o/occupant-a/agreements/{agreement.id}")
    assert reference in association.inner_text("main")
    screenshot(association, "needs/04-agreement-drafted-fr")

    # Both sides find the draft among their agreements.
    phone.goto("/o/owner-a/agreements/")
    assert reference in phone.inner_text("main")
    association.goto("/o/occupant-a/agreements/")
    assert reference in association.inner_text("main")
