"""Sharing sessions, their registrations, the resources of the library (a session's, or the Guichet's toolbox
when no session) and the facilitators the Guichet keeps.

A session belongs to its organiser (the tenant: the Guichet or a signatory owner); its audience decides who else
reads it (queries.visible_sessions). Registrations and resources are read through their session."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from occupancies.models import Site  # noqa: F401 - where a session is held
from occupancies.sharing.workflow import Audience, PlaceKind, RegistrationStatus, ResourceKind, SessionStatus, Theme
from portal import clock
from portal.accounts.models import User  # noqa: F401
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.i18n import localized_property
from portal.organisations.models import Organisation  # noqa: F401
from portal.tenancy import TenantScoped


class Facilitator(db.Model):
    """A person the Guichet proposes to lead sessions: professional contact details only."""

    __tablename__ = "facilitators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    structure: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    themes: Mapped[list] = mapped_column(db.JSON, default=list)        # Theme values
    languages: Mapped[list] = mapped_column(db.JSON, default=list)     # fr, nl, en
    bio_fr: Mapped[str] = mapped_column(Text, default="")
    bio_nl: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    bio = localized_property("bio")


class SharingSession(TenantScoped, db.Model):
    """A moment de partage. `organisation_id`: its organiser. Times are aware UTC instants, shown in Brussels."""

    __tablename__ = "sharing_sessions"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity"),
        CheckConstraint("places_per_organisation > 0", name="places_per_organisation"),
        CheckConstraint("ends_at > starts_at", name="time_order"),
        Index("ix_sharing_sessions_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title_fr: Mapped[str] = mapped_column(String(200))
    title_nl: Mapped[str] = mapped_column(String(200))
    agenda_fr: Mapped[str] = mapped_column(Text, default="")
    agenda_nl: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[Theme] = mapped_column(enum_column(Theme))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place_kind: Mapped[PlaceKind] = mapped_column(enum_column(PlaceKind))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int]
    places_per_organisation: Mapped[int] = mapped_column(default=3)
    audience: Mapped[Audience] = mapped_column(enum_column(Audience))
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("facilitators.id", ondelete="SET NULL"))
    status: Mapped[SessionStatus] = mapped_column(enum_column(SessionStatus), default=SessionStatus.planned)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    minutes_fr: Mapped[str] = mapped_column(Text, default="")
    minutes_nl: Mapped[str] = mapped_column(Text, default="")
    minutes_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attendance_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    lock: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": lock}

    organiser: Mapped[Organisation] = relationship(  # noqa: F821
        lazy="joined", foreign_keys="SharingSession.organisation_id")
    site: Mapped[Site | None] = relationship(lazy="joined")  # noqa: F821
    facilitator: Mapped[Facilitator | None] = relationship(lazy="joined")

    title = localized_property("title")
    agenda = localized_property("agenda")
    minutes = localized_property("minutes")


class Registration(db.Model):
    """One person on a session, registered or waiting (in the order of `queued_at`, then `id`). A cancelled
    registration is kept (history) and taken up again if the person registers anew."""

    __tablename__ = "session_registrations"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),
                      Index("ix_session_registrations_queue", "session_id", "status", "queued_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sharing_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[RegistrationStatus] = mapped_column(enum_column(RegistrationStatus))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[bool | None]
    lock: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": lock}

    session: Mapped[SharingSession] = relationship()
    user: Mapped[User] = relationship(lazy="joined", foreign_keys=[user_id])  # noqa: F821
    organisation: Mapped[Organisation] = relationship(lazy="joined", foreign_keys=[organisation_id])  # noqa: F821


class Resource(db.Model):
    """A document or link of the library: shared at a session (`session_id`), or in the Guichet's toolbox; or a
    session's published minutes (kind minutes), so that the library finds them too."""

    __tablename__ = "shared_resources"
    __table_args__ = (CheckConstraint("(kind = 'link' AND url <> '') OR (kind = 'file' AND file <> '') OR "
                                      "(kind = 'minutes' AND session_id IS NOT NULL)", name="link_or_file"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sharing_sessions.id", ondelete="CASCADE"),
                                                   index=True)
    theme: Mapped[Theme] = mapped_column(enum_column(Theme))
    title_fr: Mapped[str] = mapped_column(String(200))
    title_nl: Mapped[str] = mapped_column(String(200))
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ResourceKind] = mapped_column(enum_column(ResourceKind))
    url: Mapped[str] = mapped_column(String(500), default="")
    file: Mapped[str] = mapped_column(String(80), default="")
    original_name: Mapped[str] = mapped_column(String(200), default="")
    mimetype: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[int] = mapped_column(default=0)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    session: Mapped[SharingSession | None] = relationship(lazy="joined")

    title = localized_property("title")
    description = localized_property("description")
