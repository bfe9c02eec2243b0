"""One parser for every number typed in an address or a form, and the filters every form's numbers and dates go
through: nothing a column cannot hold, nothing the calendar's arithmetic overflows on (portal.listing,
portal.forms)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from portal.database import MAX_ID
from portal.forms import chosen_within_columns, optional_id, within_calendar, within_columns
from portal.listing import MAX_INTEGER, MIN_INTEGER, day, whole_number


@pytest.mark.parametrize("text, expected", [
    ("42", 42), (" 42 ", 42), ("+7", 7), ("-3", -3), ("0", 0), (str(MAX_INTEGER), MAX_INTEGER),
    (str(MIN_INTEGER), MIN_INTEGER), (str(MAX_INTEGER + 1), None), ("99999999999999999999", None),
    ("-99999999999999999999", None), ("", None), ("  ", None), ("abc", None), ("1.5", None), ("1e3", None),
    ("٣", None), ("１２", None), ("4\u202e2", None), ("0x10", None), ("1_000", None), (None, None), (True, None),
    ("9" * 5000, None),
])
def test_a_whole_number_within_a_column(text, expected):
    assert whole_number(text) == expected


def test_bounds_are_the_caller_s():
    assert whole_number("0", minimum=1, maximum=MAX_ID) is None
    assert whole_number(str(MAX_ID), minimum=1, maximum=MAX_ID) == MAX_ID
    assert whole_number("11", minimum=1, maximum=10) is None


@pytest.mark.parametrize("text, expected", [
    ("2026-03-31", date(2026, 3, 31)), (" 2026-03-31 ", date(2026, 3, 31)), ("2026-02-30", None),
    ("31/12/2025", None), ("", None), ("9999-12-31", None), ("0001-01-01", None), ("20260331", None),
    ("2026-W13-1", None), (None, None),
])
def test_a_day_within_the_calendar(text, expected):
    assert day(text) == expected


def test_an_id_is_a_positive_number_a_column_holds():
    assert (optional_id("12"), optional_id(""), optional_id("0"), optional_id(str(MAX_ID + 1))) == (12, None, None,
                                                                                                     None)


def test_a_typed_number_beyond_a_column_reads_as_the_nearest_it_holds_for_its_own_rule_to_refuse():
    assert (within_columns(10**20), within_columns(-10**20)) == (MAX_INTEGER, MIN_INTEGER)


@pytest.mark.parametrize("data", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), float("nan"), float("-inf")])
def test_a_typed_number_that_is_no_number_is_refused(data):
    with pytest.raises(ValueError):
        within_columns(data)


@pytest.mark.parametrize("data", [[1, 10**20], MAX_INTEGER + 1, [MIN_INTEGER - 1]])
def test_a_choice_no_column_holds_is_refused(data):
    with pytest.raises(ValueError):
        chosen_within_columns(data)


@pytest.mark.parametrize("data", [None, 0, 12, Decimal("12.50"), 4.35, "text", True])
def test_form_numbers_within_a_column_pass(data):
    assert within_columns(data) == data and chosen_within_columns(data) == data


def test_form_dates_stay_within_the_calendar():
    assert within_calendar(date(2026, 1, 1)) == date(2026, 1, 1) and within_calendar(None) is None
    for data in (date(9999, 12, 31), datetime(1, 1, 1, 12, 0)):
        with pytest.raises(ValueError):
            within_calendar(data)
