"""Reads about organisations, with the loading that keeps each page at a constant number of queries."""
from __future__ import annotations

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal import cache, clock
from portal.accounts import rules as account_rules
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.listing import first_rows
from portal.organisations.models import Invitation, Membership, Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.roles import OrganisationKind
from portal.tenancy import tenant_select


def guichet_staff() -> list[User]:
    """The active people of the Guichet: whom to tell of what waits for moderation."""
    return list(db.session.scalars(
        select(User).join(Membership).join(Organisation)
        .where(Organisation.kind == OrganisationKind.guichet, User.active.is_(True))
    ))


def guichet_organisation() -> Organisation | None:
    """The Guichet's own organisation: its details are the public service's contact details."""
    return db.session.scalar(select(Organisation).where(Organisation.kind == OrganisationKind.guichet)
                             .order_by(Organisation.id).limit(1))


def members_of(organisation: Organisation) -> list[Membership]:
    return list(db.session.scalars(
        tenant_select(Membership, organisation).options(selectinload(Membership.user)).order_by(Membership.id)
    ))


def member_count(organisation: Organisation) -> int:
    """How many people belong to the organisation (one count, not the list)."""
    return db.session.scalar(tenant_select(Membership, organisation).with_only_columns(func.count()))


def open_invitations(organisation: Organisation) -> list[Invitation]:
    return list(db.session.scalars(
        tenant_select(Invitation, organisation).where(
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None), Invitation.expires_at > clock.now(),
        ).order_by(Invitation.created_at.desc())
    ).unique())


# The Guichet sees every organisation of the region.


def organisation_or_404(organisation_id) -> Organisation:
    try:
        organisation_id = int(organisation_id)
    except (TypeError, ValueError):
        abort(404)
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return organisation


def organisations_for_guichet(*, status: str | None = None, kind: str | None = None, q: str | None = None):
    query = select(Organisation).where(Organisation.kind != OrganisationKind.guichet)
    if status in OrganisationStatus.__members__:
        query = query.where(Organisation.status == status)
    if kind in OrganisationKind.__members__:
        query = query.where(Organisation.kind == kind)
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(func.lower(Organisation.name_fr).like(pattern)
                            | func.lower(Organisation.name_nl).like(pattern))
    return list(db.session.scalars(query.order_by(Organisation.status, Organisation.name_fr).limit(500)))


def region_counts() -> dict:
    """The organisations by kind and status, and the Charter's signatories: the Guichet's dashboard, the same for
    each of its members, kept until the next operation."""
    return cache.until_next_operation("region-counts", _region_counts)


def _region_counts() -> dict:
    rows = db.session.execute(
        select(Organisation.kind, Organisation.status, func.count())
        .where(Organisation.kind != OrganisationKind.guichet)
        .group_by(Organisation.kind, Organisation.status)
    ).all()
    signatories = db.session.scalar(select(func.count()).select_from(Organisation).where(
        Organisation.charter_signed_on.is_not(None)))
    counts = {"signatories": signatories or 0}
    for kind, status, n in rows:
        counts[(kind, status)] = n
    return counts


def registrations(status: OrganisationStatus, limit: int) -> tuple[list[Organisation], int]:
    """The oldest `limit` registrations in this status (pending: to review; information requested: the
    association's move), and how many there are in all."""
    return first_rows(select(Organisation).where(Organisation.status == status)
                      .order_by(Organisation.created_at, Organisation.id), limit)


def former_names(organisation: Organisation) -> list[AuditEvent]:
    """The organisation's renamings, latest first: each entry's changes hold the names before and after."""
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "organisation.renamed",
                                 AuditEvent.target_type == Organisation.__tablename__,
                                 AuditEvent.target_id == organisation.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(10)
    ))


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation behind a token, or None (unknown, used, revoked or expired)."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == account_rules.hash_token(token or ""))
    )
    if invitation is None or not invitation.is_open(clock.now()):
        return None
    return invitation
