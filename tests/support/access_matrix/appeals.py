"""Access matrix of appeals: owner-a's decided call, which states how to contest it, and occupant-a's appeal of its
application not selected, waiting for its answer, with a document. The appeal is read by occupant-a's members,
owner-a's admin and editor (not its evaluator) and the Guichet; owner-a's admin answers it; occupant-a's writers
lodge one from their decided application (here: refused, one already waits)."""
from __future__ import annotations

from datetime import timedelta

from calls.appeals.models import Appeal
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision
from calls.workflow import CallStatus
from portal import clock, uploads
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.access_matrix import GUICHET, OCCUPANT_A, SECRETS, PerEndpoint, answer, guichet
from tests.support.calls import make_application, make_call
from tests.support.sites import PDF

APPEAL_REASONS = "Reasons of occupant-a's appeal"
SECRETS[APPEAL_REASONS] = GUICHET | OCCUPANT_A | {"owner_admin", "owner_editor"}


def make_appeal_world(w, site) -> dict:
    now = clock.now()
    call = make_call(site, status=CallStatus.decided, title="Call decided with an appeal",
                     deadline=now - timedelta(days=20))
    call.appeal_body_fr, call.appeal_body_nl, call.appeal_days, call.standstill_days = "le collège", "het college", \
        30, 10
    application = make_application(call, db.session.get(Organisation, w.occupant.id),
                                   status=ApplicationStatus.not_selected, summary="Application under appeal")
    db.session.add(Decision(call_id=call.id, reasons_fr="Motifs.", reasons_nl="Redenen.",
                            decided_by_id=w.owner_admin.id, decided_at=now - timedelta(days=2)))
    name = "matrix-appeal.pdf"
    (uploads.folder("appeals") / name).write_bytes(PDF)
    appeal = Appeal(call_id=call.id, application_id=application.id, organisation_id=w.occupant.id,
                    reasons=APPEAL_REASONS, lodged_by_id=w.occupant_admin.id, document_file=name,
                    document_name="preuves.pdf", document_mimetype="application/pdf")
    db.session.add(appeal)
    db.session.flush()
    return {"appeal": appeal.id, "application": application.id}


def values(ids: dict) -> dict:
    return {"org_slug": PerEndpoint("owner-a", appeals__lodge="occupant-a"), "appeal_id": ids["appeal"],
            "application_id": PerEndpoint(None, appeals__lodge=ids["application"])}


def occupant_a(ok):
    return answer(404, anonymous=302, occupant_admin=ok, occupant_editor=ok)


def owner_writers(ok, *, editor=None, evaluator=404):
    return answer(404, anonymous=302, owner_admin=ok, owner_editor=ok if editor is None else editor,
                  owner_evaluator=evaluator)


EXPECTED: dict = {
    ("appeals.index", "GET"): owner_writers(200, evaluator=403),
    ("appeals.lodge", "GET"): occupant_a(200),
    ("appeals.lodge", "POST"): occupant_a(422),                 # one already waits for its answer
    ("appeals.appeal", "GET"): owner_writers(200),
    ("appeals.appeal", "POST"): owner_writers(422, editor=403),  # the admin answers: the form is empty here
    ("appeals.document", "GET"): owner_writers(200),
    ("guichet_appeals.index", "GET"): guichet(200),
    ("guichet_appeals.appeal", "GET"): guichet(200),
    ("guichet_appeals.document", "GET"): guichet(200),
}
