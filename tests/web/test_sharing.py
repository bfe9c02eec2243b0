"""Sharing sessions (issue 9) through the Flask test client: organising (good and bad input, nothing
half-saved), registering for oneself or colleagues, the waiting list and its promotion, the deadline, the audience
(a signatories-only session is invisible to others, in lists, pages, feed and library), the iCalendar files, the
reminders with a frozen clock, attendance, minutes (sanitised), resources, the library, the registry of
initiatives and the facilitators."""
import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from occupancies.sharing import operations as sharing_operations
from occupancies.sharing.models import Facilitator, Registration, Resource, SharingSession
from occupancies.sharing.workflow import Audience, RegistrationStatus
from occupancies.workflow import PublicationStatus
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.jobs.queue import run_job
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.factories import make_member
from tests.support.sharing import START, make_session
from tests.support.sites import PDF, make_occupancy, make_site, make_unit
from tests.support.web import assert_constant_queries, field_error

BEFORE = datetime(2027, 6, 1, 9, tzinfo=UTC)       # two weeks before START


def _at(moment):
    return time_machine.travel(moment, tick=False)


def _notes(user_id, kind):
    return db.session.scalar(select(func.count(Notification.id)).where(Notification.user_id == user_id,
                                                                        Notification.kind == kind))


def _statuses(session_id) -> dict:
    rows = db.session.execute(select(Registration.user_id, Registration.status)
                              .where(Registration.session_id == session_id)).all()
    return {user: status for user, status in rows}


def _sign(app, *organisation_ids):
    with app.app_context():
        for organisation_id in organisation_ids:
            db.session.get(Organisation, organisation_id).charter_signed_on = date(2024, 1, 1)
        db.session.commit()


@pytest.fixture
def session_id(app, world):
    with app.test_request_context():
        session = make_session(world.guichet, capacity=2, per_organisation=3)
        db.session.commit()
        return session.id


GOOD = {"title_fr": "Sécurité incendie", "title_nl": "Brandveiligheid", "agenda_fr": "Accueil", "agenda_nl": "Onthaal",
        "theme": "safety", "starts_at": "2027-06-15T14:00", "ends_at": "2027-06-15T16:30", "place_kind": "address",
        "address": "Rue de Namur 59, 1000 Bruxelles", "online_url": "", "site_id": "", "capacity": "20",
        "places_per_organisation": "3", "audience": "partners", "registration_deadline": "2027-06-12T12:00",
        "facilitator_id": ""}


def test_the_guichet_organises_a_session_in_brussels_time(app, world, client):
    with _at(BEFORE):
        client.login(world.guichet_admin)
        response = client.post("/o/guichet/sessions/new", GOOD)
        assert response.status_code == 303
    with app.app_context():
        session = db.session.scalar(select(SharingSession))
        assert session.starts_at.replace(tzinfo=UTC) == datetime(2027, 6, 15, 12, tzinfo=UTC)
        assert session.registration_deadline.replace(tzinfo=UTC) == datetime(2027, 6, 12, 10,
                                                                                      tzinfo=UTC)
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "session.created")) == 1
    with _at(BEFORE):
        body = client.get(f"/sessions/{session.id}").get_data(as_text=True)
        assert "Sécurité incendie" in body and "09:30" not in body and "14:00–16:30" in body
        assert "Registration open" in body


