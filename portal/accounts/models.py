from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
from portal.accounts.personal_data import PERSON_NAME
from portal.database import UTCDateTime
from portal.extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (Index("uq_users_email_lower", text("lower(email)"), unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))  # always stored lower-cased
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(2), default="fr")
    active: Mapped[bool] = mapped_column(default=True)
    # Raised when every session of the user must end (sign-out, password change, disabling).
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The second factor (portal.accounts.rules): the TOTP secret once a code has confirmed it, the one drawn at set-up
    # until then, and the last time step accepted (a code works once). Someone whose roles require a second factor
    # and who has none must set it up by `second_factor_due_at`, set at their first sign-in (or by a Guichet reset).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column()
    second_factor_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    second_factor_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Erased at the person's request: their name and address replaced by a pseudonym everywhere, the account closed.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="RecoveryCode.id")
    memberships: Mapped[list[Membership]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan", lazy="selectin",
        order_by="Membership.id",
    )

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:
        # The version travels in the session: a raised version ends every older session.
        return f"{self.id}:{self.session_version}"

    @property
    def has_second_factor(self) -> bool:
        return self.totp_secret is not None

    def membership_in(self, organisation_id: int | None):
        for membership in self.memberships:
            if membership.organisation_id == organisation_id:
                return membership
        return None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RecoveryCode(db.Model):
    """One of the single-use codes that stand in for a lost second factor: only its digest is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class SignInEvent(db.Model):
    """A sign-in, successful or refused, for the Guichet's security record: who (the account, or only the address typed
    when it has none), how it ended, from which network (the connection's address shortened to its network: /24 or
    /48), when. Kept RETENTION_SECURITY_DAYS."""

    __tablename__ = "sign_in_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    outcome: Mapped[str] = mapped_column(String(40), index=True)
    network: Mapped[str] = mapped_column(String(64), default="")


class SignUp(db.Model):
    """An account asked for by someone who has not yet shown the address is theirs: kept until the link sent to it
    is followed (the account is then created and this row deleted) or for SIGN_UP_HOURS at most. `purpose` says
    what the account is for and `payload` what that needs once confirmed (an association's registration:
    portal.organisations), so that nothing is created, and nobody told, for an address that was never confirmed."""

    __tablename__ = "sign_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)   # lower-cased
    name: Mapped[str] = mapped_column(String(120), info=PERSON_NAME)
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(2), default="fr")
    purpose: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    def __repr__(self) -> str:
        return f"<SignUp {self.id} {self.email} {self.purpose}>"
