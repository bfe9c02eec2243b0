"""Reads of the index series and of the capped rents they give; of the operators' cases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask import abort
from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from occupancies.dgp import rules
from occupancies.dgp.models import DgpCase, DgpDwelling, DgpLetterText, DgpStep, IndexValue
from occupancies.dgp.permissions import SUPPORT_FORMS, is_operator
from occupancies.dgp.workflow import Series
from portal.database import MAX_ID
from portal.extensions import db
from portal.listing import first_rows, page_count
from portal.organisations.models import Organisation
from portal.roles import APPROVED, OrganisationKind
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


def _case_or_404(query, case_id: int) -> DgpCase:
    case = db.session.scalar(query.where(DgpCase.id == case_id).options(
        selectinload(DgpCase.dwellings), selectinload(DgpCase.entries), selectinload(DgpCase.documents),
        joinedload(DgpCase.support),
        selectinload(DgpCase.steps).joinedload(DgpStep.actor).lazyload("*"))) \
        if 0 < case_id <= MAX_ID else None
    if case is None:
        abort(404)
    return case


def case_in_tenant_or_404(case_id: int) -> DgpCase:
    """A case of the organisation of the request, with its dwellings and steps (and who recorded each)."""
    return _case_or_404(tenant_select(DgpCase), case_id)


def supported_case_or_404(organisation, case_id: int) -> DgpCase:
    """A case the organisation of the request is invited to support (the scope of a supporting organisation: the
    cases whose `support_id` is its own; any other is simply not found)."""
    return _case_or_404(select(DgpCase).where(DgpCase.support_id == organisation.id), case_id)


def supported_cases(organisation, number: int = 1) -> CasePage:
    """A page of the cases the organisation supports, soonest deadline first."""
    return _case_page([DgpCase.support_id == organisation.id], number)


def support_choices(operator) -> list:
    """The organisations an operator may invite to support its cases (approved public services), by name."""
    return [found for found in db.session.scalars(
        select(Organisation).options(lazyload("*")).where(
            Organisation.kind == OrganisationKind.public_owner, Organisation.status == APPROVED,
            Organisation.legal_form.in_(SUPPORT_FORMS), Organisation.id != operator.id)
        .order_by(Organisation.name_fr))]


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
    return _case_page(conditions, number)


def _case_page(conditions: list, number: int) -> CasePage:
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


def abex_cap_per_m2(year: int) -> tuple[Decimal | None, date | None]:
    """The loan's cap per gross m² on 1 January of `year`, and the month of the ABEX index it is indexed by; (None,
    None) when the index of May 2022 or one before that 1 January is not recorded."""
    values = {found.month: found.value for found in series_values(Series.abex)}
    month = rules.abex_month_for(year, list(values))
    if month is None or rules.ABEX_BASE_MONTH not in values:
        return None, None
    return rules.loan_cap_per_m2(values[month], values[rules.ABEX_BASE_MONTH]), month


def loan_cap(case: DgpCase, year: int) -> Decimal | None:
    """The most a case's loan may lend: the cap per m² of the year by the gross surfaces of its dwellings."""
    return rules.case_loan_cap(abex_cap_per_m2(year)[0], [d.gross_surface for d in case.dwellings])


REMIND_WITHIN = timedelta(days=7)


def cases_to_remind(today: date) -> list[DgpCase]:
    """The cases whose next deadline is today or within the week, not yet reminded of it."""
    return list(db.session.scalars(select(DgpCase).options(lazyload("*"), joinedload(DgpCase.organisation)).where(
        DgpCase.next_due.between(today, today + REMIND_WITHIN),
        or_(DgpCase.reminded_soon_for.is_(None), DgpCase.reminded_soon_for != DgpCase.next_due,
            DgpCase.reminded_due_for.is_(None), DgpCase.reminded_due_for != DgpCase.next_due))
        .order_by(DgpCase.id)))


@dataclass(frozen=True)
class CalendarCase:
    id: int
    reference: str
    address: str
    postcode: str
    commune: str
    operator_slug: str
    steps: list


def calendar_cases(user) -> list[CalendarCase]:
    """The cases with a deadline running, of every operator the user is a member of, with their steps as the rules
    read them: two queries of plain rows (a calendar of a thousand cases builds no object of the model)."""
    operators = [m.organisation_id for m in user.memberships if is_operator(m.organisation)]
    if not operators:
        return []
    running = (DgpCase.organisation_id.in_(operators), DgpCase.next_due.is_not(None))
    steps: dict[int, list] = {}
    for case_id, *recorded in db.session.execute(
            select(DgpStep.case_id, DgpStep.step, DgpStep.on, DgpStep.at, DgpStep.works_months, DgpStep.year)
            .join(DgpCase, DgpCase.id == DgpStep.case_id).where(*running)
            .order_by(DgpStep.case_id, DgpStep.on, DgpStep.id)):
        steps.setdefault(case_id, []).append(rules.Recorded(*recorded))
    return [CalendarCase(row.id, row.reference, f"{row.street} {row.number}".strip(), row.postcode, row.commune,
                         row.slug, steps.get(row.id, []))
            for row in db.session.execute(
                select(DgpCase.id, DgpCase.reference, DgpCase.street, DgpCase.number, DgpCase.postcode,
                       DgpCase.commune, Organisation.slug)
                .join(Organisation, Organisation.id == DgpCase.organisation_id).where(*running)
                .order_by(DgpCase.next_due, DgpCase.id))]


def median_phase_days() -> dict:
    """The region's median days per phase, over the cases that have left it: {phase: (days, cases)}, from the days
    each case keeps (one query of one small value a case), as plain values (kept until the next operation)."""
    kept = db.session.scalars(select(DgpCase.phase_days))
    medians = rules.median_phase_days([{rules.Phase(phase): days for phase, days in (found or {}).items()}
                                       for found in kept])
    return {str(phase): (float(days), count) for phase, (days, count) in medians.items()}
