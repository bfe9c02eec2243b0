"""Agreements: the record that drives an occupancy, and the documents both sides sign. The terms live in
versions (1: the original, then each amendment); a signed version never changes."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from occupancies.agreements.workflow import (
    AgreementStatus,
    AmendmentKind,
    ChargesKind,
    ChecklistKind,
    EndReason,
    ReportingFrequency,
    VersionStatus,
)
from occupancies.models import Site  # noqa: F401 - the site occupied
from occupancies.workflow import UseCategory
from portal import clock
from portal.accounts.personal_data import PERSON_NAME
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.i18n import localized
from portal.organisations.models import Organisation  # noqa: F401 - the parties
from portal.tenancy import TenantScoped


class Clause(db.Model):
    """A clause of the library: the Guichet's (no organisation) or an owner's own, in French and Dutch."""

    __tablename__ = "agreement_clauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                                        index=True)
    position: Mapped[int] = mapped_column(default=0)
    title_fr: Mapped[str] = mapped_column(String(200))
    title_nl: Mapped[str] = mapped_column(String(200))
    text_fr: Mapped[str] = mapped_column(Text)
    text_nl: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    @property
    def title(self) -> str:
        return localized(self, "title")


class Agreement(TenantScoped, db.Model):
    """A precarious occupancy agreement between a public owner (the tenant) and an occupant, on a site."""

    __tablename__ = "agreements"
    __table_args__ = (CheckConstraint("language IN ('fr', 'nl')", name="language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus), default=AgreementStatus.draft,
                                                    index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="RESTRICT"), index=True)
    occupant_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"),
                                                       unique=True)
    # The language the agreement is signed in (French or Dutch); the other is a translation for information.
    language: Mapped[str] = mapped_column(String(2), default="fr")
    reporting: Mapped[ReportingFrequency] = mapped_column(enum_column(ReportingFrequency),
                                                          default=ReportingFrequency.quarterly)
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason))
    ended_on: Mapped[date | None]
    notice_given_on: Mapped[date | None]
    notice_given_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    site: Mapped[Site] = relationship(lazy="joined")  # noqa: F821
    owner: Mapped[Organisation] = relationship(lazy="joined", foreign_keys="Agreement.organisation_id")  # noqa: F821
    occupant: Mapped[Organisation] = relationship(lazy="joined", foreign_keys=[occupant_id])  # noqa: F821
    versions: Mapped[list[AgreementVersion]] = relationship(back_populates="agreement",
                                                              cascade="all, delete-orphan",
                                                              order_by="AgreementVersion.number")
    checklist: Mapped[list[ChecklistItem]] = relationship(cascade="all, delete-orphan",
                                                            order_by="ChecklistItem.id")

    @property
    def open_version(self) -> AgreementVersion:
        """The version being drafted, sent or signed: the last one."""
        return self.versions[-1]

    @property
    def binding_version(self) -> AgreementVersion:
        """The terms in force: the last signed version (the first, before any signature)."""
        signed = [v for v in self.versions if v.status == VersionStatus.signed]
        return signed[-1] if signed else self.versions[0]

    @property
    def ends_on(self) -> date | None:
        """The last day of the agreement: its notice's effective end, or the end of the terms in force."""
        return self.ended_on or self.binding_version.end_date


# The terms a version holds (everything but its number, state and documents): a new version starts from a copy.
TERMS = ("owner_representative", "owner_representative_role", "occupant_representative",
         "occupant_representative_role", "unit_ids", "purpose_fr", "purpose_nl", "use_category", "start_date",
         "end_date", "notice_months_owner", "notice_months_occupant", "free_use", "monthly_fee", "charges_kind",
         "charges_amount", "deposit", "insurance_required", "domiciliation", "heritage_fr", "heritage_nl",
         "support_fr", "support_nl", "free_clauses_fr", "free_clauses_nl")


