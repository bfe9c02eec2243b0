"""Reports: one per period of an agreement's reporting schedule, owned by the agreement's owner (the tenant) and
written by its occupant. Counts and short texts only: nothing that identifies a supported person."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from occupancies.agreements.models import Agreement  # noqa: F401 - reported on
from occupancies.models import Site  # noqa: F401
from occupancies.reports.workflow import ACTIVITY_COUNTS, HOUSING_COUNTS, ReportKind, ReportStatus
from occupancies.workflow import UseCategory
from portal import clock
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.organisations.models import Organisation  # noqa: F401
from portal.tenancy import TenantScoped

COUNTS = (*HOUSING_COUNTS, *ACTIVITY_COUNTS)


class Report(TenantScoped, db.Model):
    """What an occupant reports for one period of an agreement. The site, occupant, use and quarter are copied
    from the agreement and the schedule so that the region's figures are plain aggregates of this table."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("agreement_id", "period_start"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint(" AND ".join(f"{name} >= 0" for name in COUNTS), name="counts"),
        Index("ix_reports_figures", "status", "quarter"),
        # Each party's list, the latest due first (queries.reports_of reads one branch per side).
        Index("ix_reports_owner_due", "organisation_id", "due_on", "id"),
        Index("ix_reports_occupant_due", "occupant_id", "due_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    occupant_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    use_category: Mapped[UseCategory] = mapped_column(enum_column(UseCategory))
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind))
    period_start: Mapped[date]
    period_end: Mapped[date]
    due_on: Mapped[date] = mapped_column(index=True)
    quarter: Mapped[int]                 # YYYYQ of the period's last day
    closes_quarter: Mapped[bool] = mapped_column(default=True)
    status: Mapped[ReportStatus] = mapped_column(enum_column(ReportStatus), default=ReportStatus.draft)

    households: Mapped[int] = mapped_column(default=0)
    persons: Mapped[int] = mapped_column(default=0)
    persons_axis1: Mapped[int] = mapped_column(default=0)
    persons_axis2: Mapped[int] = mapped_column(default=0)
    persons_axis3: Mapped[int] = mapped_column(default=0)
    entries: Mapped[int] = mapped_column(default=0)
    exits_durable: Mapped[int] = mapped_column(default=0)
    exits_other_housing: Mapped[int] = mapped_column(default=0)
    exits_street: Mapped[int] = mapped_column(default=0)
    exits_institution: Mapped[int] = mapped_column(default=0)
    exits_unknown: Mapped[int] = mapped_column(default=0)
    activities: Mapped[int] = mapped_column(default=0)
    audience: Mapped[int] = mapped_column(default=0)
    activities_text: Mapped[str] = mapped_column(Text, default="")
    incidents: Mapped[str] = mapped_column(Text, default="")
    neighbourhood: Mapped[str] = mapped_column(Text, default="")
    support_needs: Mapped[str] = mapped_column(Text, default="")
    consistency_note: Mapped[str] = mapped_column(Text, default="")

    owner_comment: Mapped[str] = mapped_column(Text, default="")
    owner_question: Mapped[str] = mapped_column(Text, default="")
    occupant_answer: Mapped[str] = mapped_column(Text, default="")   # to the owner's last question
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reminded_soon: Mapped[bool] = mapped_column(default=False)
    reminded_due: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    lock: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": lock}

    agreement: Mapped[Agreement] = relationship(lazy="joined")  # noqa: F821
    site: Mapped[Site] = relationship(lazy="joined")  # noqa: F821
    occupant: Mapped[Organisation] = relationship(lazy="joined", foreign_keys=[occupant_id])  # noqa: F821

    @property
    def exits(self) -> int:
        return self.exits_durable + self.exits_other_housing + self.exits_street + self.exits_institution \
            + self.exits_unknown

    def overdue(self, today: date) -> bool:
        return self.status in (ReportStatus.draft, ReportStatus.returned) and today > self.due_on