def test_bad_input_is_shown_beside_each_field_and_nothing_is_saved(app, world, client):
    with _at(BEFORE):
        client.login(world.guichet_admin)
        response = client.post("/o/guichet/sessions/new", {
            **GOOD, "title_nl": "", "ends_at": "2027-06-15T13:00", "registration_deadline": "2027-06-16T12:00",
            "place_kind": "online", "online_url": "meet.example.org", "capacity": "0"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "French and in Dutch" in field_error(body, "title_nl")
    assert "ends after it starts" in field_error(body, "ends_at")
    assert "before the session starts" in field_error(body, "registration_deadline")
    assert "https://" in field_error(body, "online_url")
    assert "between 1 and 500" in field_error(body, "capacity")
    with app.app_context():
        assert db.session.scalar(select(func.count(SharingSession.id))) == 0
    with _at(BEFORE):
        response = client.post("/o/guichet/sessions/new", {**GOOD, "place_kind": "site", "site_id": "999"})
    assert "occupied sites" in field_error(response.get_data(as_text=True), "site_id")


def test_only_the_guichet_and_signatory_owners_organise(app, world, client):
    with _at(BEFORE):
        client.login(world.owner_admin)
        assert client.get("/o/owner-a/sessions/new").status_code == 403      # not a signatory (yet)
        _sign(app, world.owner)
        assert client.post("/o/owner-a/sessions/new", GOOD).status_code == 303
        client.login(world.owner_evaluator)
        assert client.get("/o/owner-a/sessions/new").status_code == 403      # evaluators do not organise
        client.login(world.occupant_admin)
        assert client.get("/o/occupant-a/sessions/").status_code == 403


def test_a_full_session_fills_its_waiting_list_and_a_cancellation_promotes_the_first(app, world, client,
                                                                                       session_id):
    with _at(BEFORE):
        client.login(world.owner_admin)
        # owner-a registers itself and a colleague: the two places.
        assert client.post(f"/sessions/{session_id}/register", {
            "organisation_id": world.owner, "people": [world.owner_admin, world.owner_editor]}).status_code == 303
        client.login(world.occupant_admin)
        body = client.get(f"/sessions/{session_id}").get_data(as_text=True)
        assert "Join the waiting list" in body and "Full: waiting list open" in body
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin]})
        client.login(world.other_occupant_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.other_occupant,
                                                         "people": [world.other_occupant_admin]})
    with app.app_context():
        assert _statuses(session_id) == {world.owner_admin: "registered", world.owner_editor: "registered",
                                         world.occupant_admin: "waiting", world.other_occupant_admin: "waiting"}
        assert _notes(world.owner_editor, "session.registered") == 1    # registered by a colleague: told
        assert _notes(world.owner_admin, "session.registered") == 0     # registered themselves: not
        editor = db.session.scalar(select(Registration.id).where(Registration.user_id == world.owner_editor))
    with _at(BEFORE):
        client.login(world.occupant_admin)
        assert "number 1" in client.get(f"/sessions/{session_id}").get_data(as_text=True)
        client.login(world.owner_editor)
        response = client.post(f"/sessions/{session_id}/registrations/{editor}/cancel")
        assert response.status_code == 303
    with app.app_context():
        statuses = _statuses(session_id)
        assert statuses[world.owner_editor] == "cancelled"
        assert statuses[world.occupant_admin] == "registered"          # the first waiting, promoted at once
        assert statuses[world.other_occupant_admin] == "waiting"       # the second still waits
        assert _notes(world.occupant_admin, "session.promoted") == 1
        assert _notes(world.other_occupant_admin, "session.promoted") == 0
    with _at(BEFORE):
        client.login(world.owner_editor)                                # a second cancel of the same: refused
        assert client.post(f"/sessions/{session_id}/registrations/{editor}/cancel").status_code == 409


def test_the_audit_names_the_organisation_each_person_acts_for(app, world, client, session_id):
    """Issue 17, item 5, at its root: a cancellation by the organiser was recorded as acting for the registrant's
    organisation, and the promotion it set off as the person cancelling acting for the organiser."""
    def acted_for(action, user_id):
        return db.session.scalars(select(AuditEvent.organisation_id).where(
            AuditEvent.action == action, AuditEvent.actor_id == user_id)).all()

    with _at(BEFORE):
        client.login(world.owner_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.owner,
                                                         "people": [world.owner_admin, world.owner_editor]})
        client.login(world.occupant_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin, world.occupant_editor]})
        with app.app_context():
            mine, editor = (db.session.scalar(select(Registration.id).where(Registration.user_id == user))
                            for user in (world.owner_admin, world.occupant_editor))
        client.login(world.owner_admin)            # gives the place back: the first waiting is promoted
        assert client.post(f"/sessions/{session_id}/registrations/{mine}/cancel").status_code == 303
        client.login(world.guichet_admin)          # the organiser takes someone off the waiting list
        assert client.post(f"/sessions/{session_id}/registrations/{editor}/cancel").status_code == 303
    with app.app_context():
        assert acted_for("registration.cancelled", world.owner_admin) == [world.owner]
        assert acted_for("registration.promoted", world.owner_admin) == [world.owner]      # not the Guichet
        assert acted_for("registration.cancelled", world.guichet_admin) == [world.guichet]  # not the occupant
        assert acted_for("registration.created", world.occupant_admin) == [world.occupant, world.occupant]


def test_a_group_registration_respects_the_organisations_allowance(app, world, client, session_id):
    with app.app_context():
        owner = db.session.get(Organisation, world.owner)
        extra = [make_member(owner, "editor").id for _ in range(2)]
        db.session.commit()
    with _at(BEFORE):
        client.login(world.owner_admin)
        response = client.post(f"/sessions/{session_id}/register", {
            "organisation_id": world.owner, "people": [world.owner_admin, world.owner_editor, *extra]})
        assert response.status_code == 422
        assert "at most 3 people" in field_error(response.get_data(as_text=True), "people")
        with app.app_context():
            assert db.session.scalar(select(func.count(Registration.id))) == 0      # nothing half-saved
        response = client.post(f"/sessions/{session_id}/register", {
            "organisation_id": world.owner, "people": [world.owner_admin, world.owner_editor, extra[0]]})
        assert response.status_code == 303
        with app.app_context():
            statuses = _statuses(session_id)
        assert sorted(statuses.values()) == ["registered", "registered", "waiting"]
        assert statuses[extra[0]] == "waiting"                  # the one ticked last waits
        response = client.post(f"/sessions/{session_id}/register", {"organisation_id": world.owner,
                                                                    "people": [world.owner_admin]})
        assert "Already registered" in field_error(response.get_data(as_text=True), "people")
        client.login(world.occupant_admin)                      # a member of another organisation: refused
        response = client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                                    "people": [world.owner_evaluator]})
        assert "Only members of" in field_error(response.get_data(as_text=True), "people")


