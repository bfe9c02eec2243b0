"""Rules of sharing sessions, free of the database and the request: places and the waiting list, the registration
deadline, the phase a session is in, the reminder, and the iCalendar text (in Brussels time, with its zone)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from icalendar import Event

from occupancies.sharing.workflow import Phase, SessionStatus
from portal.exports import new_calendar

T = TypeVar("T")
REMIND_BEFORE = timedelta(days=1)
DEFAULT_PLACES_PER_ORGANISATION = 3
MAX_CAPACITY = 500


def free_places(capacity: int, taken: int) -> int:
    return max(0, capacity - taken)


def placement(capacity: int, taken: int, count: int) -> tuple[int, int]:
    """`count` people registering together when `taken` places of `capacity` are taken: how many get a place and
    how many join the waiting list (in the order they were given)."""
    placed = min(count, free_places(capacity, taken))
    return placed, count - placed


def promotions(capacity: int, taken: int, waiting: Sequence[T]) -> list[T]:
    """The first of the waiting list (given in its order) who get the places now free."""
    return list(waiting[:free_places(capacity, taken)])


def allowance(per_organisation: int, already: int) -> int:
    """How many more people one organisation may put on a session (registered or waiting)."""
    return max(0, per_organisation - already)


def registration_closes(starts_at: datetime, deadline: datetime | None) -> datetime:
    """Registration closes at the deadline, and never later than the start."""
    return min(deadline, starts_at) if deadline else starts_at


def registration_open(now: datetime, status: SessionStatus, starts_at: datetime, deadline: datetime | None) -> bool:
    return status == SessionStatus.planned and now < registration_closes(starts_at, deadline)


def before_start(now: datetime, status: SessionStatus, starts_at: datetime) -> bool:
    """A planned session not started yet: it may still change or be cancelled, and a place may be given back
    (the first waiting then takes it)."""
    return status == SessionStatus.planned and now < starts_at


def after_start(now: datetime, status: SessionStatus, starts_at: datetime) -> bool:
    """A planned session that has started: its attendance and minutes may be recorded."""
    return status == SessionStatus.planned and now >= starts_at


def phase(now: datetime, status: SessionStatus, starts_at: datetime, ends_at: datetime, deadline: datetime | None,
          capacity: int, registered: int, minutes_published: bool) -> Phase:
    if status == SessionStatus.cancelled:
        return Phase.cancelled
    if now >= ends_at:
        return Phase.published if minutes_published else Phase.minutes_due
    if now >= starts_at:
        return Phase.under_way
    if not registration_open(now, status, starts_at, deadline):
        return Phase.closed
    return Phase.full if registered >= capacity else Phase.open


def session_phase(session, registered: int, now: datetime) -> Phase:
    """phase() of a session object."""
    return phase(now, session.status, session.starts_at, session.ends_at, session.registration_deadline,
                 session.capacity, registered, session.minutes_published_at is not None)


def reminder_due(now: datetime, status: SessionStatus, starts_at: datetime, reminded: bool) -> bool:
    """Reminders go out once, in the day before the start."""
    return status == SessionStatus.planned and not reminded and starts_at - REMIND_BEFORE <= now < starts_at


@dataclass
class CalendarEvent:
    uid: str
    summary: str
    start: datetime             # aware
    end: datetime               # aware
    url: str
    description: str = ""
    location: str = ""
    cancelled: bool = False
    sequence: int = 0


def calendar(events: Sequence[CalendarEvent], name: str, zone, stamp: datetime) -> bytes:
    """An iCalendar file of the events, their times written in `zone` (Europe/Brussels) with its VTIMEZONE, so
    that every calendar shows the local hour in summer and in winter alike."""
    cal = new_calendar("Sharing sessions", name)
    cal.add("x-wr-timezone", str(zone))
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.start.astimezone(zone))
        event.add("dtend", item.end.astimezone(zone))
        event.add("dtstamp", stamp)
        event.add("sequence", item.sequence)
        event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
