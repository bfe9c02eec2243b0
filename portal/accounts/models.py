from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
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

    def membership_in(self, organisation_id: int | None):
        for membership in self.memberships:
            if membership.organisation_id == organisation_id:
                return membership
        return None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"
