"""Access matrix of calls: the owner's pages, the Guichet's moderation, the public pages and feeds."""
from __future__ import annotations

from datetime import timedelta

from calls.applications.workflow import ApplicationStatus
from calls.workflow import CallStatus
from portal import clock, uploads
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.calls import make_application, make_call, make_question
from tests.web.matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, answer, guichet, tenant

SECRETS.update({
    "Hidden draft call of owner-a": GUICHET | OWNER_A,
    # An application's content: its applicant always; the owner and the Guichet once the deadline has passed.
    "Draft summary of occupant-a": OCCUPANT_A,
    "Sealed summary of occupant-a": OCCUPANT_A,
    "Closed summary of occupant-a": OCCUPANT_A | OWNER_A | GUICHET,
})


def make_call_world(w, site) -> dict:
    """One call at each stage on owner-a's published site, and occupant-a's applications; returns their ids."""
    from calls.applications.models import Attachment
    from tests.sites import PDF

    occupant = db.session.get(Organisation, w.occupant.id)
    now = clock.now()
    draft = make_call(site, status=CallStatus.draft, title="Hidden draft call of owner-a")
    submitted = make_call(site, status=CallStatus.submitted, title="Call waiting for the Guichet")
    open_call = make_call(site, title="Open call")
    open_call2 = make_call(site, title="Second open call")
    closed = make_call(site, status=CallStatus.closed, title="Closed call", deadline=now - timedelta(days=1))
    question = make_question(open_call, occupant)
    draft_app = make_application(open_call, occupant, summary="Draft summary of occupant-a")
    sealed_app = make_application(open_call2, occupant, summary="Sealed summary of occupant-a",
                                  status=ApplicationStatus.submitted)
    closed_app = make_application(closed, occupant, summary="Closed summary of occupant-a",
                                  status=ApplicationStatus.submitted)
    attachments = {}
    for key, application in (("draft", draft_app), ("sealed", sealed_app), ("closed", closed_app)):
        import io

        name = uploads.store_pdf(io.BytesIO(PDF), "attachments")
        attachment = Attachment(application=application, filename=name, original_name=f"{key}.pdf",
                                mimetype="application/pdf", size=len(PDF), digest="1" * 64)
        db.session.add(attachment)
        db.session.flush()
        attachments[key] = attachment.id
    return {"draft_call": draft.id, "submitted_call": submitted.id, "open_call": open_call.id,
            "open_call2": open_call2.id, "closed_call": closed.id, "question": question.id,
            "draft_application": draft_app.id, "sealed_application": sealed_app.id,
            "closed_application": closed_app.id, "attachments": attachments}


def values(ids: dict) -> dict:
    return {
        "call_id": PerEndpoint(ids["draft_call"]),
        "question_id": ids["question"],
    }


EXPECTED: dict = {}
