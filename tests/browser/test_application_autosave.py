"""An application's draft saves itself as the person types (htmx) and survives a lost connection, in a real browser.

The copy kept in the browser (localStorage) is saved when the connection returns, offered back when the page is
opened again, and never overwrites a colleague's newer save silently; after the deadline the server refuses
whatever the page sends. Selectors rely on ids and data-state attributes, not on visible text.
"""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import update

from calls.applications.models import Application
from calls.models import Call
from occupancies.workflow import PublicationStatus
from portal import clock
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.sites import make_site, make_unit

pytestmark = pytest.mark.browser

ADMIN = "occupant.admin@example.org"


@pytest.fixture
def draft_application(app, world):
    """occupant-a's empty draft to owner-a's open call: its id, its page's URL and its key in the browser's storage."""
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        units = [make_unit(site, "Rez"), make_unit(site, "Étage")]
        call = make_call(site, title="Appel École", units=units)
        application = make_application(call, db.session.get(Organisation, world.occupant), complete=False)
        db.session.commit()
        return SimpleNamespace(call=call.id, application=application.id,
                               url=f"/o/occupant-a/applications/{application.id}",
                               key=f"entretemps:application-{application.id}")


def stored_summary(app, draft_application) -> str:
    with app.app_context():
        db.session.remove()
        return db.session.get(Application, draft_application.application).summary


def local_copy(page, draft_application) -> str:
    return page.evaluate(f"localStorage.getItem('{draft_application.key}')") or ""


def test_the_draft_saves_as_one_types_and_survives_a_lost_connection(app, draft_application, new_context, sign_in,
                                                                     screenshot):
    context = new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, ADMIN)
    page.goto(draft_application.url)
    page.fill("#summary", "Premier jet")
    page.wait_for_selector("#autosave-status [data-state=saved]")
    assert stored_summary(app, draft_application) == "Premier jet"

    # The connection drops: the text stays in the browser and the person is told.
    context.set_offline(True)
    page.fill("#summary", "Texte écrit hors ligne")
    page.wait_for_function(f"(localStorage.getItem('{draft_application.key}') || '').includes('hors ligne')")
    page.wait_for_selector("#autosave-status[data-state=problem]")
    screenshot(page, "applications/01-offline")
    assert stored_summary(app, draft_application) == "Premier jet"
    # It comes back: the copy is saved and forgotten.
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#autosave-status [data-state=saved]")
    assert stored_summary(app, draft_application) == "Texte écrit hors ligne"
    assert local_copy(page, draft_application) == ""

    # A change made offline and never sent is offered back when the page opens again.
    context.set_offline(True)
    page.fill("#summary", "Changement perdu")
    page.wait_for_function(f"(localStorage.getItem('{draft_application.key}') || '').includes('perdu')")
    context.set_offline(False)
    page.close()
    page = context.new_page()
    page.goto(draft_application.url)
    page.wait_for_selector("#autosave-restore:not([hidden])")
    screenshot(page, "applications/02-restore")
    page.locator("#autosave-restore button").first.click()
    page.wait_for_selector("#autosave-status [data-state=saved]")
    assert stored_summary(app, draft_application) == "Changement perdu"
    assert page.input_value("#summary") == "Changement perdu"

    # A colleague saved in between: the page says so and overwrites nothing.
    with app.app_context():
        db.session.execute(update(Application).where(Application.id == draft_application.application)
                           .values(version=Application.version + 1, summary="Version d'un collègue"))
        db.session.commit()
    page.fill("#summary", "Ma version")
    page.wait_for_selector("#autosave-status [data-state=stale]")
    assert stored_summary(app, draft_application) == "Version d'un collègue"
    assert not errors, errors


def test_after_the_deadline_the_server_refuses_what_the_open_page_sends(app, draft_application, new_context, sign_in):
    page = new_context().new_page()
    sign_in(page, ADMIN)
    page.goto(draft_application.url)
    with app.app_context():  # the deadline passes while the page is open
        call = db.session.get(Call, draft_application.call)
        call.questions_deadline = clock.now() - timedelta(days=1)
        call.submission_deadline = clock.now() - timedelta(seconds=1)
        db.session.commit()
    page.fill("#summary", "Trop tard")
    page.wait_for_selector("#autosave-status [data-state=refused]")
    assert stored_summary(app, draft_application) == ""
