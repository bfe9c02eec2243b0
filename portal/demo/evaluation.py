"""Demo evaluations: the commune of Molenbeek's preau call under evaluation (a conflict declared, some scores in)
and a call for the school's second floor decided three months ago, with its report.

Both go through the real operations, acting as the commune's admin and its two evaluators, so that the
records, the history and the notifications are those the pages produce; the decided call's steps are then
dated when they would have happened. Idempotent: a call already evaluated is left as it is."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from calls.appeals.models import Appeal
from calls.appeals.workflow import AppealStatus
from calls.applications.workflow import ApplicationStatus
from calls.evaluation import operations as ops
from calls.evaluation.models import ConflictDeclaration, Decision, EligibilityMark, Evaluator, ScoreSheet
from calls.evaluation.queries import board, standing
from calls.models import Call
from calls.workflow import CallStatus
from portal import clock
from portal.accounts.models import User
from portal.accounts.operations import create_user
from portal.audit.models import AuditEvent
from portal.demo.call_texts import RANSFORT_PREAU
from portal.demo.calls import (
    _find_call,
    _record,
    _site,
    _submitted_directly,
    _units,
    _written_directly,
    acting_for,
)
from portal.demo.evaluation_texts import (
    EVALUATORS,
    RANSFORT_FLOOR,
    RANSFORT_FLOOR_APPLICATIONS,
    RANSFORT_FLOOR_CONDITIONS,
    RANSFORT_FLOOR_CRITERIA,
    RANSFORT_FLOOR_DECISION_FR,
    RANSFORT_FLOOR_DECISION_NL,
    RANSFORT_FLOOR_INELIGIBLE,
    RANSFORT_FLOOR_SCORES,
    RANSFORT_PREAU_CONFLICT,
    RANSFORT_PREAU_DRAFT,
    RANSFORT_PREAU_SCORES,
)
from portal.demo.organisations import DEMO_PASSWORD, DOMAIN, url_context
from portal.extensions import db
from portal.organisations.models import Membership
from portal.roles import Role, admins_of


def _evaluators(commune, domain: str, password: str) -> tuple[dict, list]:
    users, accounts = {}, []
    for local, name, language in EVALUATORS:
        email = f"{local}@{domain}"
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = create_user(email=email, name=name, password=password, language=language)
        if user.membership_in(commune.id) is None:
            db.session.add(Membership(user=user, organisation=commune, role=Role.evaluator))
            db.session.flush()
        users[local] = user
        accounts.append((f"Commune evaluator ({language.upper()})", email, password))
    return users, accounts


def _declare(call, user, conflicts: dict) -> None:
    """The evaluator's declarations: `conflicts` maps an applicant's slug to what links them."""
    place = standing(user, call)
    answers = {line.application.organisation_id: (line.application.applicant.slug in conflicts,
                                                  conflicts.get(line.application.applicant.slug, ""))
               for line in board(call).lines}
    ops.declare_conflicts(call, place, answers, actor=user)


def _all_eligible(call, admin, *, except_for=None) -> None:
    for line in board(call).lines:
        slug = line.application.applicant.slug
        marks = {c.id: (True, "") for c in call.conditions}
        if except_for and slug == except_for[0]:
            marks[call.conditions[0].id] = (False, except_for[1])
        ops.mark_eligibility(line.application, standing(admin, call), marks, actor=admin)


def _score(call, user, slug: str, values, *, submit: bool = True) -> None:
    line = next(line for line in board(call).lines if line.application.applicant.slug == slug)
    given = {c.id: (v[0], v[1]) if v else (None, "") for c, v in zip(call.criteria, values, strict=False)}
    ops.save_scores(line.application, standing(user, call), given, actor=user, submit=submit)


def load_evaluations(organisations: dict) -> list[tuple[str, str, str]]:
    """The commune's preau call under evaluation (loaded by demo.calls) and its second floor decided; returns the
    evaluators' accounts (label, email, password)."""
    commune = organisations["commune-molenbeek"]
    admin = db.session.scalar(select(User).where(User.email == f"commune.admin@{DOMAIN}"))
    moderator = db.session.scalar(select(User).where(User.email == f"guichet.moderator@{DOMAIN}"))
    preau = _find_call(commune, RANSFORT_PREAU["title_fr"])
    users, accounts = _evaluators(commune, DOMAIN, DEMO_PASSWORD)
    with url_context(), acting_for(commune):
        _under_evaluation(preau, admin, users)
        _decided(commune, organisations, admin, users, moderator)
    return accounts


def _under_evaluation(call, admin, users) -> None:
    if call is None or call.status != CallStatus.closed:
        return
    ops.assign_evaluators(call, list(users.values()), actor=admin)
    local, slug, note = RANSFORT_PREAU_CONFLICT
    _declare(call, users[local], {slug: note})
    for other in users:
        if other != local:
            _declare(call, users[other], {})
    _all_eligible(call, admin)
    for local, by_applicant in RANSFORT_PREAU_SCORES.items():
        for slug, values in by_applicant.items():
            _score(call, users[local], slug, values)
    local, slug, values = RANSFORT_PREAU_DRAFT
    _score(call, users[local], slug, values, submit=False)


