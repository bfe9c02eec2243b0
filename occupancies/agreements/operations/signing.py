"""Signing a version, and keeping the exact documents signed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from occupancies.agreements import permissions as p
from occupancies.agreements.models import Signature
from occupancies.agreements.operations.amendments import apply_amendment
from occupancies.agreements.operations.common import link_to, params_of, refuse_while_held, tell_both
from occupancies.agreements.operations.lifecycle import schedule_term
from occupancies.agreements.workflow import AgreementStatus, VersionStatus, transition, version_transition
from portal import audit, clock
from portal.accounts.operations import authenticate, check_code
from portal.errors import OperationError, Problems
from portal.jobs import after_commit
from portal.notifications import notify
from portal.permissions import require
from portal.roles import writers_of


def sign(agreement, party: str, *, password: str, code: str, actor) -> Signature:
    """The signatory (an admin of their organisation) re-enters their password and a code of their second factor
    (which they must have set up); the record keeps who, when, and the digest of the exact PDF signed. The occupant
    signs first, then the owner."""
    version = agreement.open_version
    require(p.can_sign(actor, agreement, version, party))
    refuse_while_held(agreement)        # an appeal lodged after sending holds the signature too
    problems = {}
    if authenticate(actor.email, password or "") is None:
        problems["password"] = _l("This is not your password: sign again with it.")
    if not actor.has_second_factor:
        problems["code"] = _l("Set up your second factor first (My account, Second factor): an agreement is signed "
                              "with your password and a code of your phone.")
    else:
        try:
            check_code(actor, code or "")
        except OperationError as error:
            problems["code"] = error.message
    if problems:
        raise Problems(problems)
    if not version.document_digest:
        raise OperationError(_l("The document is being prepared: sign again in a moment."), field="password")
    organisation = agreement.occupant if party == p.OCCUPANT else agreement.owner
    signature = Signature(party=party, user_id=actor.id, signer_name=actor.name, organisation_id=organisation.id,
                          document_digest=version.document_digest, signed_at=clock.now())
    version.signatures.append(signature)
    if party == p.OCCUPANT:
        version_transition(version, VersionStatus.signed_by_occupant)
        if version.number == 1:
            transition(agreement, AgreementStatus.signed_by_occupant)
        notify(writers_of(agreement.owner), "agreement.signed_by_occupant", params=params_of(agreement),
               link=link_to(agreement), organisation=agreement.owner)
    else:
        if version.number > 1:
            apply_amendment(agreement, version)     # refused as a whole if a unit is taken meanwhile
        version_transition(version, VersionStatus.signed)
        if version.number == 1:
            transition(agreement, AgreementStatus.signed)
            schedule_term(agreement, version)
        after_commit("occupancies.agreements.jobs.render_signed_copy", version.id)
        tell_both(agreement, "agreement.signed", params_of(agreement))
    audit.record("agreement.signed", target=agreement, actor=actor, organisation=organisation,
                 changes={"version": [None, version.number], "party": [None, party],
                          "digest": [None, version.document_digest]})
    return signature


def record_document(version, *, file: str, digest: str) -> None:
    """The PDF of a version as sent, rendered once (a job): the exact document both sides sign, and its digest."""
    version.document_file, version.document_digest = file, digest
    agreement = version.agreement
    audit.record("agreement.document_recorded", target=agreement, organisation=agreement.owner,
                 changes={"version": [None, version.number], "digest": [None, digest]})


def record_signed_copy(version, *, file: str, digest: str) -> None:
    """Once both have signed: the copy with its signatures block, and its own digest."""
    version.signed_file, version.signed_digest = file, digest
    agreement = version.agreement
    audit.record("agreement.signed_copy_recorded", target=agreement, organisation=agreement.owner,
                 changes={"version": [None, version.number], "digest": [None, digest]})
