"""The second factor's rules: a TOTP code accepted within one step either side of now and once only, recovery codes
kept as digests, who must have a second factor, and where a person stands with it."""
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace as NS

import pyotp
import time_machine

from portal import clock
from portal.accounts import rules
from portal.accounts.rules import SecondFactorStanding as Standing
from portal.organisations.workflow import OrganisationStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import User, org

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOON = datetime(2026, 12, 3, 11, 0, 0, tzinfo=UTC)     # a step starts on the minute


def code_at(moment: datetime) -> str:
    """What an authenticator application shows at that moment (pyotp itself, not our rules)."""
    return pyotp.TOTP(SECRET).at(moment)


def test_the_code_of_now_and_of_one_step_either_side_are_accepted_and_no_other():
    with time_machine.travel(NOON + timedelta(seconds=10), tick=False):
        now = clock.now()
        assert rules.matching_step(SECRET, code_at(now), now, None) == rules.totp_step(now)
        assert rules.matching_step(SECRET, code_at(now - timedelta(seconds=30)), now, None) == rules.totp_step(now) - 1
        assert rules.matching_step(SECRET, code_at(now + timedelta(seconds=30)), now, None) == rules.totp_step(now) + 1
        assert rules.matching_step(SECRET, code_at(now - timedelta(seconds=60)), now, None) is None
        assert rules.matching_step(SECRET, code_at(now + timedelta(seconds=60)), now, None) is None


def test_the_window_moves_with_the_clock():
    code = code_at(NOON)
    for seconds, accepted in ((0, True), (29, True), (30, True), (59, True), (60, False), (-1, True), (-30, True),
                              (-31, False)):
        with time_machine.travel(NOON + timedelta(seconds=seconds), tick=False):
            found = rules.matching_step(SECRET, code, clock.now(), None)
            assert (found is not None) is accepted, seconds


def test_a_code_works_once():
    step = rules.totp_step(NOON)
    code = code_at(NOON)
    assert rules.matching_step(SECRET, code, NOON, last_step=step) is None
    assert rules.code_already_used(SECRET, code, NOON, last_step=step)
    assert rules.matching_step(SECRET, code, NOON, last_step=step - 1) == step
    assert not rules.code_already_used(SECRET, code, NOON, last_step=step - 1)
    # The next step's code is still accepted after now's was used (within the drift).
    assert rules.matching_step(SECRET, code_at(NOON + timedelta(seconds=30)), NOON, last_step=step) == step + 1


def test_what_a_person_types_around_the_digits_does_not_matter_but_anything_else_does():
    code = code_at(NOON)
    assert rules.matching_step(SECRET, f" {code[:3]} {code[3:]} ", NOON, None) is not None
    assert rules.matching_step(SECRET, code[:5], NOON, None) is None
    assert rules.matching_step(SECRET, code + "1", NOON, None) is None
    assert rules.matching_step(SECRET, "abcdef", NOON, None) is None
    assert rules.matching_step(SECRET, "", NOON, None) is None


def test_the_secret_is_new_each_time_and_its_link_names_the_portal_and_the_person():
    secrets = {rules.new_totp_secret() for _ in range(20)}
    assert len(secrets) == 20 and all(len(s) == 32 for s in secrets)
    uri = rules.provisioning_uri(SECRET, "anne@example.org")
    assert uri.startswith("otpauth://totp/Entretemps:anne%40example.org?") and f"secret={SECRET}" in uri
    assert "issuer=Entretemps" in uri
    assert rules.group_secret("ABCDEFGHIJ") == "ABCD EFGH IJ"


def test_the_qr_code_is_an_svg_drawn_here_with_its_title_escaped():
    svg = rules.qr_svg(rules.provisioning_uri(SECRET, "a@example.org"), "QR <code> & co")
    assert svg.startswith('<svg role="img" ') and "<title>QR &lt;code&gt; &amp; co</title>" in svg
    assert "<script" not in svg and "style=" not in svg and "http" not in svg.replace("http://www.w3.org", "")


def test_recovery_codes_are_ten_distinct_and_kept_as_digests_whatever_their_spelling():
    codes = rules.new_recovery_codes()
    assert len(set(codes)) == rules.RECOVERY_CODES == 10
    for code in codes:
        assert len(code) == 11 and code[5] == "-" and rules.looks_like_recovery_code(code)
        assert rules.hash_recovery_code(code) == rules.hash_recovery_code(f" {code.upper().replace('-', ' ')} ")
        assert code not in rules.hash_recovery_code(code)
    assert not rules.looks_like_recovery_code("123456")
    assert not rules.looks_like_recovery_code("abcde-fghi0")     # 0 and i are not in the alphabet


def test_the_guichets_staff_and_the_admins_of_approved_organisations_must_have_one():
    guichet, owner, occupant = org(K.guichet), org(K.public_owner), org(K.occupant)
    pending = org(K.occupant, status=S.pending)
    assert rules.second_factor_required(User((guichet, R.moderator)))
    assert rules.second_factor_required(User((guichet, R.admin)))
    assert rules.second_factor_required(User((owner, R.admin)))
    assert rules.second_factor_required(User((occupant, R.admin)))
    assert not rules.second_factor_required(User((owner, R.editor)))
    assert not rules.second_factor_required(User((owner, R.evaluator)))
    assert not rules.second_factor_required(User((pending, R.admin)))     # signs nothing yet
    assert not rules.second_factor_required(User())
    assert rules.second_factor_required(User((occupant, R.editor), (owner, R.admin)))


def _person(*pairs, secret=None, due=None):
    person = User(*pairs)
    person.totp_secret, person.second_factor_due_at = secret, due
    return person


def test_where_a_person_stands():
    admin_of = (org(K.public_owner), R.admin)
    assert rules.second_factor_standing(_person(admin_of, secret=SECRET), NOON) == Standing.enrolled
    assert rules.second_factor_standing(_person((org(K.occupant), R.editor)), NOON) == Standing.optional
    assert rules.second_factor_standing(_person((org(K.occupant), R.editor), secret=SECRET), NOON) == Standing.enrolled
    assert rules.second_factor_standing(_person(admin_of), NOON) == Standing.to_set_up     # no period yet
    assert rules.second_factor_standing(_person(admin_of, due=NOON + timedelta(seconds=1)), NOON) == Standing.to_set_up
    assert rules.second_factor_standing(_person(admin_of, due=NOON), NOON) == Standing.overdue
    assert rules.second_factor_standing(NS(totp_secret=None, memberships=[], second_factor_due_at=None),
                                        NOON) == Standing.optional
