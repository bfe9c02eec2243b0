"""portal.i18n writes whole numbers, and non-negative numbers with their decimals, without Babel's pattern machinery:
exactly as Babel writes them."""
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


def test_numbers_with_their_decimals_are_written_as_babel_writes_them():
    import random

    generator = random.Random(18)
    values = [Decimal("0"), Decimal("0.005"), Decimal("0.015"), Decimal("2.675"), Decimal("1234.565"),
              Decimal("99.995"), Decimal("1000000"), 0, 7, 1234567]
    values += [Decimal(generator.randrange(0, 10**9)) / Decimal(10**generator.randrange(0, 5)) for _ in range(500)]
    for language in LANGUAGES:
        for digits in (1, 2, 3):
            pattern = "#,##0." + "0" * digits
            for value in values:
                assert format_number(value, digits, language=language) == numbers.format_decimal(
                    value, pattern, locale=language), (value, digits, language)
    assert format_number(Decimal("NaN"), 2, language="en") == numbers.format_decimal(Decimal("NaN"), "#,##0.00",
                                                                                    locale="en")
    assert format_number(Decimal("-1234.5"), 2, language="fr") == numbers.format_decimal(
        Decimal("-1234.5"), "#,##0.00", locale="fr")            # a negative amount still goes through Babel