def test_registration_closes_at_the_deadline(app, world, client):
    with app.test_request_context():
        session_id = make_session(world.guichet, deadline=START - timedelta(days=3)).id
        db.session.commit()
    with _at(START - timedelta(days=2)):
        client.login(world.occupant_admin)
        body = client.get(f"/sessions/{session_id}").get_data(as_text=True)
        assert 'id="register-form"' not in body and "Registration closed" in body
        response = client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                                    "people": [world.occupant_admin]})
        assert response.status_code == 422
        assert "Registration for this session is closed." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_a_signatories_only_session_is_invisible_to_others(app, world, client):
    _sign(app, world.owner)
    with app.test_request_context():
        session = make_session(world.guichet, title="Réservé aux signataires", audience=Audience.signatories)
        db.session.add(Resource(session_id=session.id, theme="governance", kind="link", title_fr="Note interne",
                                title_nl="Interne nota", url="https://example.org/note"))
        make_session(world.guichet, title="Ouvert à tous", audience=Audience.public)
        db.session.commit()
        session_id = session.id
    with _at(BEFORE):
        for user in (None, world.occupant_admin, world.other_owner_admin):
            if user:
                client.login(user)
            assert client.get(f"/sessions/{session_id}").status_code == 404
            assert client.get(f"/sessions/{session_id}.ics").status_code == 404
            assert "Réservé aux signataires" not in client.get("/sessions/").get_data(as_text=True)
            assert "Réservé aux signataires" not in client.get("/sessions.ics").get_data(as_text=True)
            assert "Note interne" not in client.get("/library").get_data(as_text=True)
            assert client.post(f"/sessions/{session_id}/register", {}).status_code == 404
            assert "Ouvert à tous" in client.get("/sessions/").get_data(as_text=True)
        client.login(world.owner_evaluator)                    # a member of a signatory owner reads it
        assert client.get(f"/sessions/{session_id}").status_code == 200
        assert "Note interne" in client.get("/library").get_data(as_text=True)
        client.login(world.guichet_moderator)
        assert "Réservé aux signataires" in client.get("/sessions.ics").get_data(as_text=True)


def test_each_session_and_the_feed_are_icalendar_in_brussels_time(app, world, client, session_id):
    with _at(BEFORE):
        assert client.get(f"/sessions/{session_id}.ics").status_code == 404     # for partners: signed in
        assert "BEGIN:VCALENDAR" in client.get("/sessions.ics").get_data(as_text=True)
        assert "Partager nos pratiques" not in client.get("/sessions.ics").get_data(as_text=True)
        client.login(world.occupant_admin)
        response = client.get(f"/sessions/{session_id}.ics")
        assert response.mimetype == "text/calendar"
        text = response.get_data(as_text=True)
        assert "DTSTART;TZID=Europe/Brussels:20270615T140000" in text and "BEGIN:VTIMEZONE" in text
        feed = client.get("/sessions.ics").get_data(as_text=True)
        assert f"UID:session-{session_id}@" in feed and "Partager nos pratiques" in feed


def test_the_people_registered_are_reminded_the_day_before_once(app, world, client, session_id):
    with _at(BEFORE):
        client.login(world.occupant_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin, world.occupant_editor]})
        client.login(world.owner_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.owner, "people": [world.owner_admin]})
    for moment, expected in ((START - timedelta(hours=25), 0), (START - timedelta(hours=23), 2),
                             (START - timedelta(hours=2), 0)):
        with _at(moment), app.app_context():
            assert run_job("occupancies.sharing.jobs.sweep_sessions") == expected
    with app.app_context():
        assert _notes(world.occupant_editor, "session.reminder") == 1
        assert _notes(world.owner_admin, "session.reminder") == 0          # waiting: no reminder


