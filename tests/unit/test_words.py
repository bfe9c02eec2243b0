"""Days, numbers, shares and amounts in the reader's language (portal.i18n), and the language a text is written in:
French writes the first of a month "1er", and a share "33,3 %" where Dutch writes "33,3%" and English "33.3%"."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from portal.i18n import format_day, format_moment, format_money, format_number, format_percent, written_in

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def plain(text: str) -> str:
    return text.translate(SPACES)


@pytest.mark.parametrize("day, fmt, language, expected", [
    (date(2026, 9, 1), "long", "fr", "1er septembre 2026"),
    (date(2026, 9, 1), "medium", "fr", "1er sept. 2026"),
    (date(2026, 9, 1), "full", "fr", "mardi 1er septembre 2026"),
    (date(2026, 9, 1), "short", "fr", "01/09/2026"),          # in figures, no ordinal
    (date(2026, 9, 2), "long", "fr", "2 septembre 2026"),
    (date(2026, 9, 11), "long", "fr", "11 septembre 2026"),
    (date(2026, 9, 21), "long", "fr", "21 septembre 2026"),
    (date(2026, 9, 1), "long", "nl", "1 september 2026"),
    (date(2026, 9, 1), "full", "nl", "dinsdag 1 september 2026"),
    (date(2026, 9, 1), "long", "en", "September 1, 2026"),
])
def test_a_day_is_written_as_the_reader_writes_it(day, fmt, language, expected):
    assert format_day(day, fmt, language) == expected


def test_an_instant_is_read_on_brussels_wall_clock_and_its_first_of_the_month_is_1er():
    moment = datetime(2026, 8, 31, 22, 30, tzinfo=UTC)       # already 1 September in Brussels
    assert format_day(moment, "long", "fr") == "1er septembre 2026"
    assert format_moment(moment, "long", "fr").startswith("1er septembre 2026, 00:30")
    assert format_moment(moment, "medium", "nl").startswith("1 sep 2026, 00:30")
    assert format_moment(moment, "HH:mm", "fr") == "00:30"
    assert format_day(None) == "" and format_moment(None) == ""


@pytest.mark.parametrize("value, options, language, expected", [
    (1 / 3, {}, "fr", "33,3 %"),
    (1 / 3, {}, "nl", "33,3%"),
    (1 / 3, {}, "en", "33.3%"),
    (0.5, {}, "fr", "50 %"),
    (Decimal("33.33"), {"digits": 2, "of_hundred": True}, "fr", "33,33 %"),
    (40, {"digits": 0, "of_hundred": True}, "nl", "40%"),
    (Decimal("0.6667"), {"digits": 0}, "en", "67%"),
])
def test_a_share_is_written_as_the_reader_writes_it(value, options, language, expected):
    assert plain(format_percent(value, language=language, **options)) == expected


@pytest.mark.parametrize("language, number, score, money", [
    ("fr", "1 234,5", "1 234,50", "1 234,50 €"),
    ("nl", "1.234,5", "1.234,50", "€ 1.234,50"),
    ("en", "1,234.5", "1,234.50", "€1,234.50"),
])
def test_numbers_and_amounts_are_written_as_the_reader_writes_them(language, number, score, money):
    assert plain(format_number(Decimal("1234.5"), language=language)) == number
    assert plain(format_number(Decimal("1234.5"), 2, language)) == score
    assert plain(format_money(Decimal("1234.5"), language)) == money
    assert format_number(None) == format_money(None) == format_percent(None) == ""


@pytest.mark.parametrize("text, language", [
    ("Nous proposons un atelier de réparation de vélos pour les jeunes du quartier.", "fr"),
    ("Wij organiseren een fietsatelier voor de jongeren van de wijk.", "nl"),
    ("We run a bike repair workshop for the young people of the area.", "en"),
    ("", None),
    ("Atelier vélo", None),
])
def test_the_language_a_text_is_written_in(text, language):
    assert written_in(text) == language
