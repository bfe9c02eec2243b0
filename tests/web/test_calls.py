"""Calls through their pages: the owner's editor, the Guichet's moderation, the public list, page and feeds,
questions, addenda, cancelling, sealing and closing by itself. The clock is frozen wherever time matters."""
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
import time_machine
from icalendar import Calendar
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.jobs import sweep_calls
from calls.models import Addendum, Call, Criterion, Question
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.features import periodic_jobs
from portal.jobs.models import ScheduledJob
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call, make_question
from tests.support.sites import make_site, make_unit
from tests.support.web import count, field_error

UTC = UTC
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)              # 10:00 in Brussels
DEADLINE = datetime(2027, 1, 31, 11, 0, tzinfo=UTC)       # 12:00 in Brussels
PUBLICATION = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)     # FORM's planned publication: 10:00 in Brussels
APPROVE = {"confirm": "y"}                                # the Guichet's box: publishing cannot be undone

FORM = {
    "title_fr": "Rez commercial rue Ransfort", "title_nl": "Handelsgelijkvloers Ransfortstraat",
    "description_fr": "Un rez-de-chaussée de 120 m².", "description_nl": "Een gelijkvloers van 120 m².",
    "uses": ["culture", "social_economy"], "scale": "5", "tie_rule": "highest_first_criterion", "free_use": "y",
    "criteria-0-label_fr": "Qualité du projet", "criteria-0-label_nl": "Kwaliteit van het project",
    "criteria-0-weight": "50",
    "criteria-1-label_fr": "Ancrage local", "criteria-1-label_nl": "Lokale verankering", "criteria-1-weight": "30",
    "criteria-2-label_fr": "Mixité", "criteria-2-label_nl": "Diversiteit", "criteria-2-weight": "20",
    "conditions-0-text_fr": "Association sans but lucratif", "conditions-0-text_nl": "Vereniging zonder winstoogmerk",
    "publication_at": "2026-12-05T10:00", "visits-0": "2026-12-15T14:00", "questions_deadline": "2027-01-15T12:00",
    "submission_deadline": "2027-01-31T12:00", "decision_on": "2027-02-28", "occupancy_start": "2027-04-01",
    "appeal_body_fr": "le Collège communal, par lettre recommandée",
    "appeal_body_nl": "het College, per aangetekende brief",
    "appeal_days": "30",
}


@pytest.fixture(autouse=True)
def _clock_at_t0():
    """Every test of this file starts at T0, before the dates of its calls."""
    with time_machine.travel(T0, tick=False):
        yield


@contextmanager
def frozen(moment=T0, *clients):
    """Move the clock; the clients sign in again, as a session lasts 12 hours."""
    with time_machine.travel(moment, tick=False):
        for c in clients:
            c.login(c.user_id)
        yield


def owner_site(app, world, *, published=True):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "École Ransfort", commune="molenbeek-saint-jean",
                         publication=PublicationStatus.published if published else PublicationStatus.draft)
        units = [make_unit(site, "Rez"), make_unit(site, "Étage")]
        db.session.commit()
        return site.id, [u.id for u in units]


def a_call(app, world, **fields):
    with app.test_request_context():
        site_id, _ = owner_site(app, world)
        from occupancies.models import Site

        call = make_call(db.session.get(Site, site_id), **fields)
        db.session.commit()
        return call.id


def test_an_editor_drafts_a_call_with_three_weighted_criteria(app, client, world):
    site_id, units = owner_site(app, world)
    client.login(world.owner_editor)
    assert "École Ransfort" in client.get("/o/owner-a/calls/new").get_data(as_text=True)  # choose the site
    form = client.get(f"/o/owner-a/calls/new?site_id={site_id}")
    assert form.status_code == 200 and 'name="criteria-2-weight"' in form.get_data(as_text=True)
    response = client.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id, "unit_ids": [units[0]]})
    assert response.status_code == 303
    with app.app_context():
        call = db.session.scalar(select(Call))
        assert (call.status, call.site_id, [c.weight for c in call.criteria]) == (CallStatus.draft, site_id,
                                                                                   [50, 30, 20])
        # Typed in Brussels time, stored in UTC.
        assert call.submission_deadline == DEADLINE and call.visits[0].starts_at.hour == 13
        assert [u.unit_id for u in call.units] == [units[0]] and call.conditions[0].text_nl.startswith("Vereniging")
    assert response.headers["Location"] == f"/o/owner-a/calls/{call.id}"


