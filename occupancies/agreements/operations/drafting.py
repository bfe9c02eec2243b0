"""Drafting an agreement and sending its versions: from a decision (or directly) to the occupant's signature."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from occupancies.agreements import permissions as p
from occupancies.agreements import queries
from occupancies.agreements.models import TERMS, Agreement, AgreementVersion, ChecklistItem, Clause
from occupancies.agreements.operations.common import link_to, params_of, refuse_while_held, tell_both
from occupancies.agreements.workflow import (
    AgreementStatus,
    ChecklistKind,
    VersionStatus,
    transition,
    version_transition,
)
from portal import audit, clock, uploads
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.jobs import after_commit
from portal.notifications import notify
from portal.permissions import require
from portal.roles import writers_of


def _check_terms(agreement, values: dict) -> None:
    problems = {}
    offered = {unit.id for unit in agreement.site.units}
    if not values.get("unit_ids") or any(u not in offered for u in values["unit_ids"]):
        problems["unit_ids"] = _l("Choose at least one unit of this site.")
    if values.get("end_date") is not None and values["end_date"] < values["start_date"]:
        problems["end_date"] = _l("The end cannot come before the start.")
    if not values.get("free_use") and not values.get("monthly_fee"):
        problems["monthly_fee"] = _l("Give the monthly fee, or tick free use.")
    if values.get("charges_kind") not in (None, "none") and getattr(values.get("charges_kind"), "value", "") != "none" \
            and not values.get("charges_amount"):
        problems["charges_amount"] = _l("Give the amount of the charges.")
    if problems:
        raise Problems(problems)


def _clause_copies(owner, clause_ids) -> list[dict]:
    """Copies of the library's clauses chosen (the Guichet's, or the owner's own): a later edit of the library
    never changes an agreement."""
    if not clause_ids:
        return []
    clauses = db.session.scalars(select(Clause).where(
        Clause.id.in_(clause_ids), Clause.active.is_(True),
        (Clause.organisation_id.is_(None)) | (Clause.organisation_id == owner.id)).order_by(Clause.position,
                                                                                           Clause.id)).all()
    if len(clauses) != len(set(clause_ids)):
        raise OperationError(_l("Choose clauses of the library."), field="clause_ids")
    return [{"id": c.id, "title_fr": c.title_fr, "title_nl": c.title_nl, "text_fr": c.text_fr,
             "text_nl": c.text_nl} for c in clauses]


def draft_agreement(owner, site, occupant, values: dict, *, clause_ids=(), language: str = "fr", reporting=None,
                    actor, application=None) -> Agreement:
    """A new agreement in draft, from a selected application or from scratch (a direct occupancy), with its
    checklist to complete before the start."""
    require(p.can_draft_agreements(actor, owner) and site.organisation_id == owner.id
            and (application is None or p.can_draft_from(actor, application)))
    if application is not None and db.session.scalar(
            select(Agreement.id).where(Agreement.application_id == application.id)) is not None:
        raise OperationError(_l("This application already has its agreement."), field="application")
    agreement = Agreement(organisation_id=owner.id, owner=owner, site_id=site.id, site=site,
                          occupant_id=occupant.id, occupant=occupant, language=language if language in ("fr", "nl")
                          else "fr", application_id=application.id if application is not None else None,
                          reference=queries.next_reference(clock.today().year))
    if reporting is not None:
        agreement.reporting = reporting
    _check_terms(agreement, values)
    version = AgreementVersion(number=1, clauses=_clause_copies(owner, clause_ids),
                               **{k: v for k, v in values.items() if k in TERMS})
    agreement.versions = [version]
    agreement.checklist = [ChecklistItem(kind=kind) for kind in ChecklistKind]
    db.session.add(agreement)
    db.session.flush()
    audit.record("agreement.drafted", target=agreement, actor=actor, organisation=owner,
                 changes={"reference": [None, agreement.reference], "occupant": [None, occupant.name],
                          "application": [None, application.id if application is not None else None]})
    return agreement


def update_draft(agreement, values: dict, *, clause_ids=None, language=None, reporting=None, actor) -> None:
    version = agreement.open_version
    require(p.can_edit_version(actor, agreement, version))
    if language in ("fr", "nl") and version.number == 1:
        agreement.language = language
    if reporting is not None:
        agreement.reporting = reporting
    _check_terms(agreement, {**{k: getattr(version, k) for k in TERMS}, **values})
    for key in TERMS:
        if key in values:
            setattr(version, key, values[key])
    if clause_ids is not None:
        version.clauses = _clause_copies(agreement.owner, clause_ids)
    audit.record("agreement.updated", target=agreement, actor=actor, organisation=agreement.owner,
                 changes={"version": [None, version.number]})


def send_version(agreement, *, actor) -> AgreementVersion:
    """The draft goes to the occupant; its PDF is rendered once, in a job, and that exact document is signed."""
    version = agreement.open_version
    require(p.can_send_version(actor, agreement, version))
    refuse_while_held(agreement)
    version_transition(version, VersionStatus.sent)
    version.sent_at = clock.now()
    if version.number == 1:
        transition(agreement, AgreementStatus.sent)
    audit.record("agreement.sent", target=agreement, actor=actor, organisation=agreement.owner,
                 changes={"version": [None, version.number]})
    after_commit("occupancies.agreements.jobs.render_document", version.id)
    notify(writers_of(agreement.occupant), "agreement.sent", params=params_of(agreement),
           link=link_to(agreement, agreement.occupant), organisation=agreement.occupant)
    return version


def request_changes(agreement, *, reason: str, actor) -> None:
    """Back to draft before both have signed: a signature already given is void, the document is set aside."""
    version = agreement.open_version
    require(p.can_request_changes(actor, agreement, version))
    if not reason.strip():
        raise OperationError(_l("Say what should change."), field="reason")
    void = [s.party for s in version.signatures]
    version_transition(version, VersionStatus.draft)
    version.signatures.clear()
    uploads.remove("agreements", version.document_file)
    version.document_file = version.document_digest = None
    if version.number == 1:
        transition(agreement, AgreementStatus.draft)
    agreement.status_reason = reason.strip()
    audit.record("agreement.changes_requested", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"version": [None, version.number], "void_signatures": [None, void]})
    tell_both(agreement, "agreement.changes_requested", {**params_of(agreement), "reason": reason})


def abandon(agreement, *, reason: str, actor) -> None:
    require(p.can_abandon(actor, agreement))
    if not reason.strip():
        raise OperationError(_l("Say why the agreement is abandoned."), field="reason")
    old = transition(agreement, AgreementStatus.abandoned)
    agreement.status_reason = reason.strip()
    audit.record("agreement.abandoned", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"status": [old, agreement.status]})
    if old != AgreementStatus.draft:
        notify(writers_of(agreement.occupant), "agreement.abandoned", params={**params_of(agreement), "reason": reason},
               link=link_to(agreement, agreement.occupant), organisation=agreement.occupant)
