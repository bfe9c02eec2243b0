"""Demo calls: one at each step of a call's life, so that a new user sees the whole of it at once.

Comensia (the demo owner accounts) has a draft, a call waiting for the Guichet, one sent back, and an open one
with questions and applications. The commune of Molenbeek has a closed call with three submitted applications
and a cancelled one. Dates follow the day the demo is loaded.

The calls that can still be open go through the real operations, so that their history, notifications and
closing job are real. The closed and cancelled calls lie in the past, which the operations refuse: their rows
and their history are written directly, dated as they would have happened.

Idempotent: each call is found again by its owner and French title; a call found again is left as it is."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta

from flask import g
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.operations import save_application, start_application, submit_application
from calls.applications.rules import content_digest
from calls.applications.workflow import ApplicationStatus
from calls.models import Call, CallUnit, Condition, Criterion, Follower, Question, Visit
from calls.operations import answer_question, approve_call, ask_question, create_call, return_call, submit_call
from calls.workflow import CallStatus
from occupancies.models import Site
from occupancies.workflow import OccupantType, UseCategory
from portal import audit, clock
from portal.accounts.models import User
from portal.accounts.operations import create_user
from portal.demo.call_texts import (  # noqa: F401
    BRIGADE_PIRON,
    BRIGADE_PIRON_CONDITIONS,
    BRIGADE_PIRON_CRITERIA,
    EDITORS,
    RANSFORT_COUR,
    RANSFORT_COUR_CANCELLED,
    RANSFORT_COUR_CONDITIONS,
    RANSFORT_COUR_CRITERIA,
    RANSFORT_PREAU,
    RANSFORT_PREAU_APPLICATIONS,
    RANSFORT_PREAU_CONDITIONS,
    RANSFORT_PREAU_CRITERIA,
    RANSFORT_PREAU_QUESTION,
    RIBAUCOURT_APPLICATIONS,
    RIBAUCOURT_GROUND_FLOOR,
    RIBAUCOURT_GROUND_FLOOR_CONDITIONS,
    RIBAUCOURT_GROUND_FLOOR_CRITERIA,
    RIBAUCOURT_GROUND_FLOOR_RETURN,
    RIBAUCOURT_HOUSING,
    RIBAUCOURT_HOUSING_CONDITIONS,
    RIBAUCOURT_HOUSING_CRITERIA,
    RIBAUCOURT_QUESTIONS,
    SCHEUT,
    SCHEUT_CONDITIONS,
    SCHEUT_CRITERIA,
)
from portal.demo.organisations import DEMO_PASSWORD, DOMAIN, url_context
from portal.extensions import db
from portal.organisations.models import Membership
from portal.roles import Role

S, U, T = CallStatus, UseCategory, OccupantType


# Helpers ---------------------------------------------------------------------------------------------------------

def _dates(publication: datetime, deadline_day: date, *, questions_days: int = 7, decision_days: int = 30,
           years: int = 2, until: date | None = None) -> dict:
    """Questions a week before the deadline (noon), the decision a month after, then an occupancy from the first
    of the next month, for two years at most and never past the site's availability."""
    decision = deadline_day + timedelta(days=decision_days)
    start = (decision.replace(day=1) + timedelta(days=32)).replace(day=1)
    end = start.replace(year=start.year + years) - timedelta(days=1)
    if until is not None:
        end = min(end, until)
    return {"publication_at": publication,
            "questions_deadline": clock.at_brussels(deadline_day - timedelta(days=questions_days), 12),
            "submission_deadline": clock.at_brussels(deadline_day, 12), "decision_on": decision,
            "occupancy_start": start, "occupancy_end": end}


def _find_call(owner, title_fr: str) -> Call | None:
    return db.session.scalar(select(Call).where(Call.organisation_id == owner.id, Call.title_fr == title_fr))


def _site(owner, name: str) -> Site:
    return db.session.scalar(select(Site).where(Site.organisation_id == owner.id, Site.name == name))