def test_one_sessions_failed_reminders_leave_the_others_to_be_sent(app, world, client, session_id, monkeypatch):
    with app.test_request_context():
        other_id = make_session(world.guichet, title="Deuxième séance").id
        db.session.commit()
    with _at(BEFORE):
        client.login(world.occupant_admin)
        for session in (session_id, other_id):
            client.post(f"/sessions/{session}/register", {"organisation_id": world.occupant,
                                                          "people": [world.occupant_admin]})
    real = sharing_operations.remind_session

    def fails_for_the_first(session):
        result = real(session)             # its reminders are written, then the failure must undo them
        if session.id == session_id:
            raise RuntimeError("the mail server refused")
        return result

    monkeypatch.setattr(sharing_operations, "remind_session", fails_for_the_first)
    with _at(START - timedelta(hours=23)), app.app_context():
        assert run_job("occupancies.sharing.jobs.sweep_sessions") == 1
    with app.app_context():
        assert _notes(world.occupant_admin, "session.reminder") == 1    # the second session's, not the first's
        reminded = dict(db.session.execute(select(SharingSession.id, SharingSession.reminded_at)).all())
        assert reminded[session_id] is None and reminded[other_id] is not None  # the next sweep tries it again


def test_after_the_session_attendance_minutes_and_resources_are_published(app, world, client, session_id):
    with _at(BEFORE):
        client.login(world.occupant_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin, world.occupant_editor]})
        client.login(world.guichet_admin)
        response = client.post(f"/o/guichet/sessions/{session_id}/minutes", {"minutes_fr": "Trop tôt",
                                                                             "minutes_nl": "Te vroeg"})
        assert response.status_code == 422                               # not before the session
        response = client.post(f"/o/guichet/sessions/{session_id}/attendance", {})
        assert response.status_code == 422
        assert "Attendance is recorded once the session has started." in response.get_data(as_text=True)
    with app.app_context():
        ids = dict(db.session.execute(select(Registration.user_id, Registration.id)).all())
    with _at(START + timedelta(hours=3)):
        client.login(world.guichet_admin)
        assert client.post(f"/o/guichet/sessions/{session_id}/attendance",
                           {"present": [ids[world.occupant_admin]]}).status_code == 303
        response = client.post(f"/o/guichet/sessions/{session_id}/minutes",
                               {"minutes_fr": "Compte rendu", "minutes_nl": ""})
        assert "French and in Dutch" in field_error(response.get_data(as_text=True), "minutes_nl")
        minutes = "## Décisions\n\n- **Un modèle commun**\n\n<script>alert(1)</script>[lien](javascript:alert(1))"
        assert client.post(f"/o/guichet/sessions/{session_id}/minutes", {
            "minutes_fr": minutes, "minutes_nl": "## Besluiten\n\n- Een gemeenschappelijk model"}).status_code == 303
        response = client.post(f"/o/guichet/sessions/{session_id}/resources", {
            "title_fr": "Modèle d'état des lieux", "title_nl": "Model van plaatsbeschrijving", "theme": "legal",
            "description_fr": "", "description_nl": "", "url": "",
            "upload": (io.BytesIO(PDF), "modele.pdf")}, content_type="multipart/form-data")
        assert response.status_code == 303
        response = client.post(f"/o/guichet/sessions/{session_id}/resources", {
            "title_fr": "Faux", "title_nl": "Vals", "theme": "legal", "url": "",
            "upload": (io.BytesIO(b"MZ not a pdf"), "virus.pdf")}, content_type="multipart/form-data")
        assert "not what its name says" in field_error(response.get_data(as_text=True), "upload")
        client.login(world.occupant_admin)
        body = client.get(f"/sessions/{session_id}?lang=fr").get_data(as_text=True)
        assert "<h3>Décisions</h3>" in body and "<strong>Un modèle commun</strong>" in body
        assert "<script>alert" not in body and "javascript:" not in body   # sanitised
        assert "Modèle d&#39;état des lieux" in body
        body = client.get(f"/sessions/{session_id}?lang=en").get_data(as_text=True)
        assert "Otto Occupant</span>\n          <span class=\"badge text-bg-success\">Present" in body
        assert "Emma Editor</span>\n          <span class=\"badge text-bg-secondary\">Absent" in body
        library = client.get("/library?q=PLAATSBESCHRIJVING").get_data(as_text=True)   # either language, any case
        assert "modele.pdf" in library
        assert "modele.pdf" not in client.get("/library?q=nothing-like-it").get_data(as_text=True)
        library = client.get("/library?q=besluiten").get_data(as_text=True)      # a word of the minutes
        assert "Compte rendu : Partager nos pratiques" in library
    with app.app_context():
        registrations = {r.user_id: r.attended for r in db.session.scalars(select(Registration))}
        assert registrations == {world.occupant_admin: True, world.occupant_editor: False}
        assert _notes(world.occupant_editor, "session.minutes") == 1
        minutes, resource = db.session.scalars(select(Resource).order_by(Resource.id)).all()   # the refused: none
        assert minutes.kind == "minutes" and minutes.title_nl == "Verslag: Partager nos pratiques (nl)"
        assert resource.kind == "file" and resource.original_name == "modele.pdf"
    with _at(START + timedelta(hours=4)):
        response = client.get(f"/library/{resource.id}")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        assert client.get(f"/library/{minutes.id}").headers["Location"].endswith(f"/sessions/{session_id}#minutes")


