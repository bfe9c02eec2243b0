"""The only clock of the portal, and the one place where Brussels time meets UTC.

Instants are aware datetimes in UTC (stored so, see portal.database.UTCDateTime); people read and type them in
Europe/Brussels. Dates are plain `date`s as Brussels sees them.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(BRUSSELS).date()


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def in_brussels(moment: datetime) -> datetime:
    """An instant as an aware datetime on Brussels' wall clock."""
    return as_utc(moment).astimezone(BRUSSELS)


def brussels_date(moment: datetime) -> date:
    """The day an instant falls on in Brussels."""
    return in_brussels(moment).date()


def at_brussels(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """The instant (UTC) of a time on a day as people read it in Brussels."""
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS).astimezone(UTC)


def to_utc(local: datetime | None) -> datetime | None:
    """A time typed in Brussels (an HTML datetime-local has no zone) as an aware UTC instant."""
    return local.replace(tzinfo=BRUSSELS).astimezone(UTC) if local else None


def to_local(moment: datetime | None) -> datetime | None:
    """An instant as Brussels' wall-clock time with no zone, to fill an HTML datetime-local."""
    return in_brussels(moment).replace(tzinfo=None) if moment else None


WEEK = timedelta(days=7)


def reminder_due(due: date, today: date, before: timedelta = WEEK) -> str | None:
    """Which reminder of a day to meet is sent today: "soon" within the `before` days ahead of it, "due" on the day
    itself (each sent once; the caller records which)."""
    if today == due:
        return "due"
    if due - before <= today < due:
        return "soon"
    return None
