"""A sharing session from its creation to its minutes in the library (issue 9), in a real browser, with the clock
frozen and moved on.

The Guichet's administrator organises a session of two places in an occupied site of the register, for all
partner organisations (French). owner-a's and owner-b's administrators register: the session is full; occupant-a's
administrator joins the waiting list. owner-b's administrator cancels: occupant-a's administrator takes the place
at once and is told. After the session, the Guichet records who came and publishes the minutes in French and
Dutch; owner-a's administrator finds them in the library in French, occupant-a's Dutch-speaking editor in Dutch.

Selectors rely on ids, names and form actions; what a person reads is checked through the catalogues."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from occupancies.sharing.models import Registration, SharingSession
from occupancies.sharing.workflow import RegistrationStatus
from occupancies.workflow import PublicationStatus
from portal.accounts.models import User
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.browser import submit, translated
from tests.support.sites import make_occupancy, make_site, make_unit

pytestmark = pytest.mark.browser

BEFORE = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
AFTER = datetime(2027, 6, 15, 16, 0, tzinfo=UTC)          # the session ended at 16:30 Brussels (14:30 UTC)
GUICHET_ADMIN, OWNER_ADMIN, OTHER_OWNER = "guichet.admin@example.org", "owner.admin@example.org", \
    "other.owner@example.org"
OCCUPANT_ADMIN, OCCUPANT_EDITOR = "occupant.admin@example.org", "occupant.editor@example.org"


def statuses(app, session_id) -> dict:
    with app.app_context():
        return {r.user.email: r.status for r in db.session.scalars(
            select(Registration).where(Registration.session_id == session_id))}


def register(page, session_id: int) -> None:
    page.goto(f"/sessions/{session_id}")
    submit(page, "#register-form")


def test_a_session_fills_up_promotes_the_waiting_and_its_minutes_reach_the_library(
        app, world, live_server, new_context, sign_in, screenshot):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École du Tilleul",
                         publication=PublicationStatus.published)
        make_occupancy(site, [make_unit(site, "Rez")], db.session.get(Organisation, world.occupant),
                       start=date(2027, 1, 1))
        for user_id in (world.guichet_admin, world.owner_admin, world.other_owner_admin, world.occupant_admin):
            db.session.get(User, user_id).language = "fr"
        db.session.commit()
        site_id = site.id

    with time_machine.travel(BEFORE, tick=True):
        # 1. The Guichet organises the session in the occupied school.
        guichet = sign_in(new_context().new_page(), GUICHET_ADMIN, lang="fr")
        guichet.goto("/o/guichet/sessions/new")
        guichet.fill("#title_fr", "Vivre ensemble dans une école occupée")
        guichet.fill("#title_nl", "Samenleven in een bezette school")
        guichet.fill("#agenda_fr", "14:00 Visite de l'école\n15:00 Échanges")
        guichet.fill("#agenda_nl", "14:00 Bezoek aan de school\n15:00 Uitwisseling")
        guichet.select_option("#theme", "neighbourhood")
        guichet.fill("#starts_at", "2027-06-15T14:00")
        guichet.fill("#ends_at", "2027-06-15T16:30")
        guichet.check("input[name=place_kind][value=site]")
        guichet.select_option("#site_id", str(site_id))
        guichet.check("input[name=audience][value=partners]")
        guichet.fill("#capacity", "2")
        guichet.fill("#places_per_organisation", "1")
        guichet.fill("#registration_deadline", "2027-06-13T12:00")
        screenshot(guichet, "sharing/01-new-session-fr")
        submit(guichet, "#session-form")
        assert "/o/guichet/sessions/" in guichet.url
        with app.app_context():
            session_id = db.session.scalar(select(SharingSession.id))
        assert translated(app, "fr", "Registration open") in guichet.inner_text("main")

        # 2. Two owners take the two places; the occupant joins the waiting list.
        owner = sign_in(new_context().new_page(), OWNER_ADMIN, lang="fr")
        register(owner, session_id)
        other = sign_in(new_context().new_page(), OTHER_OWNER, lang="fr")
        register(other, session_id)
        occupant = sign_in(new_context().new_page(), OCCUPANT_ADMIN, lang="fr")
        occupant.goto(f"/sessions/{session_id}")
        assert translated(app, "fr", "Full: waiting list open") in occupant.inner_text("main")
        assert occupant.inner_text("#register-form button") == translated(app, "fr", "Join the waiting list")
        submit(occupant, "#register-form")
        assert translated(app, "fr", "number %(position)d", position=1) in occupant.inner_text("#my-registrations")
        screenshot(occupant, "sharing/02-waiting-fr")
        assert statuses(app, session_id) == {OWNER_ADMIN: RegistrationStatus.registered,
                                             OTHER_OWNER: RegistrationStatus.registered,
                                             OCCUPANT_ADMIN: RegistrationStatus.waiting}

        # 3. owner-b cancels: the occupant is promoted at once, and told.
        other.goto(f"/sessions/{session_id}")
        submit(other, "#my-registrations form")
        assert statuses(app, session_id)[OCCUPANT_ADMIN] == RegistrationStatus.registered
        occupant.goto(f"/sessions/{session_id}")
        assert translated(app, "fr", "Place confirmed") in occupant.inner_text("#my-registrations")
        with app.app_context():
            assert db.session.scalar(select(func.count(Notification.id)).where(
                Notification.user_id == world.occupant_admin, Notification.kind == "session.promoted")) == 1
        occupant.goto("/inbox")
        assert "Vivre ensemble dans une école occupée" in occupant.inner_text("main")
        screenshot(occupant, "sharing/03-promoted-inbox-fr")

    with time_machine.travel(AFTER, tick=True):
        # 4. After the session: attendance and minutes in French and Dutch.
        guichet = sign_in(new_context().new_page(), GUICHET_ADMIN, lang="fr")
        guichet.goto(f"/o/guichet/sessions/{session_id}")
        assert translated(app, "fr", "Held: minutes due") in guichet.inner_text("main")
        submit(guichet, "#attendance-form")
        guichet.fill("#minutes_fr", "## Décisions\n\n- Un **comité de voisinage** se réunira chaque mois.")
        guichet.fill("#minutes_nl", "## Besluiten\n\n- Een **buurtcomité** komt elke maand samen.")
        submit(guichet, "#minutes-form")
        screenshot(guichet, "sharing/04-minutes-published-fr")
        assert translated(app, "fr", "Held: minutes published") in guichet.inner_text("main")

        # 5. The minutes are found in the library, in French and in Dutch.
        owner = sign_in(new_context().new_page(), OWNER_ADMIN, lang="fr")
        owner.goto("/library?q=voisinage")
        owner.click("text=Compte rendu : Vivre ensemble dans une école occupée")
        assert "comité de voisinage" in owner.inner_text("#minutes")
        screenshot(owner, "sharing/05-minutes-fr")
        editor = sign_in(new_context().new_page(), OCCUPANT_EDITOR, lang="nl")
        editor.goto("/library?q=buurtcomit%C3%A9")
        assert translated(app, "nl", "Library of shared resources") in editor.inner_text("main")
        screenshot(editor, "sharing/06-library-nl")
        editor.click("text=Verslag: Samenleven in een bezette school")
        assert "buurtcomité" in editor.inner_text("#minutes")
        assert translated(app, "nl", "Minutes") in editor.inner_text("#minutes-title")
        screenshot(editor, "sharing/07-minutes-nl")