def _units(site: Site, labels) -> list[int]:
    by_label = {unit.label_fr: unit.id for unit in site.units}
    return [by_label[label] for label in labels]


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _editor(organisation, label: str, name: str, language: str) -> tuple[User, tuple[str, str, str]]:
    email = f"editor@{organisation.slug}.{DOMAIN}"
    user = _user(email)
    if user is None:
        user = create_user(email=email, name=name, password=DEMO_PASSWORD, language=language)
    if user.membership_in(organisation.id) is None:
        db.session.add(Membership(user=user, organisation=organisation, role=Role.editor))
        db.session.flush()
    return user, (label, email, DEMO_PASSWORD)


@contextmanager
def acting_for(organisation):
    """What a tenant request puts in `g`, so that the history says for whom each step was done."""
    missing = object()
    saved = g.get("organisation", missing)
    g.organisation = organisation
    try:
        yield
    finally:
        if saved is missing:
            g.pop("organisation", None)
        else:
            g.organisation = saved


def _record(action, at, *, target, actor=None, organisation=None, changes=None, reason=None):
    """A history event dated when it happened (for the calls written directly)."""
    event = audit.record(action, target=target, actor=actor, organisation=organisation, changes=changes,
                         reason=reason)
    event.at = at
    return event


def _ordered(call: Call, texts: list[str], items) -> dict:
    return {str(item.id): text for item, text in zip(items, texts, strict=False)}


# The calls -------------------------------------------------------------------------------------------------------

def _through_operations(owner, site, spec, criteria, conditions, dates, *, unit_ids, visits, status, editor,
                        moderator, guichet, reason=None) -> tuple[Call, bool]:
    """A call created and moved on by its owner's editor and the Guichet, as through the pages."""
    call = _find_call(owner, spec["title_fr"])
    if call is not None:
        return call, False
    with acting_for(owner):
        call = create_call(site, {**spec, **dates}, criteria=criteria, conditions=conditions, unit_ids=unit_ids,
                           visits=visits, actor=editor)
        if status != S.draft:
            submit_call(call, actor=editor)
    with acting_for(guichet):
        if status == S.returned:
            return_call(call, actor=moderator, reason=reason)
        elif status == S.published:
            # Its owner planned it for the next morning; the demo shows it open already: its planned moment is
            # brought to the loading, so that the Guichet's approval publishes it at once.
            call.publication_at = clock.now()
            approve_call(call, actor=moderator)
    return call, True


def _written_directly(owner, site, spec, criteria, conditions, dates, *, unit_ids, visits, status, published,
                      moderator, guichet, reason=None) -> tuple[Call, bool]:
    """A call whose dates lie in the past: its rows and its dated history."""
    call = _find_call(owner, spec["title_fr"])
    if call is not None:
        return call, False
    call = Call(site=site, site_id=site.id, owner=owner, organisation_id=owner.id, status=status,
                status_reason=reason, published_at=published, created_at=published - timedelta(days=12),
                **spec, **dates)
    call.criteria = [Criterion(position=n, **c) for n, c in enumerate(criteria)]
    call.conditions = [Condition(position=n, **c) for n, c in enumerate(conditions)]
    call.units = [CallUnit(unit_id=unit_id) for unit_id in unit_ids]
    call.visits = [Visit(starts_at=moment) for moment in visits]
    db.session.add(call)
    db.session.flush()
    _record("call.created", call.created_at, target=call, organisation=owner,
            changes={"title_fr": [None, call.title_fr]})
    _record("call.submitted", published - timedelta(days=5), target=call, organisation=owner,
            changes={"status": [S.draft, S.submitted]})
    _record("call.published", published, target=call, actor=moderator, organisation=guichet,
            changes={"status": [S.submitted, S.published]})
    return call, True


def _applications_through_operations(call, applications, organisations, users):
    for slug, unit_labels, submit, values in applications:
        organisation, actor = organisations[slug], users[slug]
        with acting_for(organisation):
            application = start_application(call, organisation, actor=actor)
            save_application(application, {
                "summary": values["summary"], "use_category": values["use_category"],
                "occupant_type": values["occupant_type"], "requested_units": _units(call.site, unit_labels),
                "answers": _ordered(call, values["answers"], call.criteria),
                "statements": _ordered(call, values["statements"], call.conditions)}, actor=actor)
            if submit:
                submit_application(application, actor=actor)


