from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import clock
from portal.database import UTCDateTime
from portal.extensions import db


class Notification(db.Model):
    """One line in a user's inbox. Text is rendered from `kind` and `params` in the reader's language."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),
                      Index("ix_notifications_digest", "digest", "digest_sent_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its e-mail waits for the reader's digest ("daily", "weekly"), sent at digest_sent_at; None: e-mailed at once.
    digest: Mapped[str | None] = mapped_column(String(10))
    digest_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

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


class NotificationPreference(db.Model):
    """When a person wants a kind of notification (rules.Frequency); no row: at once."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_notification_preferences_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(80))
    frequency: Mapped[str] = mapped_column(String(10))