def test_concurrent_registrations_never_exceed_the_places_on_sqlite_either(app, world):
    """SQLite: every writing transaction begins IMMEDIATE, so the registrations queue and each counts afresh
    (tests/pg runs the same with 50 people on PostgreSQL)."""
    from tests.support.sharing import fire_registrations

    with _at(BEFORE):
        _session, counted = fire_registrations(app, world, people=12, places=5)
    assert counted == {RegistrationStatus.registered: 5, RegistrationStatus.waiting: 7}


def test_changes_tell_the_people_registered_and_more_places_promote(app, world, client, session_id):
    with _at(BEFORE):
        for user, organisation in ((world.owner_admin, world.owner), (world.occupant_admin, world.occupant),
                                   (world.other_occupant_admin, world.other_occupant)):
            client.login(user)
            client.post(f"/sessions/{session_id}/register", {"organisation_id": organisation, "people": [user]})
        client.login(world.guichet_admin)
        response = client.post(f"/o/guichet/sessions/{session_id}/edit", {**GOOD, "capacity": "1"})
        assert "2 people are registered already" in field_error(response.get_data(as_text=True), "capacity")
        assert client.post(f"/o/guichet/sessions/{session_id}/edit", {
            **GOOD, "title_fr": "Partager nos pratiques", "capacity": "3"}).status_code == 303
    with app.app_context():
        assert _statuses(session_id)[world.other_occupant_admin] == "registered"      # the new place, at once
        assert _notes(world.other_occupant_admin, "session.promoted") == 1
        assert _notes(world.owner_admin, "session.changed") == 1                      # a new date and place
        session = db.session.get(SharingSession, session_id)
        assert session.address == "Rue de Namur 59, 1000 Bruxelles" and session.capacity == 3
    with _at(BEFORE):
        response = client.post(f"/o/guichet/sessions/{session_id}/cancel", {"reason": ""})
        assert response.status_code == 422
        assert client.post(f"/o/guichet/sessions/{session_id}/cancel",
                           {"reason": "Le formateur est malade."}).status_code == 303
        client.login(world.occupant_admin)
        body = client.get(f"/sessions/{session_id}").get_data(as_text=True)
        assert "Le formateur est malade." in body and 'id="register-form"' not in body
        assert "STATUS:CANCELLED" in client.get(f"/sessions/{session_id}.ics").get_data(as_text=True)
    with app.app_context():
        assert all(_notes(u, "session.cancelled") == 1
                   for u in (world.owner_admin, world.occupant_admin, world.other_occupant_admin))