def _submitted_directly(call, applications, organisations, users, unit_ids):
    deadline = call.submission_deadline
    for n, (slug, days_before, values) in enumerate(applications):
        organisation = organisations[slug]
        submitted_at = deadline - timedelta(days=days_before, hours=3 + n)
        started_at = submitted_at - timedelta(days=9)
        application = Application(
            call=call, call_id=call.id, applicant=organisation, organisation_id=organisation.id,
            status=ApplicationStatus.submitted, summary=values["summary"], use_category=values["use_category"],
            occupant_type=values["occupant_type"], requested_units=list(unit_ids),
            answers=_ordered(call, values["answers"], call.criteria),
            statements=_ordered(call, values["statements"], call.conditions),
            submitted_at=submitted_at, created_at=started_at, updated_at=submitted_at)
        db.session.add(application)
        db.session.flush()
        application.digest = content_digest(application.content())
        _record("application.started", started_at, target=application, actor=users.get(slug),
                organisation=organisation)
        _record("application.submitted", submitted_at, target=application, actor=users.get(slug),
                organisation=organisation,
                changes={"status": [ApplicationStatus.draft, ApplicationStatus.submitted],
                         "digest": [None, application.digest]})


def load_calls(organisations: dict) -> list[tuple[str, str, str]]:
    """The demo calls; returns the accounts added for the applying associations (label, email, password)."""
    with url_context():
        return _load(organisations, DOMAIN)


