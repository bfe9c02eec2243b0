"""Reads of the vacancy register. A signal is reached through the organisation it concerns or that reported it, or
through the Guichet; another commune's signal is simply not found."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import lazyload

from occupancies.models import Site
from occupancies.vacancies import rules
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import ON_REGISTER, SignalStatus
from portal.accounts.rules import hash_token
from portal.database import MAX_ID
from portal.extensions import db
from portal.listing import page_count
from portal.organisations.models import Organisation
from portal.roles import WRITERS, is_guichet_staff, members_with

PAGE = 50
# What nobody but the moderator's own page reads: a signal whose address was never confirmed.
_VISIBLE = VacancySignal.status != SignalStatus.unconfirmed
_NOT_DUPLICATES = (SignalStatus.unconfirmed, SignalStatus.merged, SignalStatus.rejected)


def _of_organisation(organisation):
    """The signals an organisation reads: its commune's, for the commune and its CPAS; its own reports."""
    own = VacancySignal.reporter_organisation_id == organisation.id
    if rules.concerns(organisation, organisation.commune):
        return and_(_VISIBLE, or_(VacancySignal.commune == organisation.commune, own))
    return and_(_VISIBLE, own)


def signal_for_organisation_or_404(organisation, signal_id) -> VacancySignal:
    if not isinstance(signal_id, int) or not 0 < signal_id <= MAX_ID:
        abort(404)
    found = db.session.scalar(select(VacancySignal).where(VacancySignal.id == signal_id,
                                                          _of_organisation(organisation)))
    if found is None:
        abort(404)
    return found


def signal_for_guichet_or_404(signal_id) -> VacancySignal:
    found = db.session.scalar(select(VacancySignal).where(VacancySignal.id == signal_id, _VISIBLE)) \
        if isinstance(signal_id, int) and 0 < signal_id <= MAX_ID else None
    if found is None:
        abort(404)
    return found


@dataclass(frozen=True)
class SignalPage:
    signals: list
    total: int
    number: int
    pages: int


def _page(where, number: int, *, status=None, commune=None) -> SignalPage:
    conditions = [where]
    if status is not None:
        conditions.append(VacancySignal.status == status)
    if commune:
        conditions.append(VacancySignal.commune == commune)
    total = db.session.scalar(select(func.count()).select_from(VacancySignal).where(*conditions))
    pages = page_count(total, PAGE)
    number = min(number, pages)
    signals = list(db.session.scalars(
        select(VacancySignal).options(lazyload("*")).where(*conditions)
        .order_by(VacancySignal.created_at.desc(), VacancySignal.id.desc())
        .offset((number - 1) * PAGE).limit(PAGE)))
    return SignalPage(signals, total, number, pages)


def signals_of_organisation(organisation, number: int = 1, *, status=None) -> SignalPage:
    return _page(_of_organisation(organisation), number, status=status)


def region_signals(number: int = 1, *, status=None, commune=None) -> SignalPage:
    return _page(_VISIBLE, number, status=status, commune=commune)


def duplicates_of(signal) -> list[VacancySignal]:
    """The other signals of the same address still on the register or waiting: what the moderator may merge into."""
    return list(db.session.scalars(
        select(VacancySignal).options(lazyload("*"))
        .where(VacancySignal.address_key == signal.address_key, VacancySignal.id != signal.id,
               VacancySignal.status.not_in(_NOT_DUPLICATES), VacancySignal.merged_into_id.is_(None))
        .order_by(VacancySignal.id).limit(20)))


def merged_into_this(signal) -> list[VacancySignal]:
    return list(db.session.scalars(select(VacancySignal).options(lazyload("*"))
                                   .where(VacancySignal.merged_into_id == signal.id).order_by(VacancySignal.id)))


def commune_organisation(commune: str) -> Organisation | None:
    """The commune's own organisation on the portal, which moderates its signals; None when it has none."""
    return db.session.scalar(select(Organisation).where(
        Organisation.commune == commune, Organisation.legal_form == rules.COMMUNE,
        Organisation.status == rules.APPROVED).order_by(Organisation.id).limit(1))


def local_authorities(commune: str) -> list[Organisation]:
    """The commune's and its CPAS's organisations on the portal."""
    return list(db.session.scalars(select(Organisation).where(
        Organisation.commune == commune, Organisation.legal_form.in_(rules.LOCAL_AUTHORITIES),
        Organisation.status == rules.APPROVED).order_by(Organisation.id)))


def moderators_of(commune: str) -> list:
    """Who is told a signal waits: the commune's writers, or the Guichet's staff where it has no organisation."""
    organisation = commune_organisation(commune)
    if organisation is not None:
        return members_with(organisation, WRITERS)
    guichet = db.session.scalar(select(Organisation).where(Organisation.kind == "guichet").limit(1))
    return [m.user for m in guichet.memberships if is_guichet_staff(m.user)] if guichet else []


def signal_for_token(token: str, now) -> VacancySignal | None:
    """The unconfirmed signal a confirmation link is for, while the link is valid."""
    return db.session.scalar(select(VacancySignal).where(
        VacancySignal.token_hash == hash_token(token or ""), VacancySignal.status == SignalStatus.unconfirmed,
        VacancySignal.confirm_by > now))


def waiting_count(organisation) -> int:
    """How many signals wait for this organisation's moderation."""
    if not rules.moderates(organisation, organisation.commune):
        return 0
    return db.session.scalar(select(func.count()).select_from(VacancySignal).where(
        VacancySignal.commune == organisation.commune, VacancySignal.status == SignalStatus.pending))


def waiting_for_guichet() -> int:
    """Signals waiting in communes that have no organisation on the portal: the Guichet moderates them."""
    communes = select(Organisation.commune).where(Organisation.legal_form == rules.COMMUNE,
                                                  Organisation.status == rules.APPROVED,
                                                  Organisation.commune.is_not(None))
    return db.session.scalar(select(func.count()).select_from(VacancySignal).where(
        VacancySignal.status == SignalStatus.pending, VacancySignal.commune.not_in(communes)))


def figures() -> dict:
    """The region's figures, never an address: {"by_place": {(commune, kind): n}, "by_status": {(commune, status): n}}
    of the signals on the register (accepted, whatever became of them since)."""
    rows = db.session.execute(
        select(VacancySignal.commune, VacancySignal.kind, VacancySignal.status, func.count())
        .where(VacancySignal.status.in_(ON_REGISTER))
        .group_by(VacancySignal.commune, VacancySignal.kind, VacancySignal.status)).all()
    by_place, by_status = {}, {}
    for commune, kind, status, count in rows:
        by_place[(commune, kind)] = by_place.get((commune, kind), 0) + count
        by_status[(commune, status)] = by_status.get((commune, status), 0) + count
    return {"by_place": by_place, "by_status": by_status}


def organisation_sites(organisation) -> list:
    """The organisation's own sites, which a signal may have become."""
    return list(db.session.scalars(select(Site).options(lazyload("*"))
                                   .where(Site.organisation_id == organisation.id).order_by(Site.name)))
