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


# Driving an evaluation through its pages (the web tests of issue 17) ----------------------------------------------

# The decision as the admin records it: its reasons in French and in Dutch, and the box that confirms it is final.
DECISION = {"reasons_fr": "Les deux meilleurs projets, mixité atteinte.",
            "reasons_nl": "De twee beste projecten, de mix is bereikt.", "confirm": "y"}
# A scoring sheet submitted: the box that confirms the scores no longer change.
CONFIRM_SCORES = {"confirm": "y"}


def evaluation_url(evaluation: Evaluation, path: str = "") -> str:
    return f"/o/owner-a/calls/{evaluation.call}/evaluation{path}"


def application_url(evaluation: Evaluation, key: str, path: str = "") -> str:
    return evaluation_url(evaluation, f"/applications/{evaluation.applications[key]}{path}")


def assign(admin, evaluation: Evaluation, *user_ids):
    return admin.post(evaluation_url(evaluation, "/evaluators"), {"evaluators": [str(u) for u in user_ids]})


def declare(client, evaluation: Evaluation, conflicts=(), note="J'ai siégé à son conseil d'administration."):
    """The evaluator's declarations: a conflict with the applicants whose key ("a" to "d") is in `conflicts`."""
    with client.app.app_context():
        ids = {slug: db.session.scalar(db.select(Organisation.id).where(Organisation.slug == slug))
               for slug in ("occupant-a", "occupant-b", "occupant-c", "occupant-d")}
    data = {}
    for key, slug in zip("abcd", ids, strict=True):
        data[f"conflict_{ids[slug]}"] = "yes" if key in conflicts else "no"
        data[f"note_{ids[slug]}"] = note if key in conflicts else ""
    return client.post(evaluation_url(evaluation, "/declare"), data)


def mark_eligibility(client, evaluation: Evaluation, key: str, met=True, reason=""):
    return client.post(application_url(evaluation, key, "/eligibility"),
                       {f"met_{evaluation.condition}": "yes" if met else "no",
                        f"reason_{evaluation.condition}": reason})


def give_scores(client, evaluation: Evaluation, key: str, values, *, submit=True, confirm=True,
                justification="Motivé par le dossier."):
    """An evaluator's sheet for one application: saved as a draft, or submitted (confirmed unless told not)."""
    data = {}
    for criterion, value in zip(evaluation.criteria, values, strict=False):
        data[f"score_{criterion}"] = "" if value is None else str(value)
        data[f"justification_{criterion}"] = justification if value is not None else ""
    data["submit" if submit else "save"] = "1"
    if submit and confirm:
        data.update(CONFIRM_SCORES)
    return client.post(application_url(evaluation, key, "/scores"), data)


def propose(client, evaluation: Evaluation, picks: dict):
    """The selection: {applicant key: [indexes of the call's units]}."""
    data = {"pick": [str(evaluation.applications[key]) for key in picks]}
    for key, units in picks.items():
        data[f"units_{evaluation.applications[key]}"] = [str(evaluation.units[i]) for i in units]
    return client.post(evaluation_url(evaluation, "/selection"), data)


def record_decision(client, evaluation: Evaluation, **fields):
    return client.post(evaluation_url(evaluation, "/decision"), {**DECISION, **fields})


def score_everything(world, evaluation: Evaluation, clients) -> None:
    """Evaluators assigned and declared (Eva has a conflict with B), C not eligible, every sheet submitted, the
    disagreement on A's first criterion settled. `clients`: admin, editor, eva and sam, signed in."""
    assert assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2).status_code == 303
    assert declare(clients.eva, evaluation, ("b",)).status_code == 303
    assert declare(clients.sam, evaluation).status_code == 303
    for key in "abd":
        assert mark_eligibility(clients.editor, evaluation, key).status_code == 303
    assert mark_eligibility(clients.editor, evaluation, "c", met=False,
                            reason="Les statuts ne sont pas publiés.").status_code == 303
    for client, key, values in ((clients.eva, "a", [5, 4, 3]), (clients.eva, "d", [2, 2, 2]),
                                (clients.sam, "a", [1, 4, 3]), (clients.sam, "b", [3, 3, 3]),
                                (clients.sam, "d", [2, 3, 2])):
        assert give_scores(client, evaluation, key, values).status_code == 303
    criterion = evaluation.criteria[0]
    assert clients.admin.post(application_url(evaluation, "a", f"/consensus/{criterion}"),
                              {f"c{criterion}-outcome": "Accord sur 4.", f"c{criterion}-score": "4"}).status_code == 303


def scored_evaluation(app, world, make_client):
    """make_evaluation, then everything scored through the pages (score_everything): (the evaluation, the signed-in
    clients admin, editor, eva and sam)."""
    from types import SimpleNamespace

    with app.app_context():
        evaluation = make_evaluation()
    clients = SimpleNamespace(admin=make_client().login(world.owner_admin),
                              editor=make_client().login(world.owner_editor),
                              eva=make_client().login(world.owner_evaluator),
                              sam=make_client().login(evaluation.evaluator2))
    score_everything(world, evaluation, clients)
    return evaluation, clients
