from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
from portal.accounts.models import User  # noqa: F401 - the members' accounts
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.i18n import localized
from portal.organisations.workflow import LegalForm, OrganisationStatus
from portal.roles import OrganisationKind, Role
from portal.tenancy import TenantScoped


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    status: Mapped[OrganisationStatus] = mapped_column(
        enum_column(OrganisationStatus), default=OrganisationStatus.pending
    )
    name_fr: Mapped[str] = mapped_column(String(200))
    name_nl: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[LegalForm] = mapped_column(enum_column(LegalForm))
    enterprise_number: Mapped[str | None] = mapped_column(String(10), unique=True)  # 10 digits
    commune: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(250), default="")
    postcode: Mapped[str] = mapped_column(String(4), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(250), default="")
    status_reason: Mapped[str | None] = mapped_column(Text)      # the Guichet's reason, or its question
    information_answer: Mapped[str | None] = mapped_column(Text)  # the association's answer to that question
    # The association's statutes (a PDF checked by its content), added while the Guichet reviews it.
    statutes_file: Mapped[str | None] = mapped_column(String(80))     # its random name in uploads/statutes
    statutes_name: Mapped[str] = mapped_column(String(200), default="")   # the name it was given, for display
    statutes_added_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    charter_signed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Optimistic locking: of two concurrent changes, the second finds the row moved on (a conflict, 409).
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="Membership.id"
    )

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def is_guichet(self) -> bool:
        return self.kind == OrganisationKind.guichet

    @property
    def is_owner(self) -> bool:
        return self.kind == OrganisationKind.public_owner

    @property
    def is_occupant(self) -> bool:
        return self.kind == OrganisationKind.occupant

    @property
    def is_approved(self) -> bool:
        return self.status == OrganisationStatus.approved

    @property
    def is_signatory(self) -> bool:
        return self.charter_signed_on is not None

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Membership(TenantScoped, db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    user: Mapped[User] = relationship(back_populates="memberships")  # noqa: F821
    organisation: Mapped[Organisation] = relationship(back_populates="memberships", lazy="joined")


class Invitation(TenantScoped, db.Model):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    language: Mapped[str] = mapped_column(String(2), default="fr")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    invited_by: Mapped[User | None] = relationship()  # noqa: F821

    def is_open(self, at: datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and at < self.expires_at