def _refused(app, client, site_id, changes):
    response = client.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id, **changes})
    assert response.status_code == 422
    assert count(app, Call) == 0 and count(app, Criterion) == 0
    return response.get_data(as_text=True)


def test_the_call_form_shows_every_problem_beside_its_field_and_saves_nothing(app, client, world):
    site_id, _ = owner_site(app, world)
    client.login(world.owner_editor)
    # Several dates out of order at once: each message beside its own field.
    page = _refused(app, client, site_id, {"publication_at": "2026-11-20T10:00", "decision_on": "2027-01-30"})
    assert "already passed" in field_error(page, "publication_at")
    assert "after the submission deadline" in field_error(page, "decision_on")
    page = _refused(app, client, site_id, {"submission_deadline": "2027-01-10T12:00"})
    assert "after the questions deadline" in field_error(page, "submission_deadline")
    page = _refused(app, client, site_id, {"title_nl": "", "uses": []})
    assert "required" in field_error(page, "title_nl") and 'id="uses-error"' in page
    assert "monthly fee" in field_error(_refused(app, client, site_id, {"free_use": ""}), "monthly_fee")
    page = _refused(app, client, site_id, {"criteria-1-label_nl": ""})
    assert "required" in field_error(page, "criteria-1-label_nl")
    page = _refused(app, client, site_id, {"visits-0": "2027-03-01T10:00"})
    assert "between the publication and the submission deadline" in page


def test_a_button_adds_a_criterion_row_without_saving(app, client, world):
    site_id, _ = owner_site(app, world)
    client.login(world.owner_editor)
    page = client.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id, "add_criterion": "1"})
    assert page.status_code == 200 and 'name="criteria-3-weight"' in page.get_data(as_text=True)
    assert count(app, Call) == 0


def test_an_evaluator_and_another_owner_cannot_draft(app, client, world):
    site_id, _ = owner_site(app, world)
    assert client.login(world.owner_evaluator).get(f"/o/owner-a/calls/new?site_id={site_id}").status_code == 403
    other = client.login(world.other_owner_admin)
    assert other.get(f"/o/owner-b/calls/new?site_id={site_id}").status_code == 404


def drafted(app, client, world) -> tuple:
    """The owner's editor drafts FORM's call through the page: (the editor's client, the call's id)."""
    site_id, _ = owner_site(app, world)
    editor = client.login(world.owner_editor)
    assert editor.post("/o/owner-a/calls/new", {**FORM, "site_id": site_id}).status_code == 303
    with app.app_context():
        return editor, db.session.scalar(select(Call.id))


def published(app, client, make_client, world) -> int:
    """FORM's call drafted and sent through the pages, then approved by the Guichet once its planned publication
    has come (it goes public at once)."""
    editor, call_id = drafted(app, client, world)
    editor.post(f"/o/owner-a/calls/{call_id}/submit")
    guichet = make_client().login(world.guichet_admin)
    with frozen(PUBLICATION, guichet):
        assert guichet.post(f"/guichet/calls/{call_id}/publish", APPROVE).status_code == 303
    with app.app_context():
        assert db.session.get(Call, call_id).status == CallStatus.published
    return call_id


