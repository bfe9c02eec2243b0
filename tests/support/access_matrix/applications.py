"""Access matrix of applications: the occupant's pages, the receipts and the attachments.

The applicant's pages live in occupant-a's tenant (/o/occupant-a/applications/…): its members reach them,
anonymous visitors are sent to sign in, every other organisation finds nothing (404). The attachment route
is outside any tenant: the applicant reads its files always, the call's owner and the Guichet once the
deadline has passed (the closed call's attachment here), anyone else gets 404."""
from __future__ import annotations

from tests.support.access_matrix import PerEndpoint, answer

OCCUPANT_PAGES = ("applications.index", "applications.start", "applications.edit", "applications.partial_autosave",
                  "applications.add_attachment", "applications.remove_attachment", "applications.submit",
                  "applications.withdraw", "applications.receipt")


def values(ids: dict) -> dict:
    """occupant-a's complete draft on the open call, unless the route needs a submitted application."""
    draft, sealed = ids["draft_application"], ids["sealed_application"]
    return {
        "org_slug": PerEndpoint("owner-a", **{name.replace(".", "__"): "occupant-a" for name in OCCUPANT_PAGES}),
        "call_id": PerEndpoint(ids["open_call"], applications__start=ids["open_call"]),
        "application_id": PerEndpoint(
            draft, applications__edit=draft, applications__partial_autosave=draft,
            applications__add_attachment=draft, applications__remove_attachment=draft, applications__submit=draft,
            applications__withdraw=sealed, applications__receipt=sealed),
        "attachment_id": PerEndpoint(
            ids["attachments"]["draft"], applications__remove_attachment=ids["attachments"]["draft"],
            application_files__attachment=ids["attachments"]["closed"]),
    }


def occupant_a(ok, **others):
    """A page of occupant-a: its members get `ok`, anonymous visitors sign in, everyone else 404."""
    return answer(404, anonymous=302, occupant_admin=ok, occupant_editor=ok, **others)


EXPECTED: dict = {
    ("applications.index", "GET"): occupant_a(200),
    ("applications.start", "POST"): occupant_a(303),              # finds the existing draft and opens it
    ("applications.edit", "GET"): occupant_a(200),
    ("applications.edit", "POST"): occupant_a(303),               # an empty draft is still a draft: saved
    ("applications.partial_autosave", "POST"): occupant_a(200),
    ("applications.add_attachment", "POST"): occupant_a(422),     # no file
    ("applications.remove_attachment", "POST"): occupant_a(303),
    ("applications.submit", "POST"): occupant_a(422),             # complete, but the box is not ticked: asked again
    ("applications.withdraw", "POST"): occupant_a(303),           # the sealed application, before the deadline
    ("applications.receipt", "GET"): occupant_a(200),             # the sealed application's receipt
    # The closed call's attachment: the applicant, and after the deadline the owner and the Guichet.
    # An evaluator of the owner, not assigned to the call, reads none of it.
    ("application_files.attachment", "GET"): answer(404, occupant_admin=200, occupant_editor=200, owner_a=200,
                                                    owner_evaluator=404, guichet=200),
}
