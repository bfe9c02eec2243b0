"""Makers of calls and applications for tests: rows written directly, in any state and with any dates
(the operations' own rules are tested in test_call_operations.py)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.models import Call, CallUnit, Condition, Criterion, Question, Visit
from calls.workflow import CallStatus
from occupancies.workflow import OccupantType, UseCategory
from portal import clock
from portal.extensions import db

CRITERIA = [("Qualité du projet", "Kwaliteit van het project", 50), ("Ancrage local", "Lokale verankering", 30),
            ("Mixité", "Diversiteit", 20)]


def make_call(site, *, status=CallStatus.published, title="Appel", deadline: datetime | None = None,
              units=(), questions_deadline: datetime | None = None, **fields) -> Call:
    """A call of the site's owner. By default open: published, deadline in ten days."""
    now = clock.now()
    deadline = deadline or now + timedelta(days=10)
    call = Call(
        site=site, site_id=site.id, owner=site.owner, organisation_id=site.organisation_id, status=status,
        title_fr=title, title_nl=fields.pop("title_nl", f"Oproep {title}"), description_fr="Description de l'appel",
        description_nl="Beschrijving van de oproep", uses=fields.pop("uses", ["culture", "social_economy"]),
        scale=fields.pop("scale", 5), publication_at=fields.pop("publication_at", deadline - timedelta(days=30)),
        questions_deadline=questions_deadline or deadline - timedelta(days=2), submission_deadline=deadline,
        decision_on=fields.pop("decision_on", (deadline + timedelta(days=20)).date()),
        occupancy_start=fields.pop("occupancy_start", (deadline + timedelta(days=40)).date()),
        published_at=now if status not in (CallStatus.draft, CallStatus.submitted, CallStatus.returned) else None,
        **fields)
    call.criteria = [Criterion(position=n, label_fr=fr, label_nl=nl, guidance_fr="Expliquez", guidance_nl="Leg uit",
                               weight=w) for n, (fr, nl, w) in enumerate(CRITERIA)]
    call.conditions = [Condition(position=0, text_fr="Association sans but lucratif",
                                 text_nl="Vereniging zonder winstoogmerk")]
    call.units = [CallUnit(unit_id=unit.id) for unit in units]
    call.visits = [Visit(starts_at=deadline - timedelta(days=5))]
    db.session.add(call)
    db.session.flush()
    return call


def make_application(call, organisation, *, status=ApplicationStatus.draft, summary="Notre projet",
                     complete=True) -> Application:
    application = Application(call=call, call_id=call.id, applicant=organisation, organisation_id=organisation.id,
                              status=status, summary=summary if complete else "", requested_units=[],
                              use_category=UseCategory.culture if complete else None,
                              occupant_type=OccupantType.association if complete else None,
                              answers={str(c.id): f"Réponse {c.position}" for c in call.criteria} if complete else {},
                              statements={str(c.id): "Oui" for c in call.conditions} if complete else {})
    if status == ApplicationStatus.submitted:
        application.submitted_at = clock.now()
        application.digest = "0" * 64
    db.session.add(application)
    db.session.flush()
    return application


def make_question(call, organisation, text="Peut-on visiter le samedi ?", *, answer=False) -> Question:
    question = Question(call_id=call.id, asked_by_id=organisation.id, text=text)
    if answer:
        question.answer_fr, question.answer_nl = "Oui, sur rendez-vous.", "Ja, op afspraak."
        question.answered_at = clock.now()
    db.session.add(question)
    db.session.flush()
    return question


def day(n: int) -> date:
    return clock.today() + timedelta(days=n)