def test_the_guichet_keeps_the_toolbox_and_the_facilitators(app, world, client):
    with _at(BEFORE):
        client.login(world.guichet_moderator)
        response = client.post("/guichet/library/facilitators/new", {"name": "", "email": "not-an-email",
                                                                      "website": "example.org"})
        body = response.get_data(as_text=True)
        assert response.status_code == 422 and "name" in field_error(body, "name")
        assert "valid email" in field_error(body, "email") and "https://" in field_error(body, "website")
        assert "languages" in field_error(body, "languages")
        assert client.post("/guichet/library/facilitators/new", {
            "name": "Julie Verbeke", "structure": "Atelier Commun", "email": "julie@example.org",
            "website": "https://example.org", "themes": ["neighbourhood"], "languages": ["fr", "nl"],
            "bio_fr": "Anime des démarches participatives.", "bio_nl": "Begeleidt participatie.",
            "active": "y"}).status_code == 303
        assert client.post("/guichet/library/resources", {
            "title_fr": "Modèle de convention", "title_nl": "Modelovereenkomst", "theme": "legal",
            "url": "https://example.org/modele"}).status_code == 303
        response = client.post("/guichet/library/resources", {"title_fr": "Sans lien", "title_nl": "Zonder link",
                                                               "theme": "legal", "url": ""})
        assert "Attach a file, or give a link" in field_error(response.get_data(as_text=True), "url")
    with app.app_context():
        facilitator = db.session.scalar(select(Facilitator))
        assert facilitator.languages == ["fr", "nl"] and facilitator.themes == ["neighbourhood"]
        toolbox = db.session.scalar(select(Resource))
        assert toolbox.session_id is None
    anonymous = app.test_client()
    body = anonymous.get("/facilitators", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Julie Verbeke" in body and "julie@example.org" not in body           # the email for members only
    assert "Modèle de convention" in anonymous.get("/library?q=convention&theme=legal").get_data(as_text=True)
    assert "Modèle de convention" not in anonymous.get("/library?theme=culture").get_data(as_text=True)
    assert anonymous.get(f"/library/{toolbox.id}").headers["Location"] == "https://example.org/modele"
    with _at(BEFORE):
        client.login(world.occupant_admin)
        assert "julie@example.org" in client.get("/facilitators").get_data(as_text=True)
        client.login(world.guichet_admin)
        assert client.post(f"/guichet/library/facilitators/{facilitator.id}", {
            "name": "Julie Verbeke", "languages": ["fr"]}).status_code == 303           # unticked: hidden
        assert client.post(f"/guichet/library/resources/{toolbox.id}/remove").status_code == 303
    assert "Julie Verbeke" not in anonymous.get("/facilitators").get_data(as_text=True)
    assert anonymous.get(f"/library/{toolbox.id}").status_code == 404


def test_the_registry_of_initiatives_lists_todays_occupancies_of_published_sites(app, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        occupant = db.session.get(Organisation, world.occupant)
        published = make_site(owner, "École du Tilleul", publication=PublicationStatus.published)
        make_occupancy(published, [make_unit(published, "Rez")], occupant, start=date(2027, 1, 1))
        make_occupancy(published, [make_unit(published, "Étage")], occupant, start=date(2025, 1, 1),
                       end=date(2026, 12, 31))                                             # ended
        hidden = make_site(owner, "Dépôt pas encore publié")
        make_occupancy(hidden, [make_unit(hidden, "Hall")], occupant, start=date(2027, 1, 1))
        db.session.commit()
    with _at(BEFORE):
        body = app.test_client().get("/initiatives", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "École du Tilleul" in body and "Asbl A" in body and "Dépôt pas encore publié" not in body
    assert body.count("<tr><td>") == 1


def test_the_sharing_pages_keep_a_constant_number_of_queries(app, world, client):
    counter = iter(range(1, 1000))

    def grow(n):
        with app.test_request_context():
            occupant = db.session.get(Organisation, world.occupant)
            for _ in range(n):
                i = next(counter)
                session = make_session(world.guichet, title=f"Session {i}", start=START + timedelta(days=i))
                db.session.add(Registration(session_id=session.id, user_id=make_member(occupant, "editor").id,
                                            organisation_id=occupant.id, status=RegistrationStatus.registered))
                db.session.add(Resource(session_id=session.id, theme="culture", kind="link", title_fr=f"Doc {i}",
                                        title_nl=f"Doc {i}", url="https://example.org"))
            db.session.commit()

    grow(1)                      # an empty list skips the counts' query
    with _at(BEFORE):
        client.login(world.occupant_admin)
        assert_constant_queries(app, client, "/sessions/", grow, sizes=(2, 6), most=10)
        assert_constant_queries(app, client, "/library", grow, sizes=(2, 6), most=10)
        assert_constant_queries(app, client, "/sessions.ics", grow, sizes=(2,), most=8)
        with app.app_context():
            first = db.session.scalar(select(SharingSession.id).order_by(SharingSession.id))
        assert_constant_queries(app, client, f"/sessions/{first}", lambda n: _crowd(app, world, first, n),
                                sizes=(2, 6), most=10)
        client.login(world.guichet_admin)
        assert_constant_queries(app, client, f"/o/guichet/sessions/{first}", lambda n: _crowd(app, world, first, n),
                                sizes=(2, 6), most=18)


def _crowd(app, world, session_id, n):
    """n more people of new organisations on the session, waiting; and n more colleagues for occupant-a."""
    from tests.support.factories import make_org

    with app.test_request_context():
        for _ in range(n):
            make_member(db.session.get(Organisation, world.occupant), "editor")
            organisation = make_org()
            user = make_member(organisation, "admin")
            db.session.add(Registration(session_id=session_id, user_id=user.id, organisation_id=organisation.id,
                                        status=RegistrationStatus.waiting))
        db.session.commit()


def test_dashboards_say_what_waits_a_participant_and_the_organiser(app, world, client, session_id):
    with _at(START - timedelta(days=10)):
        client.login(world.occupant_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin]})
        body = client.get("/o/occupant-a/").get_data(as_text=True)
        assert "You are registered for the sharing session “Partager nos pratiques”" in body
        client.login(world.guichet_admin)
        assert 'id="session-tasks"' not in client.get("/guichet/").get_data(as_text=True)
    with _at(START + timedelta(days=1)):
        client.login(world.guichet_admin)
        body = client.get("/guichet/").get_data(as_text=True)
        assert 'id="session-tasks"' in body and "is over: record who came and publish the minutes" in body
        client.login(world.occupant_admin)
        assert "sharing session" not in client.get("/o/occupant-a/").get_data(as_text=True)


def test_forged_numbers_and_late_changes_are_refused_not_crashing(app, world, client, session_id):
    huge = "99999999999999999999"
    with _at(BEFORE):
        client.login(world.guichet_admin)
        assert client.get(f"/sessions/{huge}").status_code == 404
        assert client.get(f"/sites/{huge}").status_code == 404                  # every <int:…> route alike
        response = client.post("/o/guichet/sessions/new", {**GOOD, "places_per_organisation": huge,
                                                            "facilitator_id": huge})
        assert "Between 1 and 500" in field_error(response.get_data(as_text=True), "places_per_organisation")
        client.login(world.occupant_admin)
        response = client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                                    "people": [huge]})
        assert response.status_code == 422
        client.login(world.guichet_admin)
        response = client.post(f"/o/guichet/sessions/{session_id}/edit", {**GOOD, "starts_at": "2027-05-01T14:00",
                                                                         "ends_at": "2027-05-01T16:00"})
        assert "starts in the future" in field_error(response.get_data(as_text=True), "starts_at")
    with _at(START + timedelta(hours=1)):
        client.login(world.guichet_admin)
        assert client.get(f"/o/guichet/sessions/{session_id}/edit").status_code == 409   # held: no more changes
        assert client.post(f"/o/guichet/sessions/{session_id}/edit", GOOD).status_code == 409
    with app.app_context():
        assert db.session.scalar(select(func.count(SharingSession.id))) == 1


