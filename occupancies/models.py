from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from occupancies import rules
from occupancies.workflow import OCCUPANT_TYPE_LABELS, OccupantType, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal import clock
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.i18n import localized, localized_property
from portal.organisations.models import Organisation  # noqa: F401 - the owners, the occupants
from portal.tenancy import TenantScoped


def equipment_of(site) -> dict[str, bool]:
    """A site's equipment, of a Site or of a row with its columns."""
    return {"water": site.has_water, "heating": site.has_heating, "electricity": site.has_electricity,
            "step_free": site.step_free, "public_transport": site.public_transport}


class Site(TenantScoped, db.Model):
    """A vacant space of a public owner (the tenant: organisation_id)."""

    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint("available_until IS NULL OR available_from IS NULL OR available_until >= available_from",
                        name="availability_order"),
        Index("ix_sites_public", "publication", "commune"),
        # The register's order (published sites by name): a page of it is read from the index, not sorted.
        Index("ix_sites_register_order", "publication", "name", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    address: Mapped[str] = mapped_column(String(250))
    postcode: Mapped[str] = mapped_column(String(4))
    commune: Mapped[str] = mapped_column(String(40))
    latitude: Mapped[float]
    longitude: Mapped[float]
    kind: Mapped[SiteKind] = mapped_column(enum_column(SiteKind))
    total_surface: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    has_water: Mapped[bool] = mapped_column(default=False)
    has_heating: Mapped[bool] = mapped_column(default=False)
    has_electricity: Mapped[bool] = mapped_column(default=False)
    step_free: Mapped[bool] = mapped_column(default=False)
    public_transport: Mapped[bool] = mapped_column(default=False)
    heritage_protected: Mapped[bool] = mapped_column(default=False)
    # Its exact place would expose its occupants (a shelter, emergency or transit housing): the public reads its
    # commune and a point about 500 m away (rules.shifted_point), never its address.
    protected: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    constraints_fr: Mapped[str] = mapped_column(Text, default="")
    constraints_nl: Mapped[str] = mapped_column(Text, default="")
    available_from: Mapped[date | None]
    available_until: Mapped[date | None]
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    publication: Mapped[PublicationStatus] = mapped_column(
        enum_column(PublicationStatus), default=PublicationStatus.draft, index=True)
    publication_reason: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    owner: Mapped[Organisation] = relationship(lazy="joined")  # noqa: F821
    units: Mapped[list[Unit]] = relationship(back_populates="site", cascade="all, delete-orphan",
                                               order_by="Unit.position, Unit.id")
    photos: Mapped[list[SitePhoto]] = relationship(back_populates="site", cascade="all, delete-orphan",
                                                     order_by="SitePhoto.id")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def constraints(self) -> str:
        return localized(self, "constraints")

    @property
    def is_published(self) -> bool:
        return self.publication == PublicationStatus.published

    @property
    def equipment(self) -> dict[str, bool]:
        return equipment_of(self)


class Unit(db.Model):
    """A dwelling (studio, flat or house with N bedrooms) or a space (room, floor, plot…) of a site."""

    __tablename__ = "units"
    __table_args__ = (
        CheckConstraint("bedrooms IS NULL OR bedrooms >= 0", name="bedrooms_positive"),
        CheckConstraint("surface IS NULL OR surface >= 0", name="surface_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind))
    bedrooms: Mapped[int | None]
    # Its name on site, in French and in Dutch (one may stay empty: the other is shown instead).
    label_fr: Mapped[str] = mapped_column(String(120))
    label_nl: Mapped[str] = mapped_column(String(120), default="", server_default="")
    surface: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    position: Mapped[int] = mapped_column(default=0)

    site: Mapped[Site] = relationship(back_populates="units")

    label = localized_property("label")  # in the reader's language (a document's, while it is rendered)

    @property
    def names(self) -> dict[str, str]:
        return {"fr": self.label_fr, "nl": self.label_nl}


class SitePhoto(db.Model):
    __tablename__ = "site_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(80), unique=True)  # random name, under instance/uploads
    width: Mapped[int]
    height: Mapped[int]
    caption: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    site: Mapped[Site] = relationship(back_populates="photos")


def public_occupant_name(organisation_name: str | None, occupant_type, external_occupant: str) -> str:
    """How the public reads an occupant: an organisation by its name; a named individual never."""
    if organisation_name is not None:
        return organisation_name
    if occupant_type == OccupantType.individual:
        return str(OCCUPANT_TYPE_LABELS[OccupantType.individual])
    return external_occupant


class Occupancy(db.Model):
    """An occupant in some units of a site over a period (end open or inclusive); the status is derived."""

    __tablename__ = "occupancies"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period_order"),
        CheckConstraint("occupant_id IS NOT NULL OR external_occupant <> ''", name="has_occupant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    occupant_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"),
                                                    index=True)
    external_occupant: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    use_category: Mapped[UseCategory] = mapped_column(enum_column(UseCategory))
    occupant_type: Mapped[OccupantType] = mapped_column(enum_column(OccupantType))
    agreement_reference: Mapped[str] = mapped_column(String(120), default="")
    agreement_file: Mapped[str | None] = mapped_column(String(80))  # random name under instance/uploads
    # The agreement it comes from, once agreements are kept on the portal (issue 7); older ones have a file.
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    site: Mapped[Site] = relationship()
    occupant: Mapped[Organisation | None] = relationship(lazy="joined")  # noqa: F821
    bookings: Mapped[list[OccupancyUnit]] = relationship(back_populates="occupancy", cascade="all, delete-orphan")

    @property
    def occupant_name(self) -> str:
        return self.occupant.name if self.occupant is not None else self.external_occupant

    @property
    def public_name(self) -> str:
        return public_occupant_name(self.occupant.name if self.occupant is not None else None, self.occupant_type,
                                    self.external_occupant)

    @property
    def unit_ids(self) -> list[int]:
        return [b.unit_id for b in self.bookings]

    def status(self, as_of: date) -> str:
        return rules.occupancy_status(self.start_date, self.end_date, as_of)

    def duration(self, as_of: date):
        return rules.duration_as_of(self.start_date, self.end_date, as_of)


class OccupancyUnit(db.Model):
    """One unit of an occupancy, with the occupancy's period copied so that the database can refuse overlaps.

    On PostgreSQL an exclusion constraint (btree_gist) forbids two bookings of one unit whose periods share a
    day; the domain function checks the same rule first to give a clear message.
    """

    __tablename__ = "occupancy_units"
    __table_args__ = (
        UniqueConstraint("occupancy_id", "unit_id"),
        postgresql.ExcludeConstraint(
            ("unit_id", "="),
            (text("daterange(start_date, end_date, '[]')"), "&&"),
            name="no_overlapping_occupancies",
            using="gist",
        ).ddl_if(dialect="postgresql"),  # SQLite: writers are serialised (BEGIN IMMEDIATE), the domain check holds
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occupancy_id: Mapped[int] = mapped_column(ForeignKey("occupancies.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date]
    end_date: Mapped[date | None]

    occupancy: Mapped[Occupancy] = relationship(back_populates="bookings")
    unit: Mapped[Unit] = relationship()
