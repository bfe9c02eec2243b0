"""Reads of agreements: what a draft starts from."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from portal.extensions import db


def terms_from_application(application) -> dict:
    """A draft's terms prefilled from the call, the application and the site: the units the decision gave it
    (or those it asked for), its use and project, the call's dates, fee and support, the site's constraints."""
    from calls.evaluation.models import Selection

    call, site = application.call, application.call.site
    chosen = db.session.scalar(select(Selection.unit_ids).where(Selection.application_id == application.id))
    return {
        "unit_ids": list(chosen or application.requested_units or []),
        "use_category": application.use_category,
        # The applicant wrote in its own language: the owner's editor translates it where needed.
        "purpose_fr": application.summary, "purpose_nl": application.summary,
        "start_date": call.occupancy_start,
        "end_date": call.occupancy_end,
        "free_use": call.free_use,
        "monthly_fee": call.monthly_fee,
        "support_fr": call.support_fr, "support_nl": call.support_nl,
        "heritage_fr": site.constraints_fr, "heritage_nl": site.constraints_nl,
    }


def agreements_of(organisation) -> list:
    """The organisation's agreements, as owner or as occupant, the most recent first (one query)."""
    from occupancies.agreements.models import Agreement

    return list(db.session.scalars(
        select(Agreement).where((Agreement.organisation_id == organisation.id)
                                | (Agreement.occupant_id == organisation.id))
        .order_by(Agreement.created_at.desc(), Agreement.id.desc())).unique())


def agreement_of_party_or_404(agreement_id):
    """An agreement of the organisation the request acts for, as owner or as occupant; anyone else finds
    nothing."""
    from flask import abort
    from sqlalchemy.orm import selectinload

    from occupancies.agreements.models import Agreement, AgreementVersion
    from portal.tenancy import current_organisation

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
    from occupancies.agreements.models import Clause

    return list(db.session.scalars(select(Clause).where(
        Clause.active.is_(True), (Clause.organisation_id.is_(None)) | (Clause.organisation_id == owner.id))
        .order_by(Clause.organisation_id.is_not(None), Clause.position, Clause.id)))


def occupant_choices() -> list:
    """Approved occupant organisations, for an agreement drafted from scratch."""
    from portal.organisations.models import Organisation
    from portal.organisations.workflow import OrganisationStatus
    from portal.roles import OrganisationKind

    return list(db.session.scalars(select(Organisation).where(
        Organisation.kind == OrganisationKind.occupant, Organisation.status == OrganisationStatus.approved)
        .order_by(Organisation.name_fr)))


def selected_application_or_404(owner, application_id):
    """A selected application to one of the owner's calls."""
    from flask import abort

    from calls.applications.models import Application
    from calls.models import Call

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
    from occupancies.agreements.models import Agreement
    from occupancies.agreements.workflow import AgreementStatus as S
    from portal.roles import WRITERS, Role, role_in

    role = role_in(user, organisation)
    rows = db.session.scalars(select(Agreement).where(
        ((Agreement.organisation_id == organisation.id) & Agreement.status.in_((S.draft, S.signed_by_occupant)))
        | ((Agreement.occupant_id == organisation.id) & (Agreement.status == S.sent)))).unique().all()
    tasks = []
    for agreement in rows:
        if agreement.status == S.draft and role in WRITERS:
            tasks.append(Task("agreement_draft", agreement))
        elif agreement.status in (S.sent, S.signed_by_occupant) and role == Role.admin:
            tasks.append(Task("agreement_sign", agreement))
    return tasks


def inventory_photo_or_404(agreement, photo_id):
    """A photo of one of the agreement's inventories."""
    from flask import abort

    from occupancies.agreements.models import InventoryPhoto

    photo = db.session.get(InventoryPhoto, photo_id)
    if photo is None or photo.item_id not in {item.id for item in agreement.checklist}:
        abort(404)
    return photo