def test_moderation_sends_back_once_then_publishes(app, client, make_client, world, jobs):
    editor, call_id = drafted(app, client, world)
    moderator = make_client().login(world.guichet_moderator)
    assert editor.post(f"/o/owner-a/calls/{call_id}/submit").status_code == 303
    assert "Rez commercial" in moderator.get("/guichet/calls/").get_data(as_text=True)
    refused = moderator.post(f"/guichet/calls/{call_id}/send-back", {"reason": ""})
    assert refused.status_code == 422 and "required" in field_error(refused.get_data(as_text=True), "reason")
    assert moderator.post(f"/guichet/calls/{call_id}/send-back",
                          {"reason": "Précisez l’assurance exigée."}).status_code == 303
    page = editor.get(f"/o/owner-a/calls/{call_id}").get_data(as_text=True)
    assert "Précisez l’assurance exigée." in page and "Sent back by the Guichet" in page
    assert editor.post(f"/o/owner-a/calls/{call_id}/edit", {**FORM, "title_fr": "Rez (assurance)"}).status_code == 303
    editor.post(f"/o/owner-a/calls/{call_id}/submit")
    assert moderator.post(f"/guichet/calls/{call_id}/publish", APPROVE).status_code == 303
    # Approved: frozen for the owner, public at its planned moment (the scheduled job).
    assert editor.get(f"/o/owner-a/calls/{call_id}/edit").status_code == 403
    assert make_client().get(f"/calls/{call_id}").status_code == 404
    with frozen(PUBLICATION):
        jobs.run_due(sweep_calls)
    assert make_client().get(f"/calls/{call_id}").status_code == 200
    with app.app_context():
        call = db.session.get(Call, call_id)
        assert (call.status, call.title_fr) == (CallStatus.published, "Rez (assurance)")
        if app.config.get("REDIS_URL"):  # the schedule lives in RQ
            from rq.job import Job

            from portal.jobs.queue import rq_queue, scheduled_job_id

            queue = rq_queue()
            job_id = scheduled_job_id(queue, f"close-call-{call_id}")
            assert job_id in queue.scheduled_job_registry.get_job_ids()
            assert Job.fetch(job_id, connection=queue.connection).args[1] == call_id
        else:
            job = db.session.scalar(select(ScheduledJob).where(ScheduledJob.key == f"close-call-{call_id}"))
            assert job.run_at == DEADLINE and job.args == [call_id]
    assert count(app, Notification, kind="call.returned") == 2  # the owner's admin and editor


def test_a_call_that_is_not_published_is_not_public(app, client, world):
    call_id = a_call(app, world, status=CallStatus.submitted)
    assert client.get(f"/calls/{call_id}").status_code == 404
    assert "Appel" not in client.get("/calls").get_data(as_text=True).split("<main", 1)[1]
    assert client.login(world.other_owner_admin).get(f"/o/owner-b/calls/{call_id}").status_code == 404


