"""A closed call ready for its evaluation, shared by the web, browser and bench tests of issue 6."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from calls.applications.workflow import ApplicationStatus
from calls.workflow import CallStatus
from occupancies.workflow import UseCategory
from portal import clock
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.roles import OrganisationKind, Role
from tests.support.calls import make_application, make_call
from tests.support.factories import make_member, make_org
from tests.support.sites import make_site, make_unit


@dataclass
class Evaluation:
    call: int
    units: list[int]
    applications: dict[str, int]      # "a", "b", "c", "d" -> application id
    criteria: list[int]
    condition: int
    evaluator2: int
    occupant_c_admin: int
    occupant_d_admin: int


def make_evaluation(uses=("emergency_housing", "circular_economy", "culture", "culture")) -> Evaluation:
    """owner-a's closed call on four units (targets: half the units for social purposes, two uses), with the
    applications of occupant-a (A), occupant-b (B), occupant-c (C) and occupant-d (D), and a second evaluator."""
    owner = db.session.scalar(db.select(Organisation).where(Organisation.slug == "owner-a"))
    site = make_site(owner, "École Ransfort")
    units = [make_unit(site, f"Classe {n}") for n in range(1, 5)]
    call = make_call(site, status=CallStatus.closed, title="Appel Ransfort", deadline=clock.now() - timedelta(days=1),
                     min_social_share=50, min_use_categories=2, units=units)
    evaluator2 = make_member(owner, Role.evaluator, "second.evaluator@example.org", name="Sam Second")
    occupant_c = make_org("occupant-c", kind=OrganisationKind.occupant, name="Asbl C")
    occupant_d = make_org("occupant-d", kind=OrganisationKind.occupant, name="Asbl D")
    c_admin = make_member(occupant_c, Role.admin, "c.admin@example.org", name="Cleo C", language="fr")
    d_admin = make_member(occupant_d, Role.admin, "d.admin@example.org", name="Dirk D", language="nl")
    organisations = {
        "a": db.session.scalar(db.select(Organisation).where(Organisation.slug == "occupant-a")),
        "b": db.session.scalar(db.select(Organisation).where(Organisation.slug == "occupant-b")),
        "c": occupant_c, "d": occupant_d,
    }
    applications = {}
    for (key, organisation), use, requested in zip(organisations.items(), uses, ([0, 1], [2], [3], [3]), strict=False):
        application = make_application(call, organisation, status=ApplicationStatus.submitted,
                                       summary=f"Projet {key.upper()}")
        application.use_category = UseCategory(use)
        application.requested_units = [units[i].id for i in requested]
        applications[key] = application.id
    db.session.commit()
    return Evaluation(call=call.id, units=[u.id for u in units], applications=applications,
                      criteria=[c.id for c in call.criteria], condition=call.conditions[0].id,
                      evaluator2=evaluator2.id, occupant_c_admin=c_admin.id, occupant_d_admin=d_admin.id)


def grow_evaluation(call_id: int, evaluator_user_ids: list[int], n: int) -> None:
    """n more applications to the call, each eligible and scored (and submitted) by every evaluator, who declare
    no conflict with their applicants: what the evaluation pages list grows, nothing else."""
    from calls.evaluation.models import ConflictDeclaration, EligibilityMark, Evaluator, Score, ScoreSheet
    from calls.models import Call

    call = db.session.get(Call, call_id)
    evaluators = [db.session.scalar(db.select(Evaluator).where(Evaluator.call_id == call_id,
                                                               Evaluator.user_id == user_id))
                  for user_id in evaluator_user_ids]
    for k in range(n):
        organisation = make_org(kind=OrganisationKind.occupant)
        application = make_application(call, organisation, status=ApplicationStatus.submitted)
        application.use_category = UseCategory.culture if k % 2 else UseCategory.circular_economy
        for condition in call.conditions:
            db.session.add(EligibilityMark(application_id=application.id, condition_id=condition.id, met=True))
        for number, evaluator in enumerate(evaluators):
            db.session.add(ConflictDeclaration(evaluator_id=evaluator.id, applicant_id=organisation.id,
                                               conflict=False))
            sheet = ScoreSheet(application_id=application.id, evaluator_id=evaluator.id, submitted_at=clock.now())
            sheet.scores = [Score(criterion_id=c.id, score=(k + number + c.position) % 6, justification="Motivé")
                            for c in call.criteria]
            db.session.add(sheet)
    db.session.commit()