def test_a_session_cannot_be_narrowed_to_signatories_over_the_heads_of_those_registered(app, world, client,
                                                                                        session_id):
    with _at(BEFORE):
        client.login(world.occupant_admin)
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin]})
        client.login(world.guichet_admin)
        response = client.post(f"/o/guichet/sessions/{session_id}/edit", {**GOOD, "audience": "signatories"})
        assert "did not sign the Charter" in field_error(response.get_data(as_text=True), "audience")
    with app.app_context():
        assert db.session.get(SharingSession, session_id).audience == Audience.partners


def test_the_waiting_list_follows_the_order_ticked_even_for_someone_back(app, world, client):
    with app.test_request_context():
        session_id = make_session(world.guichet, capacity=1).id
        db.session.commit()
    with _at(BEFORE):
        client.login(world.owner_admin)                          # takes the only place
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.owner, "people": [world.owner_admin]})
        client.login(world.occupant_admin)                       # registers, then gives up
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_admin]})
        with app.app_context():
            mine = db.session.scalar(select(Registration.id).where(Registration.user_id == world.occupant_admin))
        client.post(f"/sessions/{session_id}/registrations/{mine}/cancel")
        # Back with a colleague ticked first: the colleague waits ahead (the old row is reused, its id smaller).
        client.post(f"/sessions/{session_id}/register", {"organisation_id": world.occupant,
                                                         "people": [world.occupant_editor, world.occupant_admin]})
        client.login(world.owner_admin)
        with app.app_context():
            owner = db.session.scalar(select(Registration.id).where(Registration.user_id == world.owner_admin))
        client.post(f"/sessions/{session_id}/registrations/{owner}/cancel")
    with app.app_context():
        statuses = _statuses(session_id)
        assert statuses[world.occupant_editor] == "registered" and statuses[world.occupant_admin] == "waiting"


