"""The money of the public management right: the capped rents and their indexation, the loan's cap and its
repayment, and a case's ledger. Money is Decimal, in cents rounded half up, as the guide's own table is."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")


def in_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def has_cents_at_most(amount: Decimal) -> bool:
    """An amount written with no more than two decimals (1.234 € is a typing error, not an amount)."""
    return amount == amount.quantize(CENT)


# Rents ------------------------------------------------------------------------------------------------------------

class DwellingKind(StrEnum):
    studio = "studio"
    flat = "flat"
    house = "house"


# The guide's table: maximum monthly rent when the tenant's income is under the social-housing threshold, before
# indexation (kind, bedrooms). Flats of 5 bedrooms or more, houses of 4 or more, share the last row of their kind.
BASE_RENTS = {
    (DwellingKind.studio, 0): Decimal("328.81"),
    (DwellingKind.flat, 1): Decimal("379.39"),
    (DwellingKind.flat, 2): Decimal("442.62"),
    (DwellingKind.flat, 3): Decimal("531.15"),
    (DwellingKind.flat, 4): Decimal("632.33"),
    (DwellingKind.flat, 5): Decimal("784.08"),
    (DwellingKind.house, 2): Decimal("476.12"),
    (DwellingKind.house, 3): Decimal("569.02"),
    (DwellingKind.house, 4): Decimal("784.08"),
}
HEALTH_INDEX_BASE = Decimal("101.61")  # the health index of August 2015 (base year 2013)
_MOST_BEDROOMS = {DwellingKind.studio: 0, DwellingKind.flat: 5, DwellingKind.house: 4}


def base_rent(kind: DwellingKind, bedrooms: int) -> Decimal | None:
    """The table's base rent for a dwelling, or None when the table has no row for it (a flat without a bedroom
    is a studio; a house of fewer than 2 bedrooms has no row)."""
    return BASE_RENTS.get((kind, min(max(bedrooms, 0), _MOST_BEDROOMS[kind])))


def index_month_for(revision_year: int) -> date:
    """The health index a cap revised on 1 January of that year is computed with: August of the year before."""
    return date(revision_year - 1, 8, 1)


def rent_cap(kind: DwellingKind, bedrooms: int, health_index: Decimal) -> Decimal | None:
    """The maximum monthly rent on 1 January of a year: base × the health index of August of the year before ÷
    101.61, in cents. None when the table has no row for the dwelling."""
    base = base_rent(kind, bedrooms)
    return None if base is None else in_cents(base * health_index / HEALTH_INDEX_BASE)


def or_more(kind: DwellingKind, bedrooms: int) -> bool:
    """The table's last row of a kind, which holds every larger dwelling ("5 bedrooms or more")."""
    return kind != DwellingKind.studio and bedrooms == _MOST_BEDROOMS[kind]


def rents_year(asked: int | None, years_known: list[int], this_year: int) -> int:
    """The year whose rents a page shows: the one asked if its index is known, else this year's, else the latest
    known (this year's, saying its index is missing, when none is known)."""
    if asked in years_known:
        return asked
    if this_year in years_known or not years_known:
        return this_year
    return max(years_known)


def rent_table(health_index: Decimal) -> dict[tuple[DwellingKind, int], Decimal]:
    return {row: in_cents(base * health_index / HEALTH_INDEX_BASE) for row, base in BASE_RENTS.items()}


# The loan ---------------------------------------------------------------------------------------------------------

LOAN_CAP_PER_M2 = Decimal("1176")      # excl. VAT, per gross renovated m², at the ABEX index of May 2022


def loan_cap_per_m2(abex: Decimal, abex_may_2022: Decimal) -> Decimal:
    """The cap per gross m² on 1 January of a year, indexed by the ABEX index of that date."""
    return in_cents(LOAN_CAP_PER_M2 * abex / abex_may_2022)


def loan_cap(gross_m2: Decimal, abex: Decimal, abex_may_2022: Decimal) -> Decimal:
    """The most the interest-free loan may lend for a renovation of `gross_m2` (walls and shares of the common parts
    included)."""
    return in_cents(loan_cap_per_m2(abex, abex_may_2022) * gross_m2)


def case_loan_cap(per_m2: Decimal | None, surfaces: list) -> Decimal | None:
    """The most a case's loan may lend: the cap per m² of the year by the gross surfaces of its dwellings (None
    when the cap or every surface is unknown)."""
    surface = sum((s for s in surfaces if s), Decimal("0"))
    return in_cents(per_m2 * surface) if per_m2 is not None and surface else None


