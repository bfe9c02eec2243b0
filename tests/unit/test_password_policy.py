import pytest

from portal.accounts.rules import normalise_email, password_problems


@pytest.mark.parametrize("password, email, name, expected", [
    ("Correct-horse-battery-9", "anne@example.org", "Anne", []),
    ("short", "", "", ["too_short"]),
    ("aaaaaaaaaaaa", "", "", ["weak"]),
    ("Password123", "", "", ["weak"]),                    # what the former rules accepted
    ("Qwerty123456", "", "", ["weak"]),
    ("Welcome2026", "", "", ["weak"]),
    ("dubois-rocks-2026", "dubois@example.org", "", ["personal"]),
    ("I-am-Marie-Lejeune", "", "Marie Lejeune", ["personal"]),
    ("le chat dort sur le canal", "", "", []),            # a passphrase of plain words
])
def test_password_policy(password, email, name, expected):
    assert password_problems(password, email=email, name=name) == expected


def test_the_organisation_is_part_of_the_dictionary_and_a_long_passphrase_is_measured_by_its_beginning():
    assert password_problems("Comensia-Molenbeek-2026", organisation="SISP Comensia") == ["personal"]
    passphrase = "le chat dort sur le canal de Bruxelles pendant que les péniches passent " * 6   # 438 characters
    assert password_problems(passphrase.strip()) == []
    assert password_problems("a" * 501) == ["too_long"]


def test_emails_are_compared_lower_case():
    assert normalise_email("  Anne.Dubois@Example.ORG ") == "anne.dubois@example.org"
