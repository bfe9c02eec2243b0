"""Issue 17, item 18: the owner reads the agreement's PDF before sending it (sending freezes it). The preview is the
draft version's document, marked as a draft on every page, for the owner's writers only; reading it writes
nothing and freezes nothing."""
import shutil
import subprocess
from datetime import date

import pytest
from sqlalchemy import func, select

from occupancies.agreements import operations as ops
from occupancies.agreements.models import Agreement, AgreementVersion
from occupancies.agreements.pdf import document_html
from occupancies.workflow import UseCategory
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_site, make_unit


@pytest.fixture
def draft(app, world):
    """owner-a's draft agreement with occupant-a, not sent."""
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "Maison Brigade Piron")
        unit = make_unit(site, "Maison 1")
        agreement = ops.draft_agreement(owner, site, db.session.get(Organisation, world.occupant), {
            "unit_ids": [unit.id], "use_category": UseCategory.housing_insertion, "start_date": date(2027, 1, 1),
            "end_date": date(2027, 12, 31), "purpose_fr": "Logement de transit pour une famille accompagnée.",
            "purpose_nl": "Transitwoning voor een begeleid gezin.", "free_use": True,
        }, actor=db.session.get(User, world.owner_editor))
        db.session.commit()
        return agreement.id


def _url(agreement_id, slug="owner-a"):
    return f"/o/{slug}/agreements/{agreement_id}/preview.pdf"


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=30)
    return " ".join(out.stdout.split())


def test_the_owners_writer_previews_the_draft_marked_as_a_draft(app, client, world, draft, tmp_path):
    client.login(world.owner_editor)
    page = client.get(f"/o/owner-a/agreements/{draft}").get_data(as_text=True)
    assert f'href="{_url(draft)}"' in page and f'href="{_url(draft)}?language=nl"' in page
    with app.app_context():
        before = db.session.scalar(select(func.count(AuditEvent.id)))
    response = client.get(_url(draft))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "private" in response.headers["Cache-Control"] and "no-store" in response.headers["Cache-Control"]
    assert response.headers["Content-Disposition"].startswith("inline")
    dutch = client.get(_url(draft) + "?language=nl")
    assert dutch.status_code == 200 and dutch.data != response.data
    with app.app_context():
        version = db.session.scalar(select(AgreementVersion).where(AgreementVersion.agreement_id == draft))
        assert version.document_file is None and version.document_digest is None   # nothing frozen
        assert db.session.scalar(select(func.count(AuditEvent.id))) == before        # a read writes nothing
    if shutil.which("pdftotext"):
        text = _text(response.data, tmp_path)
        assert "PROJET" in text and "Projet de convention" in text and "Logement de transit" in text
        assert "ONTWERP" in _text(dutch.data, tmp_path)


def test_the_draft_mark_is_in_the_document_and_only_in_a_draft(app, draft):
    with app.test_request_context():
        agreement = db.session.get(Agreement, draft)
        marked = document_html(agreement, agreement.open_version, "fr", draft=True)
        plain = document_html(agreement, agreement.open_version, "fr")
    assert 'class="draft-watermark"' in marked and 'class="draft-banner"' in marked
    assert "draft-watermark" not in plain.split("</style>")[1] and "draft-banner" not in plain.split("</style>")[1]


def test_only_the_owners_writers_preview_and_only_a_draft(app, client, world, draft, make_client):
    client.login(world.owner_evaluator)
    assert client.get(_url(draft)).status_code == 403
    occupant = make_client().login(world.occupant_admin)
    assert occupant.get(_url(draft, "occupant-a")).status_code == 403
    assert f"{draft}/preview.pdf" not in occupant.get(f"/o/occupant-a/agreements/{draft}").get_data(as_text=True)
    other = make_client().login(world.other_owner_admin)
    assert other.get(_url(draft, "owner-b")).status_code == 404
    assert make_client().get(_url(draft)).status_code == 302                      # anonymous: sign in first
    editor = make_client().login(world.owner_editor)
    assert editor.post(f"/o/owner-a/agreements/{draft}/send").status_code == 303
    assert editor.get(_url(draft)).status_code == 403                             # sent: the document itself
    assert f"{draft}/preview.pdf" not in editor.get(f"/o/owner-a/agreements/{draft}").get_data(as_text=True)
