"""Appeals against a call's decision (issue 21). An appeal belongs to the applicant that lodged it (its tenant);
the call's owner reads and answers it, the Guichet reads every one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calls.appeals.workflow import AppealStatus
from calls.applications.models import Application  # noqa: F401 - what is contested
from portal import clock
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.tenancy import TenantScoped


class Appeal(TenantScoped, db.Model):
    __tablename__ = "appeals"
    __table_args__ = (
        # One appeal waiting for its answer per application (two writers at once: the second is refused).
        Index("uq_appeals_lodged", "application_id", unique=True,
              sqlite_where=text("status = 'lodged'"), postgresql_where=text("status = 'lodged'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    status: Mapped[AppealStatus] = mapped_column(enum_column(AppealStatus), default=AppealStatus.lodged, index=True)
    reasons: Mapped[str] = mapped_column(Text)
    document_file: Mapped[str | None] = mapped_column(String(80))     # random name under the uploads folder
    document_name: Mapped[str | None] = mapped_column(String(200))    # the name given, shown only
    document_mimetype: Mapped[str | None] = mapped_column(String(100))
    lodged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    lodged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    call: Mapped[Call] = relationship(lazy="joined")  # noqa: F821
    application: Mapped[Application] = relationship(lazy="joined")
    applicant: Mapped[Organisation] = relationship(lazy="joined")  # noqa: F821

    def __repr__(self) -> str:
        return f"<Appeal {self.id} {self.status}>"
