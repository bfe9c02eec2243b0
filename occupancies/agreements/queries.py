"""Reads of agreements: a party's agreements, what a draft starts from, the clause library, what waits for a
member; each page at a constant number of queries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from calls.appeals.queries import signature_hold
from calls.applications.models import Application
from calls.evaluation.models import Selection
from calls.models import Call
from occupancies.agreements import permissions as p
from occupancies.agreements import rules
from occupancies.agreements.models import Agreement, AgreementVersion, Clause, InventoryPhoto
from occupancies.agreements.workflow import AgreementStatus as S
from occupancies.models import Occupancy
from portal.extensions import db
from portal.i18n import written_in
from portal.organisations.models import Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.roles import WRITERS, OrganisationKind, Role, role_in
from portal.tenancy import current_organisation


def terms_from_application(application) -> dict:
    """A draft's terms prefilled from the call, the application and the site: the units the decision gave it
    (or those it asked for), its use and project, the call's dates, fee and support, the site's constraints."""
    call, site = application.call, application.call.site
    chosen = db.session.scalar(select(Selection.unit_ids).where(Selection.application_id == application.id))
    # The applicant wrote its summary in one language: it fills the field of that language only (a Dutch summary
    # the Dutch purpose, a French one the French purpose), and the owner writes the other; a summary whose language
    # cannot be told starts the French purpose.
    summary_nl = written_in(application.summary) == "nl"
    return {
        "unit_ids": list(chosen or application.requested_units or []),
        "use_category": application.use_category,
        "purpose_fr": "" if summary_nl else application.summary,
        "purpose_nl": application.summary if summary_nl else "",
        "start_date": call.occupancy_start,
        "end_date": call.occupancy_end,
        "free_use": call.free_use,
        "monthly_fee": call.monthly_fee,
        "support_fr": call.support_fr, "support_nl": call.support_nl,
        "heritage_fr": site.constraints_fr, "heritage_nl": site.constraints_nl,
    }


def agreements_of(organisation) -> list:
    """The organisation's agreements, as owner or as occupant, the most recent first (one query)."""
    return list(db.session.scalars(
        select(Agreement).where((Agreement.organisation_id == organisation.id)
                                | (Agreement.occupant_id == organisation.id))
        .order_by(Agreement.created_at.desc(), Agreement.id.desc())).unique())


def agreement_of_party_or_404(agreement_id):
    """An agreement of the organisation the request acts for, as owner or as occupant; anyone else finds
    nothing."""
    organisation = current_organisation()
    try:
        agreement_id = int(agreement_id)
    except (TypeError, ValueError):
        abort(404)
    agreement = db.session.scalar(
        select(Agreement).where(Agreement.id == agreement_id,
                                (Agreement.organisation_id == organisation.id)
                                | (Agreement.occupant_id == organisation.id))
        .options(selectinload(Agreement.versions).selectinload(AgreementVersion.signatures),
                 selectinload(Agreement.checklist)))
    if agreement is None:
        abort(404)
    return agreement


def clause_library(owner) -> list:
    """The clauses an owner may choose: the Guichet's shared library, then its own."""
    return list(db.session.scalars(select(Clause).where(
        Clause.active.is_(True), (Clause.organisation_id.is_(None)) | (Clause.organisation_id == owner.id))
        .order_by(Clause.organisation_id.is_not(None), Clause.position, Clause.id)))


def occupant_choices() -> list:
    """Approved occupant organisations, for an agreement drafted from scratch."""
    return list(db.session.scalars(select(Organisation).where(
        Organisation.kind == OrganisationKind.occupant, Organisation.status == OrganisationStatus.approved)
        .order_by(Organisation.name_fr)))


def agreements_of_applications(application_ids) -> dict[int, int]:
    """{application id: the id of its agreement} for those of these applications that have one (one query): what
    the evaluation's pages and the owner's dashboard ask (features.provided), to lead to it or to drafting it."""
    ids = list(application_ids)
    if not ids:
        return {}
    return dict(db.session.execute(select(Agreement.application_id, Agreement.id)
                                   .where(Agreement.application_id.in_(ids))).all())


def selected_application_or_404(owner, application_id):
    """A selected application to one of the owner's calls."""
    application = db.session.scalar(select(Application).join(Call, Call.id == Application.call_id).where(
        Application.id == application_id, Call.organisation_id == owner.id))
    if application is None or application.status.value != "selected":
        abort(404)
    return application


@dataclass(frozen=True)
class Task:
    kind: str          # agreement_sign, agreement_draft
    agreement: object


def agreement_tasks(user, organisation) -> list[Task]:
    """What waits for this member in the organisation's agreements: a signature (for its admins), a draft to
    finish or send (for the owner's writers). One query."""
    role = role_in(user, organisation)
    # A task names the agreement's site and occupant: those are read, not the owner nor the site's owner.
    rows = db.session.scalars(select(Agreement).where(
        ((Agreement.organisation_id == organisation.id) & Agreement.status.in_((S.draft, S.signed_by_occupant)))
        | ((Agreement.occupant_id == organisation.id) & (Agreement.status == S.sent)))
        .options(lazyload("*"), joinedload(Agreement.site).lazyload("*"), joinedload(Agreement.occupant))
    ).unique().all()
    tasks = []
    for agreement in rows:
        if agreement.status == S.draft and role in WRITERS:
            tasks.append(Task("agreement_draft", agreement))
        elif agreement.status in (S.sent, S.signed_by_occupant) and role == Role.admin:
            tasks.append(Task("agreement_sign", agreement))
    return tasks


def inventory_photo_or_404(agreement, photo_id):
    """A photo of one of the agreement's inventories."""

    photo = db.session.get(InventoryPhoto, photo_id)
    if photo is None or photo.item_id not in {item.id for item in agreement.checklist}:
        abort(404)
    return photo


def occupancies_of_agreement(agreement) -> list[Occupancy]:
    """The occupancy recorded on the register under this agreement (one, or none before its start)."""
    return list(db.session.scalars(select(Occupancy).where(Occupancy.agreement_id == agreement.id)))


def notice_end(agreement, party: str, today: date) -> date:
    """The last day a notice given today by this side would give."""
    version = agreement.binding_version
    months = version.notice_months_owner if party == p.OWNER else version.notice_months_occupant
    return rules.effective_end(version.end_date, today, months)


def next_reference(year: int) -> str:
    """The reference the next agreement of the year takes: CONV-2027-0042."""
    prefix = f"CONV-{year}-"
    last = db.session.scalar(select(func.max(Agreement.reference)).where(Agreement.reference.like(prefix + "%")))
    return rules.reference(year, int(last.rsplit("-", 1)[1]) + 1 if last else 1)


def signature_hold_of(agreement):
    """Why an agreement drafted from a call's application may not be sent for signature yet: the call's standstill
    after its decision, or an appeal waiting for its answer (calls.appeals.queries.Hold); None otherwise."""
    if not agreement.application_id:
        return None
    application = db.session.get(Application, agreement.application_id)
    return signature_hold(application.call, application=application) if application is not None else None
