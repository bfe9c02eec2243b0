from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calls.workflow import CallStatus
from occupancies.models import Site  # noqa: F401 - the site a call offers
from portal import clock
from portal.accounts.models import User  # noqa: F401 - who approved the call
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.i18n import localized
from portal.organisations.models import Organisation  # noqa: F401 - the call's owner
from portal.tenancy import TenantScoped


class Call(TenantScoped, db.Model):
    """An open call of a public owner (the tenant) for one of its sites, or some of its units."""

    __tablename__ = "calls"
    __table_args__ = (
        CheckConstraint("scale IN (5, 10)", name="scale"),
        CheckConstraint("questions_deadline < submission_deadline", name="deadline_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="RESTRICT"), index=True)
    status: Mapped[CallStatus] = mapped_column(enum_column(CallStatus), default=CallStatus.draft, index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    title_fr: Mapped[str] = mapped_column(String(200))
    title_nl: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_nl: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    uses: Mapped[list] = mapped_column(db.JSON, default=list)          # UseCategory values sought
    scale: Mapped[int] = mapped_column(default=5)
    support_fr: Mapped[str] = mapped_column(Text, default="")
    support_nl: Mapped[str] = mapped_column(Text, default="")
    support_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    free_use: Mapped[bool] = mapped_column(default=True)
    monthly_fee: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    min_social_share: Mapped[int | None]                                # percent of units, mix target
    min_use_categories: Mapped[int | None]                              # mix target
    tie_rule: Mapped[str] = mapped_column(String(40), default="highest_first_criterion")
    # How to contest the decision: who receives an appeal, in both languages, and within how many days of it.
    appeal_body_fr: Mapped[str] = mapped_column(Text, default="")
    appeal_body_nl: Mapped[str] = mapped_column(Text, default="")
    appeal_days: Mapped[int | None]
    # Days after the decision during which no agreement of the call may be sent for signature (calls.appeals).
    standstill_days: Mapped[int | None]
    occupancy_start: Mapped[date | None]
    occupancy_end: Mapped[date | None]
    publication_at: Mapped[datetime] = mapped_column(UTCDateTime)
    questions_deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    submission_deadline: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    decision_on: Mapped[date]
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who approved it at the Guichet: the call and its site go public in that person's name at the planned moment.
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    site: Mapped[Site] = relationship(lazy="joined")  # noqa: F821
    owner: Mapped[Organisation] = relationship(lazy="joined")  # noqa: F821
    approved_by: Mapped[User | None] = relationship()  # noqa: F821
    criteria: Mapped[list[Criterion]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                       order_by="Criterion.position")
    conditions: Mapped[list[Condition]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                         order_by="Condition.position")
    units: Mapped[list[CallUnit]] = relationship(back_populates="call", cascade="all, delete-orphan")
    visits: Mapped[list[Visit]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                 order_by="Visit.starts_at")
    addenda: Mapped[list[Addendum]] = relationship(back_populates="call", cascade="all, delete-orphan",
                                                     order_by="Addendum.published_at")

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def appeal_body(self) -> str:
        return localized(self, "appeal_body")

    @property
    def states_appeal(self) -> bool:
        """Whether the call says who receives an appeal, in both languages, and within how many days."""
        return bool(self.appeal_body_fr.strip() and self.appeal_body_nl.strip() and self.appeal_days)


class CallUnit(db.Model):
    """The units a call offers (all the site's units when the call names none)."""

    __tablename__ = "call_units"
    __table_args__ = (UniqueConstraint("call_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))

    call: Mapped[Call] = relationship(back_populates="units")


class Criterion(db.Model):
    """An award criterion: label and guidance in both languages, a weight (the weights sum to 100)."""

    __tablename__ = "call_criteria"
    __table_args__ = (CheckConstraint("weight > 0 AND weight <= 100", name="weight_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label_fr: Mapped[str] = mapped_column(String(200))
    label_nl: Mapped[str] = mapped_column(String(200))
    guidance_fr: Mapped[str] = mapped_column(Text, default="")
    guidance_nl: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int]

    call: Mapped[Call] = relationship(back_populates="criteria")

    @property
    def label(self) -> str:
        return localized(self, "label")


class Condition(db.Model):
    """An eligibility condition: a pass/fail statement."""

    __tablename__ = "call_conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text_fr: Mapped[str] = mapped_column(String(300))
    text_nl: Mapped[str] = mapped_column(String(300))

    call: Mapped[Call] = relationship(back_populates="conditions")

    @property
    def text(self) -> str:
        return localized(self, "text")


class Visit(db.Model):
    __tablename__ = "call_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)

    call: Mapped[Call] = relationship(back_populates="visits")


class Addendum(db.Model):
    """A correction published after the call: text in both languages, and perhaps a later deadline."""

    __tablename__ = "call_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    text_fr: Mapped[str] = mapped_column(Text)
    text_nl: Mapped[str] = mapped_column(Text)
    new_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    call: Mapped[Call] = relationship(back_populates="addenda")

    @property
    def text(self) -> str:
        return localized(self, "text")


class Question(db.Model):
    """A question asked by an occupant; the answer is published without the asker's name."""

    __tablename__ = "call_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    answer_fr: Mapped[str] = mapped_column(Text, default="")
    answer_nl: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def answer(self) -> str:
        return localized(self, "answer")


class Follower(db.Model):
    """An organisation that follows a call: told of answers and addenda."""

    __tablename__ = "call_followers"
    __table_args__ = (UniqueConstraint("call_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
