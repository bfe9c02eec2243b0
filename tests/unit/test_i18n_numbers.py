"""portal.i18n writes whole numbers without Babel's pattern machinery: exactly as Babel writes them."""
from decimal import Decimal

from babel import numbers

from portal.i18n import LANGUAGES, format_number

SAMPLES = (0, 7, -7, 999, 1000, -1000, 12345, 999999, 1234567, -1234567, 10**12 + 1)


def test_whole_numbers_are_written_as_babel_writes_them_in_every_language():
    for language in LANGUAGES:
        for value in SAMPLES:
            assert format_number(value, language=language) == numbers.format_decimal(value, locale=language)
            assert format_number(value, 0, language=language) == numbers.format_decimal(value, "#,##0",
                                                                                          locale=language)


def test_the_groups_are_the_languages_own():
    assert format_number(1234567, language="fr") == "1\u202f234\u202f567"
    assert format_number(1234567, language="nl") == "1.234.567"
    assert format_number(-1234567, language="en") == "-1,234,567"


def test_other_numbers_still_go_through_babel():
    assert format_number(Decimal("1234.5"), language="fr") == "1\u202f234,5"
    assert format_number(1234.5, 2, language="nl") == "1.234,50"