class AgreementVersion(db.Model):
    """The terms of an agreement as signed: number 1 is the original, each amendment the next number."""

    __tablename__ = "agreement_versions"
    __table_args__ = (
        UniqueConstraint("agreement_id", "number"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period_order"),
        CheckConstraint("notice_months_owner >= 0 AND notice_months_occupant >= 0", name="notice"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    amendment: Mapped[AmendmentKind | None] = mapped_column(enum_column(AmendmentKind))
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[VersionStatus] = mapped_column(enum_column(VersionStatus), default=VersionStatus.draft)
    owner_representative: Mapped[str] = mapped_column(String(200), default="", info=PERSON_NAME)
    owner_representative_role: Mapped[str] = mapped_column(String(200), default="")
    occupant_representative: Mapped[str] = mapped_column(String(200), default="", info=PERSON_NAME)
    occupant_representative_role: Mapped[str] = mapped_column(String(200), default="")
    unit_ids: Mapped[list] = mapped_column(db.JSON, default=list)
    purpose_fr: Mapped[str] = mapped_column(Text, default="")
    purpose_nl: Mapped[str] = mapped_column(Text, default="")
    use_category: Mapped[UseCategory] = mapped_column(enum_column(UseCategory))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    notice_months_owner: Mapped[int] = mapped_column(default=3)
    notice_months_occupant: Mapped[int] = mapped_column(default=1)
    free_use: Mapped[bool] = mapped_column(default=True)
    monthly_fee: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    charges_kind: Mapped[ChargesKind] = mapped_column(enum_column(ChargesKind), default=ChargesKind.none)
    charges_amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    deposit: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    insurance_required: Mapped[bool] = mapped_column(default=True)
    domiciliation: Mapped[bool] = mapped_column(default=False)
    heritage_fr: Mapped[str] = mapped_column(Text, default="")
    heritage_nl: Mapped[str] = mapped_column(Text, default="")
    support_fr: Mapped[str] = mapped_column(Text, default="")
    support_nl: Mapped[str] = mapped_column(Text, default="")
    clauses: Mapped[list] = mapped_column(db.JSON, default=list)   # copies of the library's clauses chosen
    free_clauses_fr: Mapped[str] = mapped_column(Text, default="")
    free_clauses_nl: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    document_file: Mapped[str | None] = mapped_column(String(80))      # the PDF sent and signed
    document_digest: Mapped[str | None] = mapped_column(String(64))
    signed_file: Mapped[str | None] = mapped_column(String(80))        # the copy with the signatures
    signed_digest: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    lock: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": lock}

    agreement: Mapped[Agreement] = relationship(back_populates="versions")
    signatures: Mapped[list[Signature]] = relationship(cascade="all, delete-orphan", order_by="Signature.signed_at")


class Signature(db.Model):
    """Who signed a version for which party, when, and the digest of the exact PDF signed."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("version_id", "party"),
                      CheckConstraint("party IN ('occupant', 'owner')", name="party"))

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id", ondelete="CASCADE"), index=True)
    party: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    signer_name: Mapped[str] = mapped_column(String(200), info=PERSON_NAME)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    document_digest: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class ChecklistItem(db.Model):
    """A step before the start (insurance certificate, fire-safety visit, keys and entry inventory) or at the
    end (exit inventory), with its document and note."""

    __tablename__ = "agreement_checklist"
    __table_args__ = (UniqueConstraint("agreement_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ChecklistKind] = mapped_column(enum_column(ChecklistKind))
    note: Mapped[str] = mapped_column(Text, default="")
    file: Mapped[str | None] = mapped_column(String(80))             # random name under the uploads folder
    original_name: Mapped[str | None] = mapped_column(String(200))
    digest: Mapped[str | None] = mapped_column(String(64))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    photos: Mapped[list[InventoryPhoto]] = relationship(cascade="all, delete-orphan", order_by="InventoryPhoto.id")


class InventoryPhoto(db.Model):
    """A photo of an entry or exit inventory, checked, turned upright, stripped of its EXIF data."""

    __tablename__ = "agreement_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agreement_checklist.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(80), unique=True)
    width: Mapped[int]
    height: Mapped[int]
    caption: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