def test_the_public_list_filters_by_commune_use_deadline_and_state(app, client, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        ixelles = make_site(owner, "Ixelles", commune="ixelles", publication=PublicationStatus.published)
        forest = make_site(owner, "Forest", commune="forest", publication=PublicationStatus.published)
        make_call(ixelles, title="Culture à Ixelles", uses=["culture"], deadline=T0 + timedelta(days=10))
        make_call(forest, title="Logement à Forest", uses=["emergency_housing"], deadline=T0 + timedelta(days=40))
        make_call(forest, title="Fermé à Forest", status=CallStatus.closed, deadline=T0 - timedelta(days=1))
        db.session.commit()

    def titles(query):
        page = client.get(f"/calls?{query}").get_data(as_text=True)
        return {t for t in ("Culture à Ixelles", "Logement à Forest", "Fermé à Forest") if t in page}

    assert titles("") == {"Culture à Ixelles", "Logement à Forest"}
    assert titles("commune=forest") == {"Logement à Forest"}
    assert titles("use=culture") == {"Culture à Ixelles"}
    assert titles("deadline_before=2026-12-20") == {"Culture à Ixelles"}
    assert titles("state=closed") == {"Fermé à Forest"}
    assert titles("state=all&q=forest") == {"Logement à Forest", "Fermé à Forest"}
    assert titles("commune=atlantis&use=nothing&deadline_before=soon") == {"Culture à Ixelles", "Logement à Forest"}


def test_open_calls_are_judged_at_the_minute_and_their_count_kept_until_an_operation_or_the_next_minute(
        app, client, world, monkeypatch):
    from portal.extensions import cache
    from tests.support.web import count_queries

    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 3600)
    with app.app_context():
        cache.clear()
    with time_machine.travel(T0, tick=False), app.test_request_context(method="POST"):
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "Ixelles", commune="ixelles", publication=PublicationStatus.published)
        make_call(site, title="Appel bref", deadline=T0 + timedelta(seconds=30))
        make_call(site, title="Appel long", deadline=T0 + timedelta(days=10))
        db.session.commit()

    def home(at):
        with time_machine.travel(at, tick=False), count_queries(app) as statements:
            page = client.get("/").get_data(as_text=True)
        counted = any("count(" in s.lower() and "calls" in s for s in statements)
        return ("Appel bref" in page, "2 open" in page, "1 open" in page), counted

    assert home(T0 + timedelta(seconds=10)) == ((True, True, False), True)
    # 10:00:40, past the first deadline: the minute started before it, the page says what it said at 10:00:10.
    assert home(T0 + timedelta(seconds=40)) == ((True, True, False), False)
    assert home(T0 + timedelta(seconds=60)) == ((False, False, True), True)          # a new minute
    with time_machine.travel(T0 + timedelta(seconds=70), tick=False):
        for _ in range(2):                                                              # a search: counted each time
            with count_queries(app) as statements:
                assert "Appel long" in client.get("/calls?q=long").get_data(as_text=True)
            assert any("count(" in s.lower() for s in statements)


def test_the_public_page_states_the_criteria_and_answered_questions_without_the_asker(app, client, world):
    call_id = a_call(app, world)
    with app.test_request_context():
        call = db.session.get(Call, call_id)
        occupant = db.session.get(Organisation, world.occupant)
        make_question(call, occupant, "Le chauffage fonctionne-t-il ?", answer=True)
        make_question(call, occupant, "Question sans réponse")
        db.session.commit()
    page = client.get(f"/calls/{call_id}").get_data(as_text=True)
    assert "Qualité du projet" in page and ">50%<" in page and "Le chauffage fonctionne-t-il ?" in page  # English
    assert "Question sans réponse" not in page and "Asbl A" not in page
    assert "Sign in to apply" in page


def test_an_occupant_asks_and_the_owner_answers_in_both_languages(app, client, make_client, world):
    call_id = a_call(app, world)
    occupant = client.login(world.occupant_editor)
    assert occupant.post(f"/o/occupant-a/calls/{call_id}/ask", {"text": ""}).status_code == 422
    response = occupant.post(f"/o/occupant-a/calls/{call_id}/ask", {"text": "Peut-on stocker du matériel ?"})
    assert response.status_code == 303
    with app.app_context():
        question = db.session.scalar(select(Question))
    owner = make_client().login(world.owner_editor)
    page = owner.get(f"/o/owner-a/calls/{call_id}").get_data(as_text=True)
    assert "Peut-on stocker du matériel ?" in page and "Asbl A" not in page  # the owner does not see who asked
    refused = owner.post(f"/o/owner-a/calls/{call_id}/questions/{question.id}/answer",
                         {f"q{question.id}-answer_fr": "Oui, à la cave.", f"q{question.id}-answer_nl": ""})
    assert refused.status_code == 422
    assert "required" in field_error(refused.get_data(as_text=True), f"q{question.id}-answer_nl")
    assert owner.post(f"/o/owner-a/calls/{call_id}/questions/{question.id}/answer",
                      {f"q{question.id}-answer_fr": "Oui, à la cave.",
                       f"q{question.id}-answer_nl": "Ja, in de kelder."}).status_code == 303
    dutch = make_client().get(f"/calls/{call_id}?lang=nl").get_data(as_text=True)
    assert "Ja, in de kelder." in dutch
    # The asker followed the call and is told in their language (the editor reads Dutch).
    assert count(app, Notification, kind="call.question_answered", user_id=world.occupant_editor) == 1
    # An owner cannot ask, and nobody asks once the questions deadline has passed.
    assert make_client().login(world.owner_admin).post(f"/o/owner-a/calls/{call_id}/ask",
                                                      {"text": "?"}).status_code == 403
    with frozen(T0 + timedelta(days=9), occupant):
        assert occupant.post(f"/o/occupant-a/calls/{call_id}/ask", {"text": "Trop tard ?"}).status_code == 403


