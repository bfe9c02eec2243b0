"""Access matrix of agreements: owner-a's agreement with occupant-a, sent and waiting for the occupant's
signature. Its pages live in each party's own space (/o/owner-a/agreements/…, /o/occupant-a/agreements/…):
members of either party read it, anyone else finds nothing; the occupant's admin signs first."""
from __future__ import annotations

from datetime import date

from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem
from occupancies.agreements.pdf import store
from occupancies.agreements.workflow import AgreementStatus, ChecklistKind, VersionStatus
from occupancies.workflow import UseCategory
from portal.extensions import db
from tests.web.matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, answer, tenant

SECRETS.update({"Purpose kept between owner-a and occupant-a": OWNER_A | OCCUPANT_A | GUICHET})


def make_agreement_world(w, site) -> dict:
    unit = site.units[0]
    name, digest = store(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    agreement = Agreement(organisation_id=w.owner.id, reference="CONV-2027-0099", site_id=site.id,
                          occupant_id=w.occupant.id, status=AgreementStatus.sent)
    agreement.versions = [AgreementVersion(
        number=1, status=VersionStatus.sent, unit_ids=[unit.id], use_category=UseCategory.culture,
        start_date=date(2027, 1, 1), end_date=date(2027, 12, 31),
        purpose_fr="Purpose kept between owner-a and occupant-a", document_file=name, document_digest=digest)]
    agreement.checklist = [ChecklistItem(kind=kind) for kind in ChecklistKind]
    db.session.add(agreement)
    db.session.flush()
    return {"agreement": agreement.id}


def values(ids: dict) -> dict:
    # New: from scratch with no site chosen (the choice page); edit: the sent agreement (no longer a draft).
    return {"agreement_id": ids["agreement"], "number": 1, "kind": "insurance",
            "org_slug": PerEndpoint("owner-a", agreements__sign="occupant-a")}


EXPECTED: dict = {
    ("agreements.index", "GET"): tenant(200),
    ("agreements.new", "GET"): tenant(200, evaluator=403),
    ("agreements.new", "POST"): tenant(200, evaluator=403),          # nothing chosen yet: the choice again
    ("agreements.edit", "GET"): tenant(403),
    ("agreements.edit", "POST"): tenant(403),
    ("agreements.agreement", "GET"): tenant(200),
    ("agreements.document", "GET"): tenant(200),
    # Not signed yet: no checklist step, no notice, no end; the certificate is not given yet.
    ("agreements.checklist", "POST"): tenant(403),
    ("agreements.checklist_document", "GET"): tenant(404),
    ("agreements.notice", "POST"): tenant(403),
    ("agreements.mutual_end", "POST"): tenant(403),
    ("agreements.amend", "POST"): tenant(403),
    ("agreements.send", "POST"): tenant(403),                         # already sent
    ("agreements.request_changes", "POST"): tenant(422, evaluator=403),   # a reason is required
    ("agreements.abandon", "POST"): tenant(422, evaluator=403),       # a reason is required
    # In occupant-a's space: its admin signs (the password is required), its editor may not.
    ("agreements.sign", "POST"): answer(404, anonymous=302, occupant_admin=422, occupant_editor=403),
}
