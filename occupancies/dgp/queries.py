"""Reads of the index series and of the capped rents they give."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import extract, select

from occupancies.dgp import rules
from occupancies.dgp.models import IndexValue
from occupancies.dgp.workflow import Series
from portal.extensions import db


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