def test_an_addendum_can_only_push_the_deadline_later_and_reaches_those_concerned(app, client, world):
    call_id = a_call(app, world, deadline=DEADLINE)
    with app.test_request_context():
        call = db.session.get(Call, call_id)
        make_application(call, db.session.get(Organisation, world.occupant))  # a draft: told of the addendum
        db.session.commit()
    owner = client.login(world.owner_editor)
    base = {"text_fr": "La visite est déplacée.", "text_nl": "Het bezoek is verplaatst."}
    refused = owner.post(f"/o/owner-a/calls/{call_id}/addendum", {**base, "new_deadline": "2027-01-20T12:00"})
    assert refused.status_code == 422
    assert "only move the deadline later" in field_error(refused.get_data(as_text=True), "new_deadline")
    assert count(app, Addendum) == 0
    assert owner.post(f"/o/owner-a/calls/{call_id}/addendum",
                      {**base, "new_deadline": "2027-02-07T12:00"}).status_code == 303
    with app.app_context():
        call = db.session.get(Call, call_id)
        assert call.submission_deadline == datetime(2027, 2, 7, 11, 0, tzinfo=UTC)
    assert count(app, Notification, kind="call.addendum") == 2  # occupant-a's admin and editor
    assert "La visite est déplacée." in client.get(f"/calls/{call_id}").get_data(as_text=True)


def test_cancelling_needs_a_public_reason_and_only_the_admin(app, client, make_client, world):
    call_id = a_call(app, world)
    assert make_client().login(world.owner_editor).post(f"/o/owner-a/calls/{call_id}/cancel",
                                                       {"reason": "x"}).status_code == 403
    admin = client.login(world.owner_admin)
    assert admin.post(f"/o/owner-a/calls/{call_id}/cancel", {"reason": ""}).status_code == 422
    assert admin.post(f"/o/owner-a/calls/{call_id}/cancel", {"reason": "Le bâtiment est vendu."}).status_code == 303
    page = make_client().get(f"/calls/{call_id}").get_data(as_text=True)
    assert "This call is cancelled." in page and "Le bâtiment est vendu." in page