def test_the_registry_never_names_a_private_individual_and_a_cancelled_sessions_files_are_gone(app, world):
    from occupancies.workflow import OccupantType

    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "Maison Haute",
                         publication=PublicationStatus.published)
        make_occupancy(site, [make_unit(site, "Rez")], None, start=date(2027, 1, 1), external="Jean Dupont",
                       occupant_type=OccupantType.individual)
        session = make_session(world.guichet, audience=Audience.public, status="cancelled")
        resource = Resource(session_id=session.id, theme="legal", kind="link", title_fr="Annulé",
                            title_nl="Geannuleerd", url="https://example.org")
        db.session.add(resource)
        db.session.commit()
        resource_id = resource.id
    anonymous = app.test_client()
    with _at(BEFORE):
        body = anonymous.get("/initiatives", headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert "Maison Haute" in body and "Jean Dupont" not in body
        assert anonymous.get(f"/library/{resource_id}").status_code == 404


def test_a_personal_feed_link_shows_a_calendar_application_the_sessions_of_its_holder(app, world, client,
                                                                                       session_id):
    import re

    with _at(BEFORE):
        client.login(world.occupant_admin)
        body = client.get("/sessions/").get_data(as_text=True)
        link = re.search(r'id="personal-feed-url" type="text" readonly value="([^"]+)"', body).group(1)
        path = link.split("http://portal.test", 1)[1].replace("&amp;", "&")
        calendar_app = app.test_client()                        # no cookie
        assert "Partager nos pratiques" not in calendar_app.get("/sessions.ics").get_data(as_text=True)
        assert "Partager nos pratiques" in calendar_app.get(path).get_data(as_text=True)
        assert calendar_app.get(path[:-3] + "xyz").status_code == 404          # tampered
    with app.app_context():
        from portal.accounts.models import User
        from portal.accounts.operations import hash_password

        db.session.get(User, world.occupant_admin).password_hash = hash_password("A-new-password-2027")
        db.session.commit()
    with _at(BEFORE):
        assert app.test_client().get(path).status_code == 404                  # a new password revokes it


def test_the_sessions_come_a_page_at_a_time(app, world, client):
    from occupancies.sharing.queries import PAGE

    with app.test_request_context():
        for i in range(PAGE + 1):
            make_session(world.guichet, title=f"Session {i:02d}", audience=Audience.public,
                         start=START + timedelta(days=i))
        db.session.commit()
    with _at(BEFORE):
        body = client.get("/sessions/?theme=governance").get_data(as_text=True)
        assert "Page 1 of 2" in body and 'href="/sessions/?page=2&amp;theme=governance"' in body
        assert "Session 00" in body and f"Session {PAGE:02d}" not in body
        body = client.get("/sessions/?theme=governance&page=2").get_data(as_text=True)
        assert f"Session {PAGE:02d}" in body and "Session 00" not in body


def test_the_registrations_of_ones_organisations_are_listed_twenty_at_first_with_a_link_to_all(app, world, client):
    with app.test_request_context():
        session = make_session(world.guichet, capacity=100, per_organisation=30)
        occupant = db.session.get(Organisation, world.occupant)
        people = [make_member(occupant, "editor").id for _ in range(24)] + [world.occupant_admin]
        for user_id in people:
            registration = Registration(session_id=session.id, user_id=user_id, organisation_id=occupant.id,
                                        status=RegistrationStatus.registered)
            db.session.add(registration)
        db.session.commit()
        session_id, own = session.id, registration.id     # the signed-in admin's, registered last
    with _at(BEFORE):
        client.login(world.occupant_admin)
        first = client.get(f"/sessions/{session_id}").get_data(as_text=True)
        everyone = client.get(f"/sessions/{session_id}?registrations=all").get_data(as_text=True)
    cancel = f'action="/sessions/{session_id}/registrations/'
    assert first.count(cancel) == 20 and "Show all 25 registrations of your organisations" in first
    assert first.index(cancel) == first.index(f"{cancel}{own}/cancel")   # one's own registration comes first
    assert everyone.count(cancel) == 25 and "Show all" not in everyone


def test_a_session_page_does_the_same_work_whatever_the_number_of_people_registered(app, world, client):
    """Counts, and the twenty registrations of one's organisations shown: the queries and the objects loaded stay
    the same as one's colleagues and other organisations' people register, and as the waiting list grows."""
    with app.test_request_context():
        session = make_session(world.guichet, capacity=30, per_organisation=200)
        occupant = db.session.get(Organisation, world.occupant)
        owner = db.session.get(Organisation, world.owner)
        db.session.add(Registration(session_id=session.id, user_id=world.occupant_admin,
                                    organisation_id=occupant.id, status=RegistrationStatus.registered))
        db.session.commit()
        session_id = session.id

    def more(n):
        with app.test_request_context():
            for organisation in (occupant, owner):
                organisation = db.session.merge(organisation)
                for _ in range(n):
                    taken = db.session.scalar(select(func.count(Registration.id)).where(
                        Registration.session_id == session_id, Registration.status == RegistrationStatus.registered))
                    db.session.add(Registration(
                        session_id=session_id, user_id=make_member(organisation, "editor").id,
                        organisation_id=organisation.id,
                        status=RegistrationStatus.registered if taken < 30 else RegistrationStatus.waiting))
                    db.session.flush()
            db.session.commit()

    more(20)     # beyond the twenty shown of one's own organisation
    with _at(BEFORE):
        assert_constant_queries(app, client.login(world.occupant_admin), f"/sessions/{session_id}", more,
                                sizes=(5, 25), most=12, loads=True)
        page = client.get(f"/sessions/{session_id}?registrations=all").get_data(as_text=True)
    # 30 registered; waiting: the owner's 11, the occupant's 5, the owner's 5, the occupant's 25, the owner's 25.
    assert "30 of 30 places taken" in page and "71 on the waiting list" in page
    numbers = {n for n in range(1, 72) if f"number {n}<" in page}     # the occupant's people waiting
    assert numbers == set(range(12, 17)) | set(range(22, 47))