ABEX_BASE_MONTH = date(2022, 5, 1)     # the ABEX index the cap of 1,176 € is expressed at


def abex_month_for(year: int, months_known: list[date]) -> date | None:
    """The ABEX index a cap of 1 January of `year` is indexed by: the latest one published before that day (the
    index comes out twice a year), or None when none is known."""
    before = [month for month in months_known if month < date(year, 1, 1)]
    return max(before) if before else None


# The four parts a loan request holds (the guide's "demande de prêt"): the proposal of public management, a
# description of the dwelling, a description of the works with the estimated costs of taking over, and a plan of
# repayment.
LOAN_PARTS = ("proposal", "dwellings", "works", "plan")


def loan_parts_missing(*, proposal_sent: bool, surfaces: list, works_description: str, works_cost, takeover_costs,
                       amount, months) -> list[str]:
    """The parts of a loan request that the case cannot give yet, in the guide's order (LOAN_PARTS): the proposal
    presented to the owner, every dwelling with its gross surface, the works with their cost and the costs of taking
    over, the amount and the months of the repayment plan."""
    present = {
        "proposal": proposal_sent,
        "dwellings": bool(surfaces) and all(surface for surface in surfaces),
        "works": bool((works_description or "").strip()) and works_cost is not None and takeover_costs is not None,
        "plan": bool(amount) and bool(months),
    }
    return [part for part in LOAN_PARTS if not present[part]]


def loan_problems(amount, granted, months, cap) -> dict[str, str]:
    """What is wrong with a loan's amounts ({field: code}): "cents" (more than two decimals), "above_cap" (more than
    the cap, when it is known), "above_request" (more granted than asked), "months" (a plan of 1 to 360 months)."""
    problems = {}
    for name, value in (("amount", amount), ("granted", granted)):
        if value is not None and not has_cents_at_most(value):
            problems[name] = "cents"
        elif value is not None and cap is not None and value > cap:
            problems[name] = "above_cap"
    if "granted" not in problems and granted is not None and amount is not None and granted > amount:
        problems["granted"] = "above_request"
    if months is not None and not 1 <= months <= 360:
        problems["months"] = "months"
    return problems


def loan_plan(granted: Decimal | None, asked: Decimal | None, months: int | None) -> list[Decimal] | None:
    """The repayment plan a case shows: of the amount granted, or of the amount asked until the region answers;
    None while the amount or the months are not given."""
    lent = granted or asked
    return repayment_plan(lent, months) if lent and months else None


def repayment_plan(amount: Decimal, months: int) -> list[Decimal]:
    """Monthly instalments of an interest-free loan: equal in cents, the last one taking what rounding left."""
    if months <= 0:
        raise ValueError("a loan is repaid over one month at least")
    instalment = (amount / months).quantize(CENT, rounding=ROUND_HALF_UP)
    plan = [instalment] * (months - 1)
    return [*plan, amount - sum(plan, Decimal(0))]


# The ledger -------------------------------------------------------------------------------------------------------

class EntryKind(StrEnum):
    takeover_cost = "takeover_cost"        # studies, architect, staff, removal of furniture
    management_cost = "management_cost"    # repairs and works borne by the landlord
    rent = "rent"                          # a rent received


@dataclass(frozen=True)
class Ledger:
    """A case's money: what it cost to take over and to manage, the rents received, what is still to recover (the
    costs less the rents, never below zero) and what the owner receives once every cost is repaid."""

    takeover_costs: Decimal
    management_costs: Decimal
    rents: Decimal

    @property
    def costs(self) -> Decimal:
        return self.takeover_costs + self.management_costs

    @property
    def balance(self) -> Decimal:
        return max(self.costs - self.rents, Decimal("0.00"))

    @property
    def owner_receives(self) -> Decimal:
        return max(self.rents - self.costs, Decimal("0.00"))


def ledger(entries, *, until: date | None = None, since: date | None = None) -> Ledger:
    """The ledger of entries (each with `kind`, `on`, `amount`), of the days from `since` to `until` when given."""
    totals = {kind: Decimal("0.00") for kind in EntryKind}
    for entry in entries:
        if (until is None or entry.on <= until) and (since is None or entry.on >= since):
            totals[EntryKind(entry.kind)] += entry.amount
    return Ledger(totals[EntryKind.takeover_cost], totals[EntryKind.management_cost], totals[EntryKind.rent])
