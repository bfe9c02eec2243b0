"""Demo of the public management right: the health index the guide's 2023 rents are computed with, and two values
of the ABEX index that the loan's cap is indexed by."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from occupancies.dgp.models import IndexValue
from occupancies.dgp.workflow import Series
from portal.extensions import db

# The health index of August 2022 (base 2013) that Bruxelles Logement's table for 1 January 2023 implies: with it,
# every capped rent of the table comes out to the cent (tests/unit/test_dgp_rules.py).
HEALTH_INDEX_AUGUST_2022 = Decimal("123.68")
# The ABEX index of May 2022 (the cap's base) and of November 2025 (the cap of 1 January 2026): values for the demo
# only, that the Guichet replaces by the published ones on its page of the series.
ABEX_DEMO = {date(2022, 5, 1): Decimal("1188.00"), date(2025, 11, 1): Decimal("1262.00")}


def load_dgp() -> None:
    """Loaded once: a second load finds the values there."""
    values = {(Series.health, date(2022, 8, 1)): HEALTH_INDEX_AUGUST_2022,
              **{(Series.abex, month): value for month, value in ABEX_DEMO.items()}}
    for (series, month), value in values.items():
        if db.session.scalar(select(IndexValue).where(IndexValue.series == series, IndexValue.month == month)) is None:
            db.session.add(IndexValue(series=series, month=month, value=value))