def test_applications_are_sealed_until_the_deadline_then_the_owner_and_the_guichet_read_them(
        app, client, make_client, world, jobs):
    call_id = a_call(app, world, deadline=DEADLINE)
    with app.test_request_context():
        call = db.session.get(Call, call_id)
        application = make_application(call, db.session.get(Organisation, world.occupant),
                                       summary="Un atelier vélo", status=ApplicationStatus.submitted)
        make_application(call, db.session.get(Organisation, world.other_occupant), summary="Brouillon B")
        db.session.commit()
        application_id = application.id
    owner = client.login(world.owner_editor)
    guichet = make_client().login(world.guichet_moderator)
    url = f"/o/owner-a/calls/{call_id}/applications/{application_id}"
    with frozen(DEADLINE - timedelta(seconds=1), owner, guichet):
        page = owner.get(f"/o/owner-a/calls/{call_id}/applications").get_data(as_text=True)
        assert "1 application submitted" in page and "1 in preparation" in page and "Sealed" in page
        assert "Un atelier vélo" not in page and "Asbl A" not in page
        assert owner.get(url).status_code == 404
        assert guichet.get(f"/guichet/calls/{call_id}/applications/{application_id}").status_code == 404
    with frozen(DEADLINE, owner, guichet):
        # The deadline's second: closed for everyone, even before the job has run.
        assert "Closed" in make_client().get(f"/calls/{call_id}").get_data(as_text=True)
        page = owner.get(f"/o/owner-a/calls/{call_id}/applications").get_data(as_text=True)
        assert "Asbl A" in page and "Brouillon B" not in page and "Asbl B" not in page
        assert "Un atelier vélo" in owner.get(url).get_data(as_text=True)
        assert guichet.get(f"/guichet/calls/{call_id}/applications/{application_id}").status_code == 200
        # The draft of occupant-b is never read by the owner.
        with app.app_context():
            draft_id = db.session.scalar(select(Application.id).where(Application.summary == "Brouillon B"))
        assert owner.get(f"/o/owner-a/calls/{call_id}/applications/{draft_id}").status_code == 404
        assert make_client().login(world.other_owner_admin).get(
            f"/o/owner-b/calls/{call_id}/applications/{application_id}").status_code == 404


def test_the_call_closes_by_itself_at_the_deadline(app, client, make_client, world, jobs):
    call_id = published(app, client, make_client, world)
    with frozen(DEADLINE - timedelta(seconds=1)):
        jobs.run()
        with app.app_context():
            assert db.session.get(Call, call_id).status == CallStatus.published
    with frozen(DEADLINE + timedelta(seconds=1)):
        jobs.run()
    with app.app_context():
        assert db.session.get(Call, call_id).status == CallStatus.closed
    assert count(app, Notification, kind="call.closed") == 2


