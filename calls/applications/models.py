from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calls.applications.workflow import ApplicationStatus
from calls.models import Call  # noqa: F401 - the call applied to
from occupancies.workflow import OccupantType, UseCategory
from portal import clock
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.organisations.models import Organisation  # noqa: F401 - the applicant
from portal.tenancy import TenantScoped


class Application(TenantScoped, db.Model):
    """An occupant's answer to a call. The tenant (organisation_id) is the applicant; the call's owner reads it
    only once the call has closed (sealed until the deadline)."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("call_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(enum_column(ApplicationStatus),
                                                      default=ApplicationStatus.draft, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    use_category: Mapped[UseCategory | None] = mapped_column(enum_column(UseCategory))
    occupant_type: Mapped[OccupantType | None] = mapped_column(enum_column(OccupantType))
    requested_units: Mapped[list] = mapped_column(db.JSON, default=list)   # unit ids
    answers: Mapped[dict] = mapped_column(db.JSON, default=dict)           # criterion id -> text
    statements: Mapped[dict] = mapped_column(db.JSON, default=dict)        # condition id -> text
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    digest: Mapped[str | None] = mapped_column(String(64))                 # of the content submitted
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, onupdate=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    call: Mapped[Call] = relationship(lazy="joined")  # noqa: F821
    applicant: Mapped[Organisation] = relationship(lazy="joined")  # noqa: F821
    attachments: Mapped[list[Attachment]] = relationship(back_populates="application",
                                                           cascade="all, delete-orphan", order_by="Attachment.id")

    def content(self) -> dict:
        """What the receipt's digest covers."""
        return {"call": self.call_id, "applicant": self.organisation_id, "summary": self.summary,
                "use": getattr(self.use_category, "value", None), "type": getattr(self.occupant_type, "value", None),
                "units": sorted(self.requested_units or []), "answers": self.answers or {},
                "statements": self.statements or {},
                "attachments": [a.digest for a in self.attachments]}


class Attachment(db.Model):
    __tablename__ = "application_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(80), unique=True)   # random name under the uploads folder
    original_name: Mapped[str] = mapped_column(String(200))          # cleaned: no path, no control characters
    mimetype: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    application: Mapped[Application] = relationship(back_populates="attachments")
