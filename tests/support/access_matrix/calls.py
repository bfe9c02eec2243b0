"""Access matrix of calls: the owner's pages, the Guichet's moderation, the public pages and feeds."""
from __future__ import annotations

from datetime import timedelta

from calls.applications.workflow import ApplicationStatus
from calls.workflow import CallStatus
from portal import clock, uploads
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.access_matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, answer, guichet, tenant
from tests.support.calls import make_application, make_call, make_question

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
    from tests.support.sites import PDF

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
    """The draft call by default; the open, submitted or closed one where the route acts on it."""
    return {
        "call_id": PerEndpoint(
            ids["draft_call"], calls__addendum=ids["open_call"], calls__cancel=ids["open_call"],
            calls__answer=ids["open_call"], calls__applications=ids["closed_call"],
            calls__application=ids["closed_call"], calls__ask=ids["open_call"], calls__follow=ids["open_call"],
            guichet_calls__review=ids["submitted_call"], guichet_calls__publish=ids["submitted_call"],
            guichet_calls__send_back=ids["submitted_call"], guichet_calls__application=ids["closed_call"],
            public_calls__call=ids["open_call"]),
        "question_id": ids["question"],
        "application_id": PerEndpoint(ids["closed_application"]),
        # Questions and following: occupant-a acting for itself on owner-a's call.
        "org_slug": PerEndpoint("owner-a", calls__ask="occupant-a", calls__follow="occupant-a"),
    }


def occupant_a(ok, **others):
    """A page of occupant-a: its members get `ok`, anonymous visitors sign in, everyone else 404."""
    return answer(404, anonymous=302, occupant_admin=ok, occupant_editor=ok, **others)


EXPECTED: dict = {
    # The owner's calls (owner-a's draft call unless said otherwise).
    ("calls.index", "GET"): tenant(200),
    ("calls.new", "GET"): tenant(200, evaluator=403),                 # the choice of a site
    ("calls.new", "POST"): tenant(200, evaluator=403),                # no site chosen yet: the choice again
    ("calls.call", "GET"): tenant(200),
    ("calls.edit", "GET"): tenant(200, evaluator=403),
    ("calls.edit", "POST"): tenant(422, evaluator=403),
    # The matrix's call was published in the past: its dates are refused and the editor is sent to fix them.
    ("calls.submit", "POST"): tenant(303, evaluator=403),
    ("calls.addendum", "POST"): tenant(422, evaluator=403),           # the open call; texts required
    ("calls.cancel", "POST"): tenant(422, admin=403),                 # a public reason is required; admins only
    ("calls.answer", "POST"): tenant(422, evaluator=403),             # both languages required
    ("calls.applications", "GET"): tenant(200),                       # the closed call
    # The closed call's submitted application: an evaluator reads it only once assigned and declared.
    ("calls.application", "GET"): tenant(200, evaluator=404),
    ("calls.ask", "POST"): occupant_a(422),                           # a question is required
    ("calls.follow", "POST"): occupant_a(303),
    # The Guichet's moderation (the submitted call).
    ("guichet_calls.index", "GET"): guichet(200),
    ("guichet_calls.review", "GET"): guichet(200),
    ("guichet_calls.publish", "POST"): guichet(422),      # the box that confirms the approval is not ticked
    ("guichet_calls.send_back", "POST"): guichet(422),
    ("guichet_calls.application", "GET"): guichet(200),               # after the deadline
    # Public pages and feeds: published calls only.
    ("public_calls.index", "GET"): answer(200),
    ("public_calls.call", "GET"): answer(200),
    ("public_calls.atom", "GET"): answer(200),
    ("calls_open_data.calls_csv", "GET"): answer(200),
    ("calls_open_data.calls_json", "GET"): answer(200),
    ("public_calls.ics", "GET"): answer(200),
}
