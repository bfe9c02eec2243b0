"""Demo of the public management right: the health index the guide's 2023 rents are computed with."""
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


def load_dgp() -> None:
    """Loaded once: a second load finds the value there."""
    month = date(2022, 8, 1)
    if db.session.scalar(select(IndexValue).where(IndexValue.series == Series.health, IndexValue.month == month)):
        return
    db.session.add(IndexValue(series=Series.health, month=month, value=HEALTH_INDEX_AUGUST_2022))
