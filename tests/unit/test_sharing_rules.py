"""Rules of sharing sessions (issue 9): places and the waiting list, group registrations, the deadline, the phase,
the reminder, and the time zone of the iCalendar output in summer and in winter."""
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from occupancies.sharing import rules
from occupancies.sharing.workflow import Phase, SessionStatus

BRUSSELS = ZoneInfo("Europe/Brussels")
START = datetime(2027, 6, 15, 12, tzinfo=UTC)
END = START + timedelta(hours=2)
PLANNED, CANCELLED = SessionStatus.planned, SessionStatus.cancelled


@pytest.mark.parametrize(("capacity", "taken", "count", "expected"), [
    (20, 0, 3, (3, 0)),
    (20, 18, 3, (2, 1)),      # a group: the first two get the last places, the third waits
    (20, 20, 3, (0, 3)),
    (20, 25, 1, (0, 1)),      # never a negative number of places (capacity lowered below the registered)
    (1, 0, 1, (1, 0)),
])
def test_a_group_fills_the_places_left_then_waits(capacity, taken, count, expected):
    assert rules.placement(capacity, taken, count) == expected


def test_the_waiting_list_is_promoted_in_its_order_only_as_far_as_places_free():
    waiting = ["first", "second", "third"]
    assert rules.promotions(20, 19, waiting) == ["first"]
    assert rules.promotions(20, 18, waiting) == ["first", "second"]
    assert rules.promotions(20, 10, waiting) == waiting
    assert rules.promotions(20, 20, waiting) == []
    assert rules.promotions(20, 19, []) == []


def test_an_organisation_sends_at_most_its_allowance():
    assert rules.allowance(3, 0) == 3
    assert rules.allowance(3, 2) == 1
    assert rules.allowance(3, 3) == 0
    assert rules.allowance(3, 5) == 0


def test_registration_closes_at_the_deadline_and_never_after_the_start():
    deadline = START - timedelta(days=2)
    assert rules.registration_open(deadline - timedelta(seconds=1), PLANNED, START, deadline)
    assert not rules.registration_open(deadline, PLANNED, START, deadline)
    assert rules.registration_open(START - timedelta(minutes=1), PLANNED, START, None)   # no deadline: the start
    assert not rules.registration_open(START, PLANNED, START, None)
    late = START + timedelta(days=1)                                                      # a deadline after the start
    assert rules.registration_closes(START, late) == START
    assert not rules.registration_open(START - timedelta(days=5), CANCELLED, START, None)


def test_a_place_may_be_given_back_until_the_start():
    assert rules.before_start(START - timedelta(minutes=1), PLANNED, START)
    assert not rules.before_start(START, PLANNED, START)
    assert not rules.before_start(START - timedelta(days=1), CANCELLED, START)
    # From the start on, attendance and minutes may be recorded, never for a cancelled session.
    assert rules.after_start(START, PLANNED, START) and not rules.after_start(START - timedelta(seconds=1), PLANNED,
                                                                             START)
    assert not rules.after_start(START + timedelta(days=1), CANCELLED, START)


@pytest.mark.parametrize(("now", "registered", "minutes", "status", "expected"), [
    (START - timedelta(days=5), 3, False, PLANNED, Phase.open),
    (START - timedelta(days=5), 20, False, PLANNED, Phase.full),
    (START - timedelta(days=1), 3, False, PLANNED, Phase.closed),     # after the deadline (two days before)
    (START + timedelta(minutes=30), 3, False, PLANNED, Phase.under_way),
    (END, 3, False, PLANNED, Phase.minutes_due),
    (END + timedelta(days=3), 3, True, PLANNED, Phase.published),
    (START - timedelta(days=5), 3, False, CANCELLED, Phase.cancelled),
])
def test_the_phase_says_what_comes_next(now, registered, minutes, status, expected):
    assert rules.phase(now, status, START, END, START - timedelta(days=2), 20, registered, minutes) == expected


def test_the_reminder_goes_once_in_the_day_before():
    day_before = START - rules.REMIND_BEFORE
    assert not rules.reminder_due(day_before - timedelta(minutes=1), PLANNED, START, False)
    assert rules.reminder_due(day_before, PLANNED, START, False)
    assert rules.reminder_due(START - timedelta(minutes=5), PLANNED, START, False)
    assert not rules.reminder_due(START - timedelta(hours=3), PLANNED, START, True)      # already reminded
    assert not rules.reminder_due(START, PLANNED, START, False)
    assert not rules.reminder_due(START - timedelta(hours=3), CANCELLED, START, False)


def _event(start_utc, hours=2, **extra):
    return rules.CalendarEvent(uid="session-1@test", summary="Moment de partage", start=start_utc,
                               end=start_utc + timedelta(hours=hours), url="https://example.org/sessions/1", **extra)


@pytest.mark.parametrize(("start_utc", "local", "offset"), [
    (datetime(2027, 7, 1, 12, tzinfo=UTC), "20270701T140000", "+0200"),    # summer: UTC+2
    (datetime(2027, 1, 14, 13, tzinfo=UTC), "20270114T140000", "+0100"),   # winter: UTC+1
])
def test_the_calendar_writes_brussels_time_with_its_zone(start_utc, local, offset):
    text = rules.calendar([_event(start_utc)], "Entretemps", BRUSSELS, START).decode()
    assert f"DTSTART;TZID=Europe/Brussels:{local}" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Brussels" in text
    event = next(c for c in Calendar.from_ical(text).walk("VEVENT"))
    start = event.decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=int(offset[1:3]))           # summer +2, winter +1
    assert start.astimezone(UTC) == start_utc                       # read back, the same instant
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=2)


def test_a_cancelled_session_stays_in_the_calendar_as_cancelled():
    text = rules.calendar([_event(START, cancelled=True, sequence=3, location="Rue de Namur 59")], "Entretemps",
                          BRUSSELS, START).decode()
    assert "STATUS:CANCELLED" in text and "SEQUENCE:3" in text and "LOCATION:Rue de Namur 59" in text
