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


def _with(agreement_id: int, operation, *args) -> bool:
    """Reload, act, commit: a job takes an id, never an object."""
    from occupancies.agreements.models import Agreement

    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None:
        return False
    done = operation(agreement, *args)
    db.session.commit()
    return bool(done)


def activate(agreement_id: int) -> bool:
    from occupancies.agreements import operations
    from portal.errors import OperationError

    try:
        return _with(agreement_id, lambda a: operations.activate(a))
    except OperationError:
        # A unit is taken for the period: the owner sees it on the agreement's page (the sweep tries again).
        db.session.rollback()
        return False


def end_if_due(agreement_id: int) -> bool:
    from occupancies.agreements import operations

    return _with(agreement_id, operations.end_if_due)


def remind_end(agreement_id: int, months: int) -> bool:
    from occupancies.agreements import operations

    return _with(agreement_id, operations.remind_end, months)


def remind_checklist(agreement_id: int) -> bool:
    from occupancies.agreements import operations

    return _with(agreement_id, operations.remind_checklist)


def notice_ends(agreement_id: int) -> bool:
    from occupancies.agreements import operations

    return _with(agreement_id, operations.notice_ends)


def sweep_agreements() -> int:
    """The safety net behind the scheduled starts and ends."""
    from sqlalchemy import select

    from occupancies.agreements.models import Agreement
    from occupancies.agreements.workflow import AgreementStatus

    ids = db.session.scalars(select(Agreement.id).where(
        Agreement.status.in_((AgreementStatus.signed, AgreementStatus.active)))).all()
    moved = 0
    for agreement_id in ids:
        moved += activate(agreement_id) or end_if_due(agreement_id)
    return moved
