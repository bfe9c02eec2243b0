import pytest

from portal.organisations.rules import (
    format_enterprise_number,
    is_valid_enterprise_number,
    normalise_enterprise_number,
)


def _with_check(first_eight: str) -> str:
    return first_eight + f"{97 - int(first_eight) % 97:02d}"


@pytest.mark.parametrize("number", [
    "0123.456.749",          # 97 - (01234567 mod 97) = 49
    "BE 0123.456.749",
    "be0123456749",
    "0123 456 749",
    "123.456.749",           # an old 9-digit number gains its leading zero
    _with_check("08765432"),
    _with_check("10000000"),  # numbers starting with 1 exist since 2023
])
def test_valid_numbers(number):
    assert is_valid_enterprise_number(number)


@pytest.mark.parametrize("number", [
    "0123.456.748",   # wrong check digits
    "0123.456.7",     # too short
    "01234567490",    # too long
    "2123.456.749",   # must start with 0 or 1
    "abcd.efg.hij",
    "",
    _with_check("08765432")[:-1] + str((int(_with_check("08765432")[-1]) + 1) % 10),
])
def test_invalid_numbers(number):
    assert not is_valid_enterprise_number(number)


def test_normalise_and_format():
    assert normalise_enterprise_number(" BE 0123.456.749 ") == "0123456749"
    assert format_enterprise_number("0123456749") == "0123.456.749"
    assert format_enterprise_number(None) == ""