def test_the_feeds_list_published_calls_with_deadlines_and_visits_in_brussels_time(app, client, world):
    call_id = a_call(app, world, deadline=DEADLINE, title="Appel au flux")
    a_call(app, world, status=CallStatus.draft, title="Brouillon caché")
    atom = client.get("/calls.atom")
    assert atom.status_code == 200 and atom.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(atom.get_data())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == ["Appel au flux"]
    assert entries[0].find("a:id", ns).text.endswith(f"/calls/{call_id}")

    ics = client.get("/calls.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    calendar = Calendar.from_ical(ics.get_data())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    deadline = events[f"call-{call_id}-deadline@portal.test"]  # BASE_URL's host, not the request's
    start = deadline.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Brussels" and (start.hour, start.minute) == (12, 0)  # winter: UTC+1
    assert start == DEADLINE and any(uid.startswith(f"call-{call_id}-visit-") for uid in events)
    assert [c for c in calendar.walk("VTIMEZONE")][0]["TZID"] == "Europe/Brussels"
    assert "Brouillon caché" not in ics.get_data(as_text=True)


def test_the_site_page_lists_its_public_calls(app, client, world):
    call_id = a_call(app, world, title="Appel du site")
    with app.app_context():
        site_id = db.session.get(Call, call_id).site_id
    page = client.get(f"/sites/{site_id}").get_data(as_text=True)
    assert "Appel du site" in page and f"/calls/{call_id}" in page


def test_drafts_are_reminded_three_days_and_one_day_before_the_deadline(app, client, make_client, world, jobs):
    call_id = published(app, client, make_client, world)
    with app.test_request_context():
        call = db.session.get(Call, call_id)
        make_application(call, db.session.get(Organisation, world.occupant))                  # a draft
        make_application(call, db.session.get(Organisation, world.other_occupant),
                         status=ApplicationStatus.submitted)                                    # nothing to remind
        db.session.commit()

    def reminders():
        return count(app, Notification, kind="application.deadline_reminder")

    with frozen(DEADLINE - timedelta(days=3, seconds=1)):
        jobs.run()
    assert reminders() == 0
    with frozen(DEADLINE - timedelta(days=3)):
        jobs.run()
    assert reminders() == 2  # occupant-a's admin and editor
    with frozen(DEADLINE - timedelta(days=1)):
        jobs.run()
    assert reminders() == 4
    assert count(app, Notification, kind="application.deadline_reminder", user_id=world.other_occupant_admin) == 0
    with app.app_context():
        from portal.notifications.registry import render

        note = db.session.scalar(select(Notification).where(Notification.user_id == world.occupant_editor))
        title, _ = render(note.kind, note.params, "nl")
    assert "31/01/2027 12:00" in title


def test_the_periodic_sweep_closes_a_call_whose_job_was_lost(app, world):
    call_id = a_call(app, world, deadline=T0 + timedelta(hours=1))  # published, no closing job scheduled
    with frozen(T0 + timedelta(hours=1)):
        result = app.test_cli_runner().invoke(args=["jobs", "tick"])
    with app.app_context():
        sweeps = [path for path, _interval in periodic_jobs()]
    # Every feature's sweep runs: the retention schedule's (sign-ins, invitations, the outbox, drafts, documents of
    # applications not selected), the digests of notifications, the calls', the agreements', the reports', the
    # sharing sessions', the reminders of the DGP cases' deadlines and of the needs about to expire.
    assert sweeps == ["portal.accounts.jobs.sweep_retention", "portal.organisations.jobs.sweep_retention",
                      "portal.notifications.jobs.send_digests",
                      "portal.notifications.jobs.sweep_retention", "calls.jobs.sweep_calls",
                      "calls.applications.jobs.sweep_retention", "calls.evaluation.jobs.sweep_retention",
                      "occupancies.agreements.jobs.sweep_agreements", "occupancies.reports.jobs.sweep_reports",
                      "occupancies.sharing.jobs.sweep_sessions", "occupancies.dgp.jobs.sweep_deadlines",
                      "occupancies.needs.jobs.sweep_expiring"]
    assert result.exit_code == 0 and "12 sweep(s)" in result.output
    with app.app_context():
        assert db.session.get(Call, call_id).status == CallStatus.closed


def grow_calls(app, world, n):
    """n more published calls (each with an answered question and two submitted applications), and n more
    questions, addenda and submitted applications on the call 'Big'."""
    from occupancies.models import Site
    from portal.roles import OrganisationKind
    from tests.support.factories import make_org

    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        big = db.session.scalar(select(Call).where(Call.title_fr == "Big"))
        if big is None:
            site = make_site(owner, "Big site", publication=PublicationStatus.published)
            make_unit(site, "Big unit")
            big = make_call(site, title="Big", deadline=DEADLINE)
        site = db.session.scalar(select(Site).where(Site.name == "Big site"))
        for i in range(n):
            call = make_call(site, title=f"Grown {i}", deadline=DEADLINE)
            for target in (call, big):
                occupant = make_org(kind=OrganisationKind.occupant)
                make_application(target, occupant, status=ApplicationStatus.submitted)
                make_question(target, occupant, answer=True)
            db.session.add(Addendum(call=big, text_fr="Correction", text_nl="Correctie", published_at=T0))
        db.session.commit()
        return big.id


CALL_PAGES = [
    (None, "/calls"),
    (None, "/calls?state=all&commune=ixelles&use=culture"),
    (None, "/calls/{big}"),
    ("occupant_editor", "/calls/{big}"),
    (None, "/calls.atom"),
    (None, "/calls.ics"),
    ("owner_admin", "/o/owner-a/calls/"),
    ("owner_admin", "/o/owner-a/calls/{big}"),
    ("owner_admin", "/o/owner-a/calls/{big}/applications"),
    ("guichet_admin", "/guichet/calls/"),
    ("guichet_admin", "/guichet/calls/{big}"),
]


@pytest.mark.parametrize("role, url", CALL_PAGES)
def test_call_pages_keep_a_constant_number_of_queries(app, make_client, world, role, url):
    from tests.support.web import assert_constant_queries

    big = grow_calls(app, world, 1)
    at = DEADLINE + timedelta(hours=1) if url.endswith("/applications") else T0
    client = make_client()
    with frozen(at):
        if role:
            client.login(world[role])
        assert_constant_queries(app, client, url.format(big=big), lambda n: grow_calls(app, world, n), most=14)


def test_the_dashboards_say_what_waits_on_calls(app, client, make_client, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        occupant = db.session.get(Organisation, world.occupant)
        site = make_site(owner, "Dashboard site", publication=PublicationStatus.published)
        returned = make_call(site, status=CallStatus.returned, title="Renvoyé")
        open_call = make_call(site, title="Ouvert", deadline=DEADLINE)
        make_call(site, status=CallStatus.closed, title="Clôturé", deadline=T0 - timedelta(days=1))
        make_call(site, status=CallStatus.submitted, title="En modération")
        make_question(open_call, occupant)
        make_question(open_call, occupant, "Une autre ?")
        make_application(open_call, occupant)
        db.session.commit()
        returned_id = returned.id
    page = client.login(world.owner_editor).get("/o/owner-a/").get_data(as_text=True)
    assert "sent back the call “Renvoyé”" in page and f"/o/owner-a/calls/{returned_id}" in page
    assert "2 questions wait for an answer on “Ouvert”" in page
    # A closed call waits for the admin, who assigns its evaluators (tests/web/test_evaluation.py).
    assert "The call “Clôturé” is closed" not in page
    admin_page = make_client().login(world.owner_admin).get("/o/owner-a/").get_data(as_text=True)
    assert "The call “Clôturé” is closed: assign the evaluators" in admin_page
    page = make_client().login(world.occupant_editor).get("/o/occupant-a/?lang=en").get_data(as_text=True)
    assert "1 application is in preparation" in page
    page = make_client().login(world.guichet_moderator).get("/guichet/").get_data(as_text=True)
    assert "Calls waiting for publication" in page and "/guichet/calls/" in page


def test_an_organisation_follows_a_call_and_is_told_of_its_addenda(app, client, make_client, world):
    call_id = a_call(app, world, deadline=DEADLINE)
    follower = client.login(world.other_occupant_admin)
    assert follower.post(f"/o/occupant-b/calls/{call_id}/follow").status_code == 303
    assert follower.post(f"/o/occupant-b/calls/{call_id}/follow").status_code == 303   # once is enough
    from calls.models import Follower
    from portal.audit.models import AuditEvent

    assert count(app, Follower, call_id=call_id) == 1 and count(app, AuditEvent, action="call.followed") == 1
    owner = make_client().login(world.owner_editor)
    owner.post(f"/o/owner-a/calls/{call_id}/addendum", {"text_fr": "Précision", "text_nl": "Verduidelijking"})
    assert count(app, Notification, kind="call.addendum", user_id=world.other_occupant_admin) == 1
    assert "Asbl B" not in owner.get(f"/o/owner-a/calls/{call_id}").get_data(as_text=True)


def test_a_refused_edit_changes_nothing(app, client, world):
    editor, call_id = drafted(app, client, world)
    refused = editor.post(f"/o/owner-a/calls/{call_id}/edit", {**FORM, "title_fr": "Nouveau titre",
                                                                "criteria-0-weight": "10",
                                                                "decision_on": "2027-01-30"})
    assert refused.status_code == 422 and "after the submission deadline" in refused.get_data(as_text=True)
    refused = editor.post(f"/o/owner-a/calls/{call_id}/edit", {**FORM, "title_fr": "Nouveau titre",
                                                                "unit_ids": ["999999"]})  # not a unit of the site
    assert refused.status_code == 422 and 'id="unit_ids-error"' in refused.get_data(as_text=True)
    with app.app_context():
        call = db.session.get(Call, call_id)
        assert call.title_fr == "Rez commercial rue Ransfort" and [c.weight for c in call.criteria] == [50, 30, 20]
        assert call.units == []
