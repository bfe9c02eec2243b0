"""Durations, statuses, overlaps and the mix: every row of ISSUE's table (seed 004) with a frozen clock."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from occupancies.rules import (
    Booking,
    MixItem,
    clashes,
    diversity_index,
    duration_as_of,
    duration_months,
    evenness,
    inside_brussels,
    occupancy_status,
    periods_overlap,
    shares,
    social_purpose_share,
)
from portal import clock

# site, start, end, duration in months, status as ISSUE read it (on 1 September 2023)
ISSUE = [
    ("Peterbos", date(2020, 3, 1), date(2020, 9, 30), "7", "ended"),
    ("Grande Haie", date(2020, 3, 1), date(2021, 7, 31), "17", "ended"),
    ("3 pommiers", date(2021, 1, 1), date(2023, 12, 31), "36", "ongoing"),
    ("Ganshoren", date(2020, 2, 1), date(2024, 10, 31), "57", "ongoing"),
    ("Trèfles", date(2022, 4, 1), date(2024, 6, 30), "27", "ongoing"),
    ("Dubrucq", date(2023, 3, 16), date(2025, 7, 31), "28.5", "ongoing"),
]
ISSUE_READ_ON = datetime(2023, 9, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("site, start, end, months, status", ISSUE, ids=[row[0] for row in ISSUE])
def test_issue_table(site, start, end, months, status):
    assert duration_months(start, end) == Decimal(months)
    with time_machine.travel(ISSUE_READ_ON, tick=False):
        assert occupancy_status(start, end, clock.today()) == status


def test_every_issue_site_has_ended_by_today():
    with time_machine.travel(datetime(2026, 11, 25, tzinfo=UTC), tick=False):
        assert {occupancy_status(start, end, clock.today()) for _, start, end, _, _ in ISSUE} == {"ended"}


@pytest.mark.parametrize("start, end, months", [
    (date(2024, 2, 1), date(2024, 2, 29), "1"),      # a whole leap February
    (date(2024, 1, 1), date(2024, 1, 15), "0.5"),    # half a month
    (date(2024, 1, 1), date(2024, 1, 1), "0"),       # one day rounds to nothing
    (date(2023, 3, 15), date(2023, 4, 14), "1"),     # across two months
    (date(2023, 1, 10), date(2023, 12, 20), "11.5"),
])
def test_duration_edges(start, end, months):
    assert duration_months(start, end) == Decimal(months)


def test_duration_refuses_a_reversed_period():
    with pytest.raises(ValueError):
        duration_months(date(2024, 2, 1), date(2024, 1, 1))


def test_status_boundaries_and_open_end():
    start, end = date(2024, 3, 1), date(2024, 3, 31)
    assert occupancy_status(start, end, date(2024, 2, 29)) == "planned"
    assert occupancy_status(start, end, date(2024, 3, 1)) == "ongoing"    # first day included
    assert occupancy_status(start, end, date(2024, 3, 31)) == "ongoing"   # last day included
    assert occupancy_status(start, end, date(2024, 4, 1)) == "ended"
    assert occupancy_status(start, None, date(2090, 1, 1)) == "ongoing"


def test_duration_of_an_open_ended_occupancy_runs_until_the_day_it_is_read():
    assert duration_as_of(date(2024, 1, 1), None, date(2024, 6, 30)) == Decimal("6")
    assert duration_as_of(date(2024, 1, 1), None, date(2023, 12, 31)) is None
    assert duration_as_of(date(2024, 1, 1), date(2024, 3, 31), date(2020, 1, 1)) == Decimal("3")


@pytest.mark.parametrize("a, b, expected", [
    ((date(2024, 1, 1), date(2024, 1, 31)), (date(2024, 1, 31), date(2024, 2, 28)), True),   # share the last day
    ((date(2024, 1, 1), date(2024, 1, 31)), (date(2024, 2, 1), date(2024, 2, 28)), False),  # back to back
    ((date(2024, 1, 1), None), (date(2030, 1, 1), date(2030, 2, 1)), True),                  # open end
    ((date(2024, 1, 1), None), (date(2020, 1, 1), None), True),
    ((date(2024, 3, 1), None), (date(2020, 1, 1), date(2024, 2, 29)), False),
    ((date(2024, 1, 10), date(2024, 1, 20)), (date(2024, 1, 1), date(2024, 1, 31)), True),  # inside
])
def test_overlap(a, b, expected):
    assert periods_overlap(*a, *b) is expected
    assert periods_overlap(*b, *a) is expected


def test_clashes_name_the_unit_and_ignore_the_occupancy_itself():
    existing = [Booking(1, date(2024, 1, 1), date(2024, 6, 30), occupancy_id=10),
                Booking(2, date(2024, 1, 1), None, occupancy_id=11)]
    new = [Booking(1, date(2024, 6, 1), None, occupancy_id=None), Booking(3, date(2024, 1, 1), None)]
    assert clashes(new, existing) == [(new[0], existing[0])]
    edited = [Booking(1, date(2024, 2, 1), date(2024, 3, 1), occupancy_id=10)]
    assert clashes(edited, existing) == []


def test_shares_by_units_and_surface():
    items = [MixItem("emergency_housing", 3, Decimal(150)), MixItem("culture", 1, Decimal(250)),
             MixItem("emergency_housing", 1, Decimal(50)), MixItem("social_economy", 0, Decimal(0))]
    result = shares(items)
    assert result["emergency_housing"] == {"units": Decimal("0.8"), "surface": Decimal("0.4444")}
    assert result["culture"] == {"units": Decimal("0.2"), "surface": Decimal("0.5556")}
    assert list(result)[0] == "emergency_housing"  # largest share first
    assert shares([]) == {}


def test_diversity_index():
    assert diversity_index([5]) == Decimal("0")                 # one use only
    assert diversity_index([1, 1]) == Decimal("0.5")
    assert diversity_index([1, 1, 1, 1]) == Decimal("0.75")
    assert diversity_index([9, 1]) == Decimal("0.18")
    assert diversity_index([]) == Decimal("0")
    assert evenness([2, 2, 2]) == Decimal("1.00") and evenness([9, 1]) < Decimal("0.5")


def test_social_purpose_share():
    items = [MixItem("emergency_housing", 6, Decimal(0)), MixItem("culture", 2, Decimal(0)),
             MixItem("circular_economy", 2, Decimal(0))]
    assert social_purpose_share(items) == Decimal("0.8")


def test_brussels_bounds():
    assert inside_brussels(50.8466, 4.3528)          # Grand-Place
    assert not inside_brussels(51.2194, 4.4025)      # Antwerp
    assert not inside_brussels(50.8466, 43.528)      # typo in the longitude


def test_timeline_places_bars_on_one_axis_of_whole_years():
    from types import SimpleNamespace

    from occupancies.rules import timeline

    units = [SimpleNamespace(id=1), SimpleNamespace(id=2)]
    bookings = [Booking(1, date(2020, 3, 1), date(2020, 9, 30), 7), Booking(2, date(2025, 1, 1), None, 8),
                Booking(99, date(2020, 1, 1), None, 9)]  # a unit of another site is ignored
    result = timeline(units, bookings, as_of=date(2024, 7, 1), labels={7: "Peterbos", 8: "Open"},
                      available_from=date(2020, 1, 1))
    assert (result.start, result.end) == (date(2020, 1, 1), date(2025, 12, 31))
    (_, first_row), (_, second_row) = result.rows
    [bar] = first_row
    assert (bar.label, bar.status, bar.left) == ("Peterbos", "ended", round(60 / 2192 * 100, 3))
    [open_bar] = second_row
    assert open_bar.status == "planned" and open_bar.left + open_bar.width == 100.0
    assert [year for year, _ in result.years] == list(range(2020, 2026))
    assert 0 < result.today < 100 and result.availability == (0.0, 100.0)
