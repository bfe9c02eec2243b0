"""The evaluation of a closed call (issue 6): its evaluators and their declarations of conflict, eligibility
marks, scores with their justification, the consensus on a disagreement, the proposed selection and the
decision. Every row belongs to one call (and so to its owner); applicants read only their own results."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calls.applications.models import Application  # noqa: F401 - what is evaluated
from portal import clock
from portal.accounts.models import User  # noqa: F401 - the evaluators
from portal.database import UTCDateTime
from portal.extensions import db
from portal.i18n import localized


class Evaluator(db.Model):
    """A member of the owner (role evaluator) assigned to a closed call by the owner's admin."""

    __tablename__ = "call_evaluators"
    __table_args__ = (UniqueConstraint("call_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)   # all conflicts declared

    user: Mapped[User] = relationship(lazy="joined")  # noqa: F821


class ConflictDeclaration(db.Model):
    """For one applicant organisation, whether the evaluator has a conflict of interest (kept either way)."""

    __tablename__ = "evaluation_conflicts"
    __table_args__ = (UniqueConstraint("evaluator_id", "applicant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("call_evaluators.id", ondelete="CASCADE"), index=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    conflict: Mapped[bool]
    note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class EligibilityMark(db.Model):
    """One condition of one application: met or not, with the reason."""

    __tablename__ = "evaluation_eligibility"
    __table_args__ = (UniqueConstraint("application_id", "condition_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    condition_id: Mapped[int] = mapped_column(ForeignKey("call_conditions.id", ondelete="CASCADE"))
    met: Mapped[bool]
    reason: Mapped[str] = mapped_column(Text, default="")
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class ScoreSheet(db.Model):
    """One evaluator's scores of one application; once submitted, the evaluator sees the others' scores."""

    __tablename__ = "evaluation_sheets"
    __table_args__ = (UniqueConstraint("application_id", "evaluator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("call_evaluators.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    scores: Mapped[list[Score]] = relationship(back_populates="sheet", cascade="all, delete-orphan")


class Score(db.Model):
    """A score on the call's scale for one criterion, with its written justification."""

    __tablename__ = "evaluation_scores"
    __table_args__ = (UniqueConstraint("sheet_id", "criterion_id"),
                      CheckConstraint("score >= 0 AND score <= 10", name="score_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("evaluation_sheets.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("call_criteria.id", ondelete="CASCADE"))
    score: Mapped[int]
    justification: Mapped[str] = mapped_column(Text)

    sheet: Mapped[ScoreSheet] = relationship(back_populates="scores")


class Consensus(db.Model):
    """The outcome of the discussion of a disagreement on one criterion of one application."""

    __tablename__ = "evaluation_consensus"
    __table_args__ = (UniqueConstraint("application_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("call_criteria.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(Text)
    score: Mapped[int | None]        # the score agreed on, which replaces the mean of the criterion
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class Selection(db.Model):
    """An application the owner proposes to select, with the units it would receive."""

    __tablename__ = "evaluation_selection"
    __table_args__ = (UniqueConstraint("call_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    unit_ids: Mapped[list] = mapped_column(db.JSON, default=list)


class Decision(db.Model):
    """The owner's admin's decision on a call, with its reasons in French and in Dutch (every applicant reads them
    in its language); one per call."""

    __tablename__ = "evaluation_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), unique=True)
    reasons_fr: Mapped[str] = mapped_column(Text)
    reasons_nl: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    @property
    def reasons(self) -> str:
        """The reasons in the reader's language."""
        return localized(self, "reasons")
