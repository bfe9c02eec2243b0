"""Access matrix of agreements: owner-a's agreement with occupant-a, sent and waiting for the occupant's
signature. Its pages live in each party's own space (/o/owner-a/agreements/…, /o/occupant-a/agreements/…):
members of either party read it, anyone else finds nothing; the occupant's admin signs first."""
from __future__ import annotations

from datetime import date

from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem, Clause, InventoryPhoto
from occupancies.agreements.pdf import store
from occupancies.agreements.workflow import AgreementStatus, ChecklistKind, VersionStatus
from occupancies.workflow import UseCategory
from portal.extensions import db
from tests.support.access_matrix import GUICHET, OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, answer, guichet, tenant

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
    import io

    from portal import uploads
    from tests.support.sites import jpeg_bytes

    photo_name, width, height = uploads.store_image(io.BytesIO(jpeg_bytes()), "agreements")
    entry = next(i for i in agreement.checklist if i.kind == ChecklistKind.entry_inventory)
    entry.photos = [InventoryPhoto(filename=photo_name, width=width, height=height)]
    shared = Clause(title_fr="Entretien", title_nl="Onderhoud", text_fr="Texte", text_nl="Tekst")
    own = Clause(organisation_id=w.owner.id, title_fr="Clés", title_nl="Sleutels", text_fr="Texte", text_nl="Tekst")
    db.session.add_all([agreement, shared, own])
    db.session.flush()
    return {"agreement": agreement.id, "shared_clause": shared.id, "own_clause": own.id,
            "photo": entry.photos[0].id}


def values(ids: dict) -> dict:
    # New: from scratch with no site chosen (the choice page); edit: the sent agreement (no longer a draft).
    return {"agreement_id": ids["agreement"], "number": 1, "kind": "insurance", "photo_id": ids["photo"],
            "clause_id": PerEndpoint(ids["own_clause"], guichet_clauses__update_clause=ids["shared_clause"],
                                     guichet_clauses__retire_clause=ids["shared_clause"]),
            "org_slug": PerEndpoint("owner-a", agreements__sign="occupant-a")}


EXPECTED: dict = {
    ("agreements.index", "GET"): tenant(200),
    ("agreements.new", "GET"): tenant(200, evaluator=403),
    ("agreements.new", "POST"): tenant(200, evaluator=403),          # nothing chosen yet: the choice again
    ("agreements.edit", "GET"): tenant(403),
    ("agreements.edit", "POST"): tenant(403),
    ("agreements.agreement", "GET"): tenant(200),
    ("agreements.document", "GET"): tenant(200),
    # The preview is a draft's (tests/web/test_agreement_preview.py): this one is sent, so no one previews it.
    ("agreements.preview", "GET"): tenant(403),
    # Not signed yet: no checklist step, no notice, no end; the certificate is not given yet.
    ("agreements.checklist", "POST"): tenant(403),
    ("agreements.checklist_document", "GET"): tenant(404),
    ("agreements.notice", "POST"): tenant(403),
    ("agreements.mutual_end", "POST"): tenant(403),
    ("agreements.amend", "POST"): tenant(403),
    ("agreements.add_photo", "POST"): tenant(403),                    # the insurance step takes no photo
    ("agreements.photo", "GET"): tenant(200),
    # The clause libraries: owner-a's own (its writers), the Guichet's (its admins change it).
    ("agreements.clauses", "GET"): tenant(200, evaluator=403),
    ("agreements.add_clause", "POST"): tenant(422, evaluator=403),       # both languages required
    ("agreements.update_clause", "POST"): tenant(422, evaluator=403),
    ("agreements.retire_clause", "POST"): tenant(303, evaluator=403),
    ("guichet_clauses.clauses", "GET"): guichet(200),
    ("guichet_clauses.add_clause", "POST"): guichet(422, moderator=403),
    ("guichet_clauses.update_clause", "POST"): guichet(422, moderator=403),
    ("guichet_clauses.retire_clause", "POST"): guichet(303, moderator=403),
    ("agreements.send", "POST"): tenant(403),                         # already sent
    ("agreements.request_changes", "POST"): tenant(422, evaluator=403),   # a reason is required
    ("agreements.abandon", "POST"): tenant(422, evaluator=403),       # a reason is required
    # In occupant-a's space: its admin signs (the password is required), its editor may not.
    ("agreements.sign", "POST"): answer(404, anonymous=302, occupant_admin=422, occupant_editor=403),
}
