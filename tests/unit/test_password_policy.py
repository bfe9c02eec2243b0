import pytest

from portal.accounts.rules import normalise_email, password_problems


@pytest.mark.parametrize("password, email, name, expected", [
    ("Correct-horse-battery-9", "anne@example.org", "Anne", []),
    ("short", "", "", ["too_short"]),
    ("aaaaaaaaaaaa", "", "", ["too_simple"]),
    ("dubois-rocks-2026", "dubois@example.org", "", ["personal"]),
    ("I-am-Marie-Lejeune", "", "Marie Lejeune", ["personal"]),
])
def test_password_policy(password, email, name, expected):
    assert password_problems(password, email=email, name=name) == expected


def test_emails_are_compared_lower_case():
    assert normalise_email("  Anne.Dubois@Example.ORG ") == "anne.dubois@example.org"
