"""A vacancy signal: a place reported as vacant, who reported it, and what became of it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from occupancies.models import Site  # noqa: F401 - a signal may become a site
from occupancies.vacancies.workflow import Closure, OwnerType, PlaceKind, SignalStatus
from portal import clock
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.organisations.models import Organisation  # noqa: F401 - the reporting organisation


class VacancySignal(db.Model):
    """A place reported as vacant. It belongs to its commune: the commune's and its CPAS's organisations read it
    (with a private owner's identity), the commune moderates it, the Guichet reads the region's (without it)."""

    __tablename__ = "vacancy_signals"
    __table_args__ = (
        Index("ix_vacancy_signals_commune", "commune", "status"),
        Index("ix_vacancy_signals_address", "address_key"),
        CheckConstraint("latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180", name="point"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[SignalStatus] = mapped_column(enum_column(SignalStatus), default=SignalStatus.pending)
    street: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(4))
    commune: Mapped[str] = mapped_column(String(40))
    # The address written the one way duplicates are found by (occupancies.vacancies.rules.address_key).
    address_key: Mapped[str] = mapped_column(String(240))
    latitude: Mapped[float]
    longitude: Mapped[float]
    kind: Mapped[PlaceKind] = mapped_column(enum_column(PlaceKind))
    owner_type: Mapped[OwnerType] = mapped_column(enum_column(OwnerType), default=OwnerType.unknown)
    # A private owner's identity and contact are personal data: read only by the commune, its CPAS and the
    # operator of the place's DGP case (occupancies.vacancies.permissions.can_read_owner).
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    owner_contact: Mapped[str] = mapped_column(String(300), default="")
    vacant_since: Mapped[date | None]
    evidence: Mapped[list] = mapped_column(JSON, default=list)        # Evidence codes
    notes: Mapped[str] = mapped_column(Text, default="")
    photo_file: Mapped[str | None] = mapped_column(String(80))       # its random name in uploads/vacancies

    # Who reported it: a member of an organisation, or someone of the public by the address they confirmed.
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reporter_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    reporter_email: Mapped[str] = mapped_column(String(254), default="")
    reporter_language: Mapped[str] = mapped_column(String(2), default="fr")
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)   # the confirmation link's, until used
    confirm_by: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)       # accepted, merged or rejected
    reason: Mapped[str] = mapped_column(Text, default="")                   # of a rejection, or of an outcome
    closure: Mapped[Closure | None] = mapped_column(enum_column(Closure))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy_signals.id", ondelete="SET NULL"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    reporter_organisation: Mapped[Organisation | None] = relationship()  # noqa: F821
    site: Mapped[Site | None] = relationship()  # noqa: F821
    merged_into: Mapped[VacancySignal | None] = relationship(remote_side=[id])

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}".strip()

    @property
    def from_the_public(self) -> bool:
        return self.reporter_organisation_id is None

    def __repr__(self) -> str:
        return f"<VacancySignal {self.id} {self.commune}>"
