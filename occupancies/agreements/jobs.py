"""Jobs of agreements: they take ids, reload, and render or move on."""
from __future__ import annotations

from occupancies.agreements import pdf
from occupancies.agreements.models import AgreementVersion
from occupancies.agreements.workflow import VersionStatus
from portal import uploads
from portal.extensions import db


def render_document(version_id: int) -> bool:
    """The PDF of a version as sent, in the agreement's language: the exact document both sides sign."""
    version = db.session.get(AgreementVersion, version_id)
    if version is None or version.status != VersionStatus.sent or version.document_digest:
        return False
    name, digest = pdf.store(pdf.document_pdf(version.agreement, version, version.agreement.language))
    version.document_file, version.document_digest = name, digest
    db.session.commit()
    return True


def render_signed_copy(version_id: int) -> bool:
    """Once both have signed: the copy with its signatures block and the digest of the document they signed."""
    version = db.session.get(AgreementVersion, version_id)
    if version is None or version.status != VersionStatus.signed or version.signed_digest:
        return False
    data = pdf.document_pdf(version.agreement, version, version.agreement.language,
                            signatures=version.signatures, signed_digest=version.document_digest)
    name, digest = pdf.store(data)
    version.signed_file, version.signed_digest = name, digest
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        uploads.remove(pdf.AREA, name)
        raise
    return True
