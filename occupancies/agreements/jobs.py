"""Jobs of agreements: they take ids, reload, and call the operations; the job runner commits (portal.jobs)."""
from __future__ import annotations

import logging

from sqlalchemy import select

from occupancies.agreements import operations, pdf
from occupancies.agreements.models import Agreement, AgreementVersion
from occupancies.agreements.workflow import AgreementStatus, VersionStatus
from portal import uploads
from portal.errors import OperationError
from portal.extensions import db
from portal.jobs import after_rollback

log = logging.getLogger(__name__)


def render_document(version_id: int) -> bool:
    """The PDF of a version as sent, in the agreement's language: the exact document both sides sign."""
    version = db.session.get(AgreementVersion, version_id)
    if version is None or version.status != VersionStatus.sent or version.document_digest:
        return False
    name, digest = pdf.store(pdf.document_pdf(version.agreement, version, version.agreement.language))
    after_rollback(uploads.remove, pdf.AREA, name)  # a file no row refers to is not kept
    operations.record_document(version, file=name, digest=digest)
    return True


def render_signed_copy(version_id: int) -> bool:
    """Once both have signed: the copy with its signatures block and the digest of the document they signed."""
    version = db.session.get(AgreementVersion, version_id)
    if version is None or version.status != VersionStatus.signed or version.signed_digest:
        return False
    data = pdf.document_pdf(version.agreement, version, version.agreement.language,
                            signatures=version.signatures, signed_digest=version.document_digest)
    name, digest = pdf.store(data)
    after_rollback(uploads.remove, pdf.AREA, name)
    operations.record_signed_copy(version, file=name, digest=digest)
    return True


def _with(agreement_id: int, operation, *args) -> bool:
    """Reload and act: a job takes an id, never an object."""
    agreement = db.session.get(Agreement, agreement_id)
    return agreement is not None and bool(operation(agreement, *args))


def activate(agreement_id: int) -> bool:
    """On the start date. A unit taken for the period refuses it (OperationError: nothing is saved, the owner sees
    why on the agreement's page, and the sweep tries again)."""
    return _with(agreement_id, operations.activate)


def end_if_due(agreement_id: int) -> bool:
    return _with(agreement_id, operations.end_if_due)


def remind_end(agreement_id: int, months: int) -> bool:
    return _with(agreement_id, operations.remind_end, months)


def remind_checklist(agreement_id: int) -> bool:
    return _with(agreement_id, operations.remind_checklist)


def notice_ends(agreement_id: int) -> bool:
    return _with(agreement_id, operations.notice_ends)


def sweep_agreements() -> int:
    """The safety net behind the scheduled starts and ends: each agreement in its own savepoint, so that one
    refused (a unit taken) or failing leaves the others' moves to the one commit of the job."""
    ids = db.session.scalars(select(Agreement.id).where(
        Agreement.status.in_((AgreementStatus.signed, AgreementStatus.active)))).all()
    moved = 0
    for agreement_id in ids:
        try:
            with db.session.begin_nested():
                moved += activate(agreement_id) or end_if_due(agreement_id)
        except OperationError as refusal:
            log.info("agreement %s not started: %s", agreement_id, refusal.message)
    return moved
