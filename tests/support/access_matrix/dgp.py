"""Access matrix of the public management right: the capped rents are public; the index series are the Guichet's,
which its admins keep."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from occupancies.dgp.models import DgpCase, DgpDocument, DgpDwelling, DgpStep, IndexValue
from occupancies.dgp.rules import DwellingKind, Phase, Step
from occupancies.dgp.workflow import Series
from portal import uploads
from portal.extensions import db
from tests.support.access_matrix import CASE_OWNER, answer, guichet, tenant


def make_dgp_world(w) -> dict:
    """A value of each series (the pages show their tables, and the phones' crawl lays them out), and a case of
    owner-a (the commune of Ixelles, an operator) with a dwelling and a step."""
    db.session.add_all([IndexValue(series=Series.health, month=date(2022, 8, 1), value=Decimal("123.68")),
                        IndexValue(series=Series.abex, month=date(2022, 5, 1), value=Decimal("1000.00"))])
    case = DgpCase(organisation_id=w.owner.id, reference="DGP-2026-0001", phase=Phase.visit, street="Rue Longue",
                   number="3", postcode="1050", commune="ixelles", owner_name=CASE_OWNER)
    case.dwellings.append(DgpDwelling(label="Rez", kind=DwellingKind.flat, bedrooms=2, rent=Decimal("600.00")))
    case.steps.append(DgpStep(step=Step.decided_to_proceed, on=date(2026, 1, 5)))
    db.session.add(case)
    db.session.flush()
    (uploads.folder("dgp") / "matrix-visit-request.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    document = DgpDocument(case_id=case.id, step_id=case.steps[0].id, file="matrix-visit-request.pdf",
                           original_name="Demande de visite.pdf", mimetype="application/pdf", size=15)
    db.session.add(document)
    db.session.flush()
    return {"case_id": case.id, "letter": "visit_request", "language": "nl", "document_id": document.id}

EXPECTED = {
    # The rents are public: every role, another tenant's admin too, reads them.
    ("dgp.rents", "GET"): answer(200, other_owner_admin=200),
    # The Guichet's pages: its staff (admins record, moderators read); every organisation's member finds nothing,
    # owner-b's admin (another tenant) as much as owner-a's.
    ("guichet_dgp.indices", "GET"): {**guichet(200), "other_owner_admin": 404},
    ("guichet_dgp.record", "POST"): {**guichet(422, moderator=403), "other_owner_admin": 404},
    # The operator's cases: its members read them (with the owner's identity), its writers act; the Guichet, the
    # occupants and another operator (owner-b) find nothing.
    ("dgp_cases.index", "GET"): {**tenant(200), "other_owner_admin": 404},
    ("dgp_cases.new", "GET"): {**tenant(200, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.new", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.case", "GET"): {**tenant(200), "other_owner_admin": 404},
    ("dgp_cases.record_step", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.add_dwelling", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.save_estimates", "POST"): {**tenant(303, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.add_entry", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    # Its letters: read by its members (the visit's request, the case having decided to go on); their wording is
    # adjusted by its writers.
    ("dgp_cases.letter", "GET"): {**tenant(200), "other_owner_admin": 404},
    ("dgp_cases.letters", "GET"): {**tenant(200), "other_owner_admin": 404},
    ("dgp_cases.adjust_letter", "GET"): {**tenant(200, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.adjust_letter", "POST"): {**tenant(303, evaluator=403), "other_owner_admin": 404},
    # The documents of its steps: read by its members.
    ("dgp_cases.document", "GET"): {**tenant(200), "other_owner_admin": 404},
    # The loan and the organisation invited to support the case: its writers.
    ("dgp_cases.save_loan", "POST"): {**tenant(303, evaluator=403), "other_owner_admin": 404},
    ("dgp_cases.invite_support", "POST"): {**tenant(303, evaluator=403), "other_owner_admin": 404},
    # The cases an organisation supports: only a supporting organisation (a regional public service) has these
    # pages, and only for the cases it is invited onto; owner-a (a commune) has none (tests/web/test_dgp_support.py
    # walks them as the cell).
    ("dgp_supported.index", "GET"): answer(404, anonymous=302),
    ("dgp_supported.case", "GET"): answer(404, anonymous=302),
    ("dgp_supported.document", "GET"): answer(404, anonymous=302),
    ("dgp_supported.record_step", "POST"): answer(404, anonymous=302),
    ("dgp_supported.save_loan", "POST"): answer(404, anonymous=302),
    # The deadlines as a calendar: the person signed in (or the holder of a personal link) reads those of the
    # operators they belong to; anyone else has no such feed.
    ("dgp.deadlines", "GET"): answer(200, anonymous=404),
}
