"""Access matrix of sharing sessions: a session of owner-a (a Charter signatory here) for signatories only, with
owner-a's administrator registered and a link shared; a toolbox document and a facilitator of the Guichet.
The session is read by the Guichet's staff and owner-a's members, and by nobody else (not found); owner-a's
admins and editors organise it; the Guichet's staff keep the toolbox and the facilitators."""
from __future__ import annotations

from datetime import date

from occupancies.sharing.models import Facilitator, Registration, Resource
from occupancies.sharing.workflow import Audience, RegistrationStatus, ResourceKind, Theme
from portal.extensions import db
from tests.support.access_matrix import GUICHET, OWNER_A, SECRETS, PerEndpoint, answer, guichet, tenant
from tests.support.sharing import make_session

SECRETS.update({"Session reserved to the signatories of owner-a": GUICHET | OWNER_A,
                "Document shared with the signatories only": GUICHET | OWNER_A})

READERS = answer(404, guichet=200, owner_a=200)


def make_sharing_world(w) -> dict:
    w.owner.charter_signed_on = date(2024, 1, 25)
    session = make_session(w.owner.id, title="Session reserved to the signatories of owner-a",
                           audience=Audience.signatories)
    registration = Registration(session_id=session.id, user_id=w.owner_admin.id, organisation_id=w.owner.id,
                                registered_by_id=w.owner_admin.id, status=RegistrationStatus.registered)
    shared = Resource(session_id=session.id, theme=Theme.governance, kind=ResourceKind.link,
                      title_fr="Document shared with the signatories only", title_nl="Gedeeld document",
                      url="https://example.org/shared")
    toolbox = Resource(theme=Theme.legal, kind=ResourceKind.link, title_fr="Modèle de convention",
                       title_nl="Modelovereenkomst", url="https://example.org/model")
    facilitator = Facilitator(name="Fanny Facilitator", languages=["fr"], themes=["governance"])
    db.session.add_all([registration, shared, toolbox, facilitator])
    db.session.flush()
    return {"session": session.id, "registration": registration.id, "shared": shared.id, "toolbox": toolbox.id,
            "facilitator": facilitator.id}


def values(ids: dict) -> dict:
    return {"session_id": ids["session"], "registration_id": ids["registration"],
            "resource_id": PerEndpoint(ids["shared"], guichet_library__remove_toolbox_resource=ids["toolbox"]),
            "facilitator_id": ids["facilitator"]}


EXPECTED: dict = {
    ("sessions.index", "GET"): answer(200),
    ("sessions.feed", "GET"): answer(200),
    ("sessions.library", "GET"): answer(200),
    ("sessions.initiatives", "GET"): answer(200),
    ("sessions.facilitators", "GET"): answer(200),
    ("sessions.session_page", "GET"): READERS,
    ("sessions.session_ics", "GET"): READERS,
    ("sessions.resource", "GET"): answer(404, guichet=302, owner_a=302),      # a link: sent on to it
    # An empty form names no organisation: refused beside the field.
    ("sessions.register", "POST"): answer(404, guichet=422, owner_a=422),
    # owner-a's administrator gives back their place; their organisation's editor may too; others may not.
    ("sessions.cancel_registration", "POST"): answer(404, guichet=403, owner_a=303, owner_evaluator=403),
    ("session_admin.index", "GET"): tenant(200, evaluator=403),
    ("session_admin.new", "GET"): tenant(200, evaluator=403),
    ("session_admin.new", "POST"): tenant(422, evaluator=403),
    ("session_admin.edit", "GET"): tenant(200, evaluator=403),
    ("session_admin.edit", "POST"): tenant(422, evaluator=403),
    ("session_admin.manage", "GET"): tenant(200, evaluator=403),
    ("session_admin.cancel", "POST"): tenant(422, evaluator=403),        # a reason is required
    ("session_admin.attendance", "POST"): tenant(422, evaluator=403),    # not before the session
    ("session_admin.minutes", "POST"): tenant(422, evaluator=403),
    ("session_admin.add_resource", "POST"): tenant(422, evaluator=403),
    ("session_admin.remove_resource", "POST"): tenant(303, evaluator=403),
    ("guichet_library.keep", "GET"): guichet(200),
    ("guichet_library.add_toolbox_resource", "POST"): guichet(422),
    ("guichet_library.remove_toolbox_resource", "POST"): guichet(303),
    ("guichet_library.facilitator", "GET"): guichet(200),
    ("guichet_library.facilitator", "POST"): guichet(422),               # a name is required
}
