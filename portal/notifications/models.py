from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
from portal.database import UTCDateTime
from portal.extensions import db


class Notification(db.Model):
    """One line in a user's inbox. Text is rendered from `kind` and `params` in the reader's language."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # The reader (portal.accounts, a layer above: named, not imported).
    user: Mapped[User] = relationship("User", lazy="select")  # noqa: F821


class OutboxMail(db.Model):
    """Every email the portal sends; without MAIL_URL, the only place it goes."""

    __tablename__ = "outbox_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254), index=True)
    language: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
