"""Access matrix of the evaluation: the owner's evaluation pages of a call under evaluation (owner-a's evaluator
is assigned to it and has declared, without conflict), the report of a decided call, and the Guichet's copy.

Pages of owner-a: other tenants find nothing (404), anonymous visitors sign in. Among owner-a's members the
admin assigns, settles disagreements, selects and decides; the editor marks eligibility and reads the ranking;
the evaluator declares, marks eligibility and scores, and sees neither the ranking nor the report."""
from __future__ import annotations

from datetime import timedelta

from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import ConflictDeclaration, Decision, EligibilityMark, Evaluator, Score, ScoreSheet
from calls.workflow import CallStatus
from portal import clock
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.access_matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, guichet, tenant
from tests.support.calls import make_application, make_call

SECRETS.update({
    "Evaluated summary of occupant-a": OCCUPANT_A | OWNER_A | GUICHET,
    # An evaluator's justification, while the evaluation runs: the owner's side only, never the applicant.
    "Justification kept within owner-a": OWNER_A,
})

ENDPOINTS = ("overview", "assign", "declare", "application", "conflict", "eligibility", "scores", "consensus",
             "ranking", "selection", "decide")


def make_evaluation_world(w, site) -> dict:
    now = clock.now()
    occupant = db.session.get(Organisation, w.occupant.id)
    call = make_call(site, status=CallStatus.evaluation, title="Call under evaluation",
                     deadline=now - timedelta(days=3))
    application = make_application(call, occupant, status=ApplicationStatus.submitted,
                                   summary="Evaluated summary of occupant-a")
    evaluator = Evaluator(call_id=call.id, user_id=w.owner_evaluator.id, declared_at=now)
    db.session.add(evaluator)
    db.session.flush()
    db.session.add(ConflictDeclaration(evaluator_id=evaluator.id, applicant_id=occupant.id, conflict=False))
    db.session.add(EligibilityMark(application_id=application.id, condition_id=call.conditions[0].id, met=True))
    # The admin also evaluates and has submitted: the evaluator's sheet is still a draft.
    admin = Evaluator(call_id=call.id, user_id=w.owner_admin.id, declared_at=now)
    db.session.add(admin)
    db.session.flush()
    sheet = ScoreSheet(application_id=application.id, evaluator_id=admin.id, submitted_at=now)
    sheet.scores = [Score(criterion_id=c.id, score=3, justification="Justification kept within owner-a")
                    for c in call.criteria]
    db.session.add(sheet)
    decided = make_call(site, status=CallStatus.decided, title="Decided call", deadline=now - timedelta(days=30))
    db.session.add(Decision(call_id=decided.id, reasons_fr="Aucune candidature.", reasons_nl="Geen kandidatuur.",
                             decided_by_id=w.owner_admin.id))
    db.session.flush()
    return {"evaluation_call": call.id, "evaluation_application": application.id, "decided_call": decided.id,
            "criterion": call.criteria[0].id}


def values(ids: dict) -> dict:
    on_call = {f"evaluation__{name}": ids["evaluation_call"] for name in ENDPOINTS}
    return {
        "call_id": PerEndpoint(None, **on_call, evaluation__report=ids["decided_call"],
                               guichet_calls__report=ids["decided_call"]),
        "application_id": PerEndpoint(None, **{f"evaluation__{name}": ids["evaluation_application"]
                                               for name in ("application", "conflict", "eligibility", "scores",
                                                            "consensus")}),
        "criterion_id": ids["criterion"],
    }


EXPECTED: dict = {
    ("evaluation.overview", "GET"): tenant(200),
    ("evaluation.assign", "POST"): tenant(422, admin=403),              # at least one evaluator
    # Declarations are made once: the evaluator has made them, the others are not evaluators of the call.
    ("evaluation.declare", "GET"): tenant(303),
    ("evaluation.declare", "POST"): tenant(303),
    ("evaluation.application", "GET"): tenant(200),
    # A conflict found later: the evaluator (and the admin, who also evaluates) must say what links them.
    ("evaluation.conflict", "POST"): tenant(422, admin=403, evaluator=422),
    ("evaluation.eligibility", "POST"): tenant(422),                    # each condition must be marked
    # The evaluator saves an empty draft sheet; the admin's is submitted; the editor does not evaluate.
    ("evaluation.scores", "POST"): tenant(403, evaluator=303),
    ("evaluation.consensus", "POST"): tenant(422, admin=403),           # no disagreement on that criterion
    # The ranking shows every score: not to an evaluator (the admin has submitted all its own sheets).
    ("evaluation.ranking", "GET"): tenant(200, evaluator=403),
    ("evaluation.selection", "POST"): tenant(303, admin=403),           # an empty selection is saved
    ("evaluation.decide", "POST"): tenant(422, admin=403),              # reasons required
    ("evaluation.report", "GET"): tenant(200, evaluator=403),           # the decided call
    ("guichet_calls.report", "GET"): guichet(200),
}