def _decided(commune, organisations, admin, users, moderator) -> None:
    if _find_call(commune, RANSFORT_FLOOR["title_fr"]) is not None:
        return
    today = clock.today()
    school = _site(commune, "Ancienne école Ransfort")
    floor = _units(school, ["2e étage"])
    deadline = today - timedelta(days=120)
    published = clock.at_brussels(deadline - timedelta(days=40), 10)
    dates = {"publication_at": published, "questions_deadline": clock.at_brussels(deadline - timedelta(days=7), 12),
             "submission_deadline": clock.at_brussels(deadline, 12), "decision_on": deadline + timedelta(days=30),
             "occupancy_start": date(2027, 1, 1), "occupancy_end": date(2028, 12, 31)}
    call, _created = _written_directly(
        commune, school, RANSFORT_FLOOR, RANSFORT_FLOOR_CRITERIA, RANSFORT_FLOOR_CONDITIONS, dates, unit_ids=floor,
        visits=[clock.at_brussels(deadline - timedelta(days=20), 14)], status=CallStatus.closed, published=published,
        moderator=moderator, guichet=organisations["guichet"])
    _submitted_directly(call, RANSFORT_FLOOR_APPLICATIONS, organisations, {}, floor)
    _record("call.closed", call.submission_deadline, target=call, organisation=commune,
            changes={"status": [CallStatus.published, CallStatus.closed]})
    first_event = db.session.scalar(select(db.func.max(AuditEvent.id))) or 0
    ops.assign_evaluators(call, list(users.values()), actor=admin)
    for user in users.values():
        _declare(call, user, {})
    _all_eligible(call, admin, except_for=RANSFORT_FLOOR_INELIGIBLE)
    for local, by_applicant in RANSFORT_FLOOR_SCORES.items():
        for slug, values in by_applicant.items():
            _score(call, users[local], slug, values)
    winner = next(line for line in board(call).lines if line.application.applicant.slug == "new-samusocial")
    ops.propose_selection(call, {winner.application.id: floor}, actor=admin)
    ops.decide(call, reasons_fr=RANSFORT_FLOOR_DECISION_FR, reasons_nl=RANSFORT_FLOOR_DECISION_NL, actor=admin)
    db.session.flush()
    decided = clock.at_brussels(deadline + timedelta(days=28), 11)
    _date_the_steps(call, first_event, start=clock.at_brussels(deadline + timedelta(days=2), 9), decided=decided)
    _appealed(call, admin, decided)


# One applicant not selected contested the decision within the delay; the commune rejected it a week later.
APPEAL_REASONS = ("Notre projet a été noté 2 sur 5 pour l'ancrage local alors que nous animons l'atelier vélo du "
                  "quartier Ribaucourt depuis 2019 : nous demandons que ce critère soit revu.")
APPEAL_ANSWER = ("Le collège a relu les deux grilles : l'ancrage local a été apprécié sur la présence à la rue "
                 "Ransfort même, de la même manière pour chaque candidature. La décision est maintenue.")


def _appealed(call: Call, admin, decided) -> None:
    """The appeal of the runner-up, lodged five days after the decision and rejected a week later (written directly,
    dated when it happened: its delay is long over)."""
    line = next((line for line in board(call).lines if line.application.status == ApplicationStatus.not_selected),
                None)
    if line is None:
        return
    application = line.application
    person = next(iter(admins_of(application.applicant)), None)
    appeal = Appeal(call_id=call.id, application_id=application.id, organisation_id=application.organisation_id,
                    reasons=APPEAL_REASONS, lodged_at=decided + timedelta(days=5),
                    lodged_by_id=person.id if person else None, status=AppealStatus.rejected, answer=APPEAL_ANSWER,
                    answered_at=decided + timedelta(days=12), answered_by_id=admin.id)
    db.session.add(appeal)
    db.session.flush()
    _record("appeal.lodged", appeal.lodged_at, target=appeal, actor=person, organisation=application.applicant,
            changes={"application": [None, application.id], "document": [None, None]})
    _record("appeal.rejected", appeal.answered_at, target=appeal, actor=admin, organisation=call.owner,
            changes={"status": [AppealStatus.lodged, AppealStatus.rejected]}, reason=APPEAL_ANSWER)


def _date_the_steps(call: Call, first_event: int, *, start, decided) -> None:
    """The evaluation took four weeks after the deadline: its records and history say so."""
    evaluators = [e.id for e in db.session.scalars(select(Evaluator).where(Evaluator.call_id == call.id))]
    db.session.execute(update(Evaluator).where(Evaluator.call_id == call.id)
                       .values(assigned_at=start, declared_at=start + timedelta(days=1)))
    db.session.execute(update(ConflictDeclaration).where(ConflictDeclaration.evaluator_id.in_(evaluators))
                       .values(declared_at=start + timedelta(days=1)))
    applications = [line.application.id for line in board(call).lines]
    db.session.execute(update(EligibilityMark).where(EligibilityMark.application_id.in_(applications))
                       .values(marked_at=start + timedelta(days=3)))
    db.session.execute(update(ScoreSheet).where(ScoreSheet.application_id.in_(applications))
                       .values(submitted_at=start + timedelta(days=14)))
    db.session.execute(update(Decision).where(Decision.call_id == call.id).values(decided_at=decided))
    steps = {"evaluation.evaluators_assigned": start, "evaluation.conflicts_declared": start + timedelta(days=1),
             "evaluation.eligibility_marked": start + timedelta(days=3),
             "evaluation.sheet_submitted": start + timedelta(days=14),
             "evaluation.selection_proposed": decided - timedelta(days=1), "call.decided": decided,
             "application.decided": decided}
    for action, moment in steps.items():
        db.session.execute(update(AuditEvent).where(AuditEvent.id > first_event, AuditEvent.action == action)
                           .values(at=moment))
