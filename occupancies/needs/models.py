"""A need (demande d'espace): what an association looks for, published for the owners or for everyone."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calls.models import Call  # noqa: F401 - a call a need meets
from occupancies.models import Site  # noqa: F401 - a site a need meets
from occupancies.needs.workflow import NeedStatus, ProposalStatus, Visibility
from occupancies.workflow import UseCategory
from portal import clock
from portal.accounts.models import User  # noqa: F401 - who proposed, who wrote
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.organisations.models import Organisation  # noqa: F401 - the association
from portal.tenancy import TenantScoped


class Need(TenantScoped, db.Model):
    """A need of an association (the tenant: organisation_id). It stays current for 3 months from its last
    confirmation (rules.expires_on); an expired need leaves the lists and the figures until confirmed again."""

    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint("surface_min IS NULL OR surface_max IS NULL OR surface_min <= surface_max",
                        name="surface_range"),
        Index("ix_needs_current", "status", "confirmed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[NeedStatus] = mapped_column(enum_column(NeedStatus), default=NeedStatus.published)
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility), default=Visibility.owners)
    title_fr: Mapped[str] = mapped_column(String(160), default="")
    title_nl: Mapped[str] = mapped_column(String(160), default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    uses: Mapped[list] = mapped_column(JSON, default=list)              # UseCategory values
    kind: Mapped[str] = mapped_column(String(10), default="")           # built, unbuilt, or "" for either
    communes: Mapped[list] = mapped_column(JSON, default=list)          # empty: any commune
    surface_min: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    surface_max: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    start_on: Mapped[date] = mapped_column(Date)
    months: Mapped[int | None]
    free_only: Mapped[bool] = mapped_column(default=True)
    monthly_max: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    equipment: Mapped[list] = mapped_column(JSON, default=list)         # rules.EQUIPMENT codes
    people: Mapped[int | None]
    confirmed_on: Mapped[date] = mapped_column(Date)
    reminded_for: Mapped[date | None] = mapped_column(Date)            # the expiry last reminded of
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    organisation: Mapped[Organisation] = relationship(lazy="joined")  # noqa: F821


class NeedMatch(db.Model):
    """A current need that a site or a call met when it became available (or when the need was published): its
    score and the explanation's lines (rules.Line as JSON), kept so that the association is told once and the owner
    counts the needs its site or call meets. `offer` is "site-<id>" or "call-<id>": one match per need and offer."""

    __tablename__ = "need_matches"
    __table_args__ = (UniqueConstraint("need_id", "offer", name="uq_need_matches_offer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    offer: Mapped[str] = mapped_column(String(24), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    score: Mapped[int]
    lines: Mapped[list] = mapped_column(JSON, default=list)
    told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)     # when the association was told
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    need: Mapped[Need] = relationship(lazy="joined")
    site: Mapped[Site] = relationship()  # noqa: F821
    call: Mapped[Call | None] = relationship()  # noqa: F821


class Proposal(TenantScoped, db.Model):
    """A public owner (the tenant: organisation_id) proposes one of its sites to an association's need: the units,
    the period and the terms. The association accepts it, which drafts the agreement (agreement_id), or declines it
    with a reason; the owner may withdraw it while it waits. Read by the two parties and the Guichet only."""

    __tablename__ = "need_proposals"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
        CheckConstraint("free_use OR monthly_fee IS NOT NULL", name="fee_given"),
        # One waiting proposal of a site to a need (two owners' editors at once: the second is refused).
        Index("uq_need_proposals_waiting", "need_id", "site_id", unique=True,
              sqlite_where=text("status = 'sent'"), postgresql_where=text("status = 'sent'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    occupant_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    unit_ids: Mapped[list] = mapped_column(JSON, default=list)
    use_category: Mapped[UseCategory] = mapped_column(enum_column(UseCategory))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    free_use: Mapped[bool] = mapped_column(default=True)
    monthly_fee: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus), default=ProposalStatus.sent)
    reason: Mapped[str] = mapped_column(Text, default="")               # the association's, when it declines
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    owner: Mapped[Organisation] = relationship(foreign_keys="Proposal.organisation_id", lazy="joined")
    occupant: Mapped[Organisation] = relationship(foreign_keys=[occupant_id], lazy="joined")
    need: Mapped[Need] = relationship()
    site: Mapped[Site] = relationship()  # noqa: F821
    proposed_by: Mapped[User | None] = relationship()  # noqa: F821
    messages: Mapped[list[ProposalMessage]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan",
        order_by="(ProposalMessage.created_at, ProposalMessage.id)")


class ProposalMessage(db.Model):
    """A message between the two parties of a proposal, kept in the portal (neither side's staff address is given
    to the other) and audited. `organisation_id` is the side that wrote it."""

    __tablename__ = "need_proposal_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("need_proposals.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    proposal: Mapped[Proposal] = relationship(back_populates="messages")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship(lazy="joined")  # noqa: F821


class SavedSearch(db.Model):
    """A person's filter of the public list of sites or of calls (`target`), kept with its name: they open it again,
    follow it as an Atom feed, and are told (alert) when a site or a call that it keeps is published."""

    __tablename__ = "saved_searches"
    __table_args__ = (UniqueConstraint("user_id", "target", "query", name="uq_saved_searches_query"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(10))                    # "sites" or "calls"
    query: Mapped[str] = mapped_column(String(500))                    # the filters' query string, normalised
    name: Mapped[str] = mapped_column(String(120))
    alert: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    user: Mapped[User] = relationship()  # noqa: F821
