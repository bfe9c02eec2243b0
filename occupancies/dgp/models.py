"""The index series the public management right is indexed by (data the regional staff keep, audited, not
constants in code), and the cases of the operators: their dwellings, steps and ledger, and their own wording of
the letters."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from occupancies.dgp.rules import DwellingKind, EntryKind, Letter, Phase, Recorded, Step
from occupancies.dgp.workflow import Series
from occupancies.vacancies.models import VacancySignal  # noqa: F401 - a case may come from a signal
from portal import clock
from portal.accounts.models import User  # noqa: F401 - who recorded a step
from portal.database import UTCDateTime, enum_column
from portal.extensions import db
from portal.organisations.models import Organisation  # noqa: F401 - the operator
from portal.tenancy import TenantScoped


class IndexValue(db.Model):
    """The value of an index series for a month (its first day): the health index of August 2022, say."""

    __tablename__ = "dgp_index_values"
    __table_args__ = (
        UniqueConstraint("series", "month"),                 # one value a month
        CheckConstraint("value > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[Series] = mapped_column(db.Enum(Series, native_enum=False, create_constraint=True, length=16))
    month: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)


class DgpCase(TenantScoped, db.Model):
    """A case of the public management right, kept by its operator (the tenant: organisation_id): a vacant
    building, its owner, its dwellings and the steps recorded, from the analysis to the end of the management."""

    __tablename__ = "dgp_cases"
    __table_args__ = (Index("ix_dgp_cases_operator_phase", "organisation_id", "phase", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40))
    phase: Mapped[Phase] = mapped_column(enum_column(Phase), default=Phase.analysis)
    street: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(4))
    commune: Mapped[str] = mapped_column(String(40))
    vacant_since: Mapped[date | None] = mapped_column(Date)
    # The owner's identity and contact: personal data, read by the operator's members only.
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    owner_contact: Mapped[str] = mapped_column(String(300), default="")
    signal_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy_signals.id", ondelete="SET NULL"))
    # The next deadline, kept with each step so that a list filters and sorts on it (rules.next_deadline).
    next_due: Mapped[date | None] = mapped_column(Date)
    next_kind: Mapped[str] = mapped_column(String(30), default="")
    latest_on: Mapped[date | None] = mapped_column(Date)           # the day of the latest step
    # The days spent in each phase the case has left ({phase: days}, rules.phase_durations), kept with each step so
    # that the region's medians read one small value a case.
    phase_days: Mapped[dict] = mapped_column(JSON, default=dict)
    # The preliminary studies' estimates: what the proposal to the owner states (its seven mentions).
    works_description: Mapped[str] = mapped_column(Text, default="")
    works_cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    works_months: Mapped[int | None]                                 # the works' estimated length
    takeover_costs: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    management_costs: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    monthly_charges: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    common_provision: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    joint_holders: Mapped[bool] = mapped_column(default=False)       # co-holders of a real right, jointly liable
    communications: Mapped[str] = mapped_column(Text, default="")
    # The loan of the regional fund: the request (amount and months of the repayment plan), the amount the region
    # grants (none while it has not answered; the step "loan_answered" gives the day), the day of the loan contract.
    loan_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    loan_months: Mapped[int | None]
    loan_granted: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    loan_contract_on: Mapped[date | None] = mapped_column(Date)
    # The organisation the operator invites to support the case (Bruxelles Logement's Réhabilitation cell): its
    # members read the case without the owner's identity and record the steps of SUPPORT_PHASES.
    support_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    # The deadline the operator was last reminded of, a week before and on the day (jobs.sweep_deadlines).
    reminded_soon_for: Mapped[date | None] = mapped_column(Date)
    reminded_due_for: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    organisation: Mapped[Organisation] = relationship(lazy="joined", foreign_keys="DgpCase.organisation_id")  # noqa: F821
    support: Mapped[Organisation | None] = relationship(foreign_keys=[support_id])  # noqa: F821
    dwellings: Mapped[list[DgpDwelling]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="DgpDwelling.id")
    steps: Mapped[list[DgpStep]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="[DgpStep.on, DgpStep.id]")
    entries: Mapped[list[DgpEntry]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="[DgpEntry.on, DgpEntry.id]")
    documents: Mapped[list[DgpDocument]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="DgpDocument.id")

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}".strip()


class DgpDwelling(db.Model):
    """A dwelling of a case: its kind and bedrooms (the row of the capped rents' table), its gross surface (the
    loan's cap) and the rent the studies set."""

    __tablename__ = "dgp_dwellings"
    __table_args__ = (CheckConstraint("bedrooms >= 0 AND bedrooms <= 20", name="bedrooms"),
                      CheckConstraint("rent IS NULL OR rent > 0", name="rent"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dgp_cases.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    kind: Mapped[DwellingKind] = mapped_column(enum_column(DwellingKind))
    bedrooms: Mapped[int] = mapped_column(default=0)
    gross_surface: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    rent: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))

    case: Mapped[DgpCase] = relationship(back_populates="dwellings")


class DgpStep(db.Model):
    """A step of a case: what was done, on which day (and hour, for a visit), by whom, with its note."""

    __tablename__ = "dgp_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dgp_cases.id", ondelete="CASCADE"), index=True)
    step: Mapped[Step] = mapped_column(enum_column(Step))
    on: Mapped[date] = mapped_column(Date)
    at: Mapped[time | None] = mapped_column(Time)
    sent_on: Mapped[date | None] = mapped_column(Date)        # a registered letter: the day it was sent
    works_months: Mapped[int] = mapped_column(default=0)
    year: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    case: Mapped[DgpCase] = relationship(back_populates="steps")
    actor: Mapped[User | None] = relationship()  # noqa: F821

    def recorded(self) -> Recorded:
        return Recorded(self.step, self.on, self.at, self.works_months or 0, self.year)


class DgpDocument(db.Model):
    """A document of a step (a registered letter's receipt, a visit report with its photos and plans, the court's
    authorisation…): checked by its content, kept under a random name (portal.uploads, area "dgp")."""

    __tablename__ = "dgp_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dgp_cases.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int | None] = mapped_column(ForeignKey("dgp_steps.id", ondelete="SET NULL"), index=True)
    file: Mapped[str] = mapped_column(String(80))
    original_name: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    case: Mapped[DgpCase] = relationship(back_populates="documents")


class DgpEntry(db.Model):
    """A line of a case's ledger: a cost of taking over (studies, architect, staff, removal of furniture), a cost of
    management (repairs and works borne by the landlord), or a rent received. Money is Decimal, in cents."""

    __tablename__ = "dgp_entries"
    __table_args__ = (CheckConstraint("amount > 0", name="positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dgp_cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EntryKind] = mapped_column(enum_column(EntryKind))
    on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    note: Mapped[str] = mapped_column(String(300), default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    case: Mapped[DgpCase] = relationship(back_populates="entries")


class DgpLetterText(TenantScoped, db.Model):
    """An operator's own wording of a letter, in one language: it replaces the portal's for its cases."""

    __tablename__ = "dgp_letter_texts"
    __table_args__ = (UniqueConstraint("organisation_id", "letter", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter: Mapped[Letter] = mapped_column(enum_column(Letter))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
