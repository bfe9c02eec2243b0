"""The index series the public management right is indexed by: data the regional staff keep (audited), not
constants in code."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, DateTime, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from occupancies.dgp.workflow import Series
from portal import clock
from portal.extensions import db


class IndexValue(db.Model):
    """The value of an index series for a month (its first day): the health index of August 2022, say."""

    __tablename__ = "dgp_index_values"
    __table_args__ = (
        UniqueConstraint("series", "month"),                 # one value a month
        CheckConstraint("value > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[Series] = mapped_column(db.Enum(Series, native_enum=False, create_constraint=True, length=16))
    month: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