def _load(organisations: dict, domain: str) -> list[tuple[str, str, str]]:
    today = clock.today()
    comensia, molenbeek, guichet = (organisations[slug] for slug in ("comensia", "commune-molenbeek", "guichet"))
    owner_editor = _user(f"owner.editor@{domain}")
    moderator = _user(f"guichet.moderator@{domain}")
    users = {"l-ilot": _user(f"occupant.editor@{domain}")}
    accounts = []
    for slug, label, name, language in EDITORS:
        users[slug], account = _editor(organisations[slug], label, name, language)
        accounts.append(account)

    building = _site(comensia, "Immeuble Ribaucourt")
    houses = _site(comensia, "Maisons Brigade Piron")
    wasteland = _site(comensia, "Terrain Scheut")
    school = _site(molenbeek, "Ancienne école Ransfort")
    tomorrow_morning = clock.at_brussels(today + timedelta(days=1), 9)
    dwellings = [unit.id for unit in building.units if unit.label_fr.startswith("Logement")]
    shop = _units(building, ["Rez-de-chaussée commercial"])

    # Open: closes in three weeks, questions until a week before, decision a month later.
    deadline = today + timedelta(days=21)
    call, created = _through_operations(
        comensia, building, RIBAUCOURT_HOUSING, RIBAUCOURT_HOUSING_CRITERIA, RIBAUCOURT_HOUSING_CONDITIONS,
        _dates(tomorrow_morning, deadline, until=building.available_until), unit_ids=dwellings,
        visits=[clock.at_brussels(today + timedelta(days=8), 10), clock.at_brussels(today + timedelta(days=12), 14)],
        status=S.published, editor=owner_editor, moderator=moderator, guichet=guichet)
    if created:
        for slug, text, answer_fr, answer_nl in RIBAUCOURT_QUESTIONS:
            with acting_for(organisations[slug]):
                question = ask_question(call, organisations[slug], text=text, actor=users[slug])
            if answer_fr:
                with acting_for(comensia):
                    answer_question(question, call, answer_fr=answer_fr, answer_nl=answer_nl, actor=owner_editor)
        _applications_through_operations(call, RIBAUCOURT_APPLICATIONS, organisations, users)

    # Sent back: the visit two days before the deadline, as the Guichet's reason says.
    deadline = today + timedelta(days=35)
    _through_operations(
        comensia, building, RIBAUCOURT_GROUND_FLOOR, RIBAUCOURT_GROUND_FLOOR_CRITERIA,
        RIBAUCOURT_GROUND_FLOOR_CONDITIONS,
        _dates(clock.at_brussels(today + timedelta(days=7), 9), deadline, until=building.available_until),
        unit_ids=shop, visits=[clock.at_brussels(deadline - timedelta(days=2), 10)], status=S.returned,
        editor=owner_editor, moderator=moderator, guichet=guichet, reason=RIBAUCOURT_GROUND_FLOOR_RETURN)

    # Waiting for the Guichet.
    deadline = today + timedelta(days=40)
    _through_operations(
        comensia, houses, BRIGADE_PIRON, BRIGADE_PIRON_CRITERIA, BRIGADE_PIRON_CONDITIONS,
        _dates(clock.at_brussels(today + timedelta(days=10), 9), deadline, until=houses.available_until),
        unit_ids=[], visits=[clock.at_brussels(today + timedelta(days=20), 10)], status=S.submitted,
        editor=owner_editor, moderator=moderator, guichet=guichet)

    # A draft to finish: no visit planned yet.
    deadline = today + timedelta(days=70)
    _through_operations(
        comensia, wasteland, SCHEUT, SCHEUT_CRITERIA, SCHEUT_CONDITIONS,
        _dates(clock.at_brussels(today + timedelta(days=21), 9), deadline, questions_days=14, years=3),
        unit_ids=[], visits=[], status=S.draft, editor=owner_editor, moderator=moderator, guichet=guichet)

    # Closed three days ago with three applications, the decision due in about three weeks; now under evaluation
    # (portal.demo.evaluation).
    preau = _units(school, ["Préau"])
    deadline = today - timedelta(days=3)
    published = clock.at_brussels(today - timedelta(days=45), 10)
    preau_call, created = _written_directly(
        molenbeek, school, RANSFORT_PREAU, RANSFORT_PREAU_CRITERIA, RANSFORT_PREAU_CONDITIONS,
        _dates(published, deadline, decision_days=25, until=school.available_until), unit_ids=preau,
        visits=[clock.at_brussels(today - timedelta(days=24), 14)], status=S.closed, published=published,
        moderator=moderator, guichet=guichet)
    if created:
        slug, text, answer_fr, answer_nl = RANSFORT_PREAU_QUESTION
        asked = published + timedelta(days=9)
        question = Question(call_id=preau_call.id, asked_by_id=organisations[slug].id, text=text, asked_at=asked,
                            answer_fr=answer_fr, answer_nl=answer_nl, answered_at=asked + timedelta(days=2))
        db.session.add_all([question, Follower(call_id=preau_call.id, organisation_id=organisations[slug].id,
                                               created_at=asked)])
        db.session.flush()
        _record("call.question_asked", asked, target=question, actor=users.get(slug), organisation=organisations[slug])
        _record("call.question_answered", question.answered_at, target=preau_call, organisation=molenbeek)
        _submitted_directly(preau_call, RANSFORT_PREAU_APPLICATIONS, organisations, users, preau)
        _record("call.closed", preau_call.submission_deadline, target=preau_call, organisation=molenbeek,
                changes={"status": [S.published, S.closed]})

    # Cancelled before its deadline, with a public reason.
    published = clock.at_brussels(today - timedelta(days=15), 10)
    call, created = _written_directly(
        molenbeek, school, RANSFORT_COUR, RANSFORT_COUR_CRITERIA, RANSFORT_COUR_CONDITIONS,
        _dates(published, today + timedelta(days=10), decision_days=20, until=school.available_until),
        unit_ids=_units(school, ["Cour"]), visits=[clock.at_brussels(today - timedelta(days=8), 10)],
        status=S.cancelled,
        published=published, moderator=moderator, guichet=guichet, reason=RANSFORT_COUR_CANCELLED)
    if created:
        _record("call.cancelled", clock.at_brussels(today - timedelta(days=4), 11), target=call,
                organisation=molenbeek, changes={"status": [S.published, S.cancelled]},
                reason=RANSFORT_COUR_CANCELLED)
    db.session.flush()

    return accounts
