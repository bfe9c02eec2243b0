"""Reads of the index series and of the capped rents they give; of the operators' cases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask import abort
from sqlalchemy import extract, func, select
from sqlalchemy.orm import lazyload, selectinload

from occupancies.dgp import rules
from occupancies.dgp.models import DgpCase, DgpDwelling, DgpLetterText, DgpStep, IndexValue
from occupancies.dgp.workflow import Series
from portal.database import MAX_ID
from portal.extensions import db
from portal.listing import first_rows, page_count
from portal.tenancy import tenant_select


def series_values(series: Series) -> list[IndexValue]:
    """The values of a series, latest month first."""
    return list(db.session.scalars(select(IndexValue).where(IndexValue.series == series)
                                   .order_by(IndexValue.month.desc())))


def index_value(series: Series, month: date) -> IndexValue | None:
    return db.session.scalar(select(IndexValue).where(IndexValue.series == series,
                                                      IndexValue.month == month.replace(day=1)))


@dataclass(frozen=True)
class RentTable:
    """The maximum rents of 1 January of a year: the health index they are computed with (None when it is not
    recorded yet), and each row of the guide's table with its base and its cap."""

    year: int
    index_month: date
    index: Decimal | None
    rows: list[tuple[rules.DwellingKind, int, Decimal, Decimal | None]]   # kind, bedrooms, base, cap


def rent_table(year: int) -> RentTable:
    month = rules.index_month_for(year)
    found = index_value(Series.health, month)
    index = found.value if found is not None else None
    rows = [(kind, bedrooms, base, rules.rent_cap(kind, bedrooms, index) if index is not None else None)
            for (kind, bedrooms), base in rules.BASE_RENTS.items()]
    return RentTable(year, month, index, rows)


def years_with_rents() -> list[int]:
    """The years whose caps can be computed: those after each August recorded, latest first."""
    months = db.session.scalars(select(IndexValue.month).where(IndexValue.series == Series.health,
                                                               extract("month", IndexValue.month) == 8))
    return sorted({month.year + 1 for month in months}, reverse=True)


# The cases ----------------------------------------------------------------------------------------------------------

CASE_PAGE = 50


def case_in_tenant_or_404(case_id: int) -> DgpCase:
    """A case of the organisation of the request, with its dwellings and steps (and who recorded each)."""
    case = db.session.scalar(tenant_select(DgpCase).where(DgpCase.id == case_id).options(
        selectinload(DgpCase.dwellings), selectinload(DgpCase.entries),
        selectinload(DgpCase.steps).joinedload(DgpStep.actor).lazyload("*"))) \
        if 0 < case_id <= MAX_ID else None
    if case is None:
        abort(404)
    return case


@dataclass(frozen=True)
class CasePage:
    cases: list
    total: int
    number: int
    pages: int


def cases_of(organisation, number: int = 1, *, phase=None, commune=None, overdue_on: date | None = None) -> CasePage:
    """A page of the operator's cases, soonest deadline first; `overdue_on`: only those whose deadline has passed on
    that day."""
    conditions = [DgpCase.organisation_id == organisation.id]
    if phase is not None:
        conditions.append(DgpCase.phase == phase)
    if commune:
        conditions.append(DgpCase.commune == commune)
    if overdue_on is not None:
        conditions.append(DgpCase.next_due < overdue_on)
    total = db.session.scalar(select(func.count()).select_from(DgpCase).where(*conditions))
    pages = page_count(total, CASE_PAGE)
    number = min(number, pages)
    cases = list(db.session.scalars(
        select(DgpCase).options(lazyload("*")).where(*conditions)
        .order_by(DgpCase.next_due.is_(None), DgpCase.next_due, DgpCase.id)
        .offset((number - 1) * CASE_PAGE).limit(CASE_PAGE)))
    return CasePage(cases, total, number, pages)


def phase_counts(organisation) -> dict:
    return dict(db.session.execute(select(DgpCase.phase, func.count()).where(
        DgpCase.organisation_id == organisation.id).group_by(DgpCase.phase)).all())


def overdue_count(organisation, today: date) -> int:
    return db.session.scalar(select(func.count()).select_from(DgpCase).where(
        DgpCase.organisation_id == organisation.id, DgpCase.next_due < today))


def latest_rents_year(year: int) -> int | None:
    """The latest year up to `year` whose caps are known (its August index recorded), or None."""
    return next((known for known in years_with_rents() if known <= year), None)


def rent_caps(dwellings, year: int) -> dict:
    """Each dwelling's maximum rent on 1 January of `year` ({id or the dwelling: cap}), None when the health index
    it needs is not recorded; one query."""
    found = index_value(Series.health, rules.index_month_for(year))
    return {d.id or d: rules.rent_cap(d.kind, d.bedrooms, found.value) if found is not None else None
            for d in dwellings}


DUE_SOON_DAYS = 14


def cases_due(organisation, today: date, limit: int = 5) -> tuple[list, int]:
    """The operator's cases whose next deadline has passed or comes within DUE_SOON_DAYS, soonest first (the few a
    dashboard shows), and how many there are."""
    return first_rows(select(DgpCase).options(lazyload("*")).where(
        DgpCase.organisation_id == organisation.id, DgpCase.next_due <= today + timedelta(days=DUE_SOON_DAYS))
        .order_by(DgpCase.next_due, DgpCase.id), limit)


def region_counts() -> tuple[dict, int]:
    """The region's cases by phase, and the dwellings returned to the market (those of cases let or ending), in one
    grouped query, as plain values (kept until the next operation): what the Guichet sees, never an owner."""
    rows = db.session.execute(
        select(DgpCase.phase, func.count(func.distinct(DgpCase.id)), func.count(DgpDwelling.id))
        .outerjoin(DgpDwelling, DgpDwelling.case_id == DgpCase.id).group_by(DgpCase.phase)).all()
    let = sum(dwellings for phase, _cases, dwellings in rows if phase in (rules.Phase.letting, rules.Phase.end))
    return {str(phase): cases for phase, cases, _dwellings in rows}, let


def letter_text(organisation, letter, language: str) -> DgpLetterText | None:
    """The operator's own wording of a letter in a language, if it has one."""
    return db.session.scalar(select(DgpLetterText).where(
        DgpLetterText.organisation_id == organisation.id, DgpLetterText.letter == letter,
        DgpLetterText.language == language))


def letter_texts(organisation) -> dict:
    """The operator's own wordings: {(letter, language): its wording}."""
    return {(t.letter, t.language): t for t in db.session.scalars(
        select(DgpLetterText).where(DgpLetterText.organisation_id == organisation.id))}
