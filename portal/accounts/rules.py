"""Pure rules about accounts: passwords, signed tokens and the second factor."""
from __future__ import annotations

import hashlib
import hmac
import io
import ipaddress
import secrets
from datetime import datetime
from enum import StrEnum

import pyotp
import segno
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer
from zxcvbn import zxcvbn

from portal.forms import MAX_PASSWORD_LENGTH
from portal.roles import APPROVED, OrganisationKind, Role

MIN_PASSWORD_LENGTH = 8
STRONG_ENOUGH = 3           # zxcvbn's score (0–4): 3 resists an offline attack on a slow hash
MEASURED = 72               # zxcvbn measures at most this many characters; a longer passphrase, its beginning


def personal_words(*, email: str = "", name: str = "", organisation: str = "") -> list[str]:
    """The words of a person's address, name and organisation: the first dictionary a guess would try."""
    words = [email.split("@")[0]] + (name or "").replace("-", " ").split() + (organisation or "").replace("-", " ") \
        .replace("'", " ").split()
    return [word.lower() for word in words if len(word) >= 4]


def password_problems(password: str, *, email: str = "", name: str = "", organisation: str = "") -> list[str]:
    """Codes of what is wrong with a new password (empty when it is acceptable): too long for the one limit every
    form shares, too short, made of the person's own words, or too easy to guess (zxcvbn's estimate, its
    dictionary completed with those words)."""
    problems = []
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append("too_long")  # what sign-in would refuse
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append("too_short")
    personal = personal_words(email=email, name=name, organisation=organisation)
    lowered = password.lower()
    if any(word in lowered for word in personal):
        problems.append("personal")
    elif not problems and zxcvbn(password[:MEASURED], user_inputs=personal)["score"] < STRONG_ENOUGH:
        problems.append("weak")
    return problems


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


# Failed sign-ins: counted per account and address pair (growing delays) and per account (a lock), under keys
# that name neither the address nor the email. The account's part holds a fingerprint of its password hash: a new
# password (through a reset link) starts every count again, which lifts the lock and every delay.
def sign_in_keys(email: str, password_hash: str | None, address: str) -> tuple[str, str]:
    """(pair key, account key) of a sign-in attempt; an address with no account has keys like any other."""
    account = hashlib.sha256(
        f"{normalise_email(email)}\0{_fingerprint(password_hash) if password_hash else '-'}".encode()).hexdigest()
    pair = hashlib.sha256(f"{account}\0{address}".encode()).hexdigest()
    return pair[:32], account[:32]


def sign_in_delay(failures: int, *, free: int, longest: int) -> int:
    """Seconds to wait before trying again after `failures` failed attempts in a row from one address: none for the
    first `free`, then 1, 2, 4, 8… up to `longest`."""
    if failures < free:
        return 0
    return min(2 ** min(failures - free, 32), longest)


def sign_in_wait(failures: int, last_failure: int, now: int, *, free: int, longest: int) -> int:
    """Seconds still to wait at `now` (timestamps in seconds) after `failures` failures, the last at
    `last_failure`."""
    return max(0, last_failure + sign_in_delay(failures, free=free, longest=longest) - now) if failures else 0


# Password reset: a signed token bound to the current password hash, so it works once, and
# to a maximum age checked against the clock (itsdangerous reads time.time()).
RESET_SALT = "password-reset"


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:20]


def make_reset_token(secret_key: str, user_id: int, password_hash: str) -> str:
    serializer = URLSafeTimedSerializer(secret_key, salt=RESET_SALT)
    return serializer.dumps({"u": user_id, "f": _fingerprint(password_hash)})


class TokenError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code  # "expired", "invalid" or "used"


def read_reset_token(secret_key: str, token: str, max_age: int) -> tuple[int, str]:
    """(user id, fingerprint) or TokenError."""
    serializer = URLSafeTimedSerializer(secret_key, salt=RESET_SALT)
    try:
        data = serializer.loads(token, max_age=max_age)
    except SignatureExpired:
        raise TokenError("expired") from None
    except BadSignature:
        raise TokenError("invalid") from None
    if not isinstance(data, dict) or "u" not in data or "f" not in data:
        raise TokenError("invalid")
    return int(data["u"]), data["f"]


def reset_token_matches(fingerprint: str, password_hash: str) -> bool:
    return secrets.compare_digest(fingerprint, _fingerprint(password_hash))


# A personal calendar feed: calendar applications subscribe to a link and send no cookie. The link carries a
# signed token bound to the password hash: it lasts until the password changes (no expiry: a subscription is
# meant to last), and says nothing but the user's id.
FEED_SALT = "calendar-feed"


def make_feed_token(secret_key: str, user_id: int, password_hash: str, salt: str = FEED_SALT) -> str:
    """Each feed has its own `salt`: a link to one feed never opens another."""
    return URLSafeSerializer(secret_key, salt=salt).dumps({"u": user_id, "f": _fingerprint(password_hash)})


def read_feed_token(secret_key: str, token: str, salt: str = FEED_SALT) -> tuple[int, str] | None:
    """(user id, fingerprint), or None for anything but a token of ours."""
    try:
        data = URLSafeSerializer(secret_key, salt=salt).loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("f"), str):
        return None
    return data["u"], data["f"]


# Invitations: a random token sent by email; only its hash is stored.
def new_invitation_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# The second factor: a time-based one-time password (RFC 6238, what every authenticator application reads from a QR
# code), and recovery codes that stand in for a lost phone, each working once, kept as digests.
TOTP_STEP = 30             # seconds a code lasts
TOTP_DIGITS = 6
TOTP_DRIFT = 1             # steps accepted either side of now: a phone's clock a little off, a code typed slowly
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"   # no 0/o, 1/l/i to misread
ISSUER = "Entretemps"


def new_totp_secret() -> str:
    """160 random bits in base32, as RFC 4226 recommends."""
    return pyotp.random_base32(32)


def totp_step(at: datetime) -> int:
    return int(at.timestamp()) // TOTP_STEP


def totp_code(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP).generate_otp(step)


def normalise_code(code: str) -> str:
    """What a person typed, without the spaces and dashes they may add: "123 456", "abcde-fghij"."""
    return "".join((code or "").split()).replace("-", "").lower()[:64]


def matching_step(secret: str, code: str, at: datetime, last_step: int | None) -> int | None:
    """The time step whose code this is, within the drift around `at` and after the last step accepted (a code works
    once); None otherwise. Every candidate is compared, in constant time."""
    code = normalise_code(code)
    if len(code) != TOTP_DIGITS or not code.isdigit():
        return None
    now, found = totp_step(at), None
    for step in range(now - TOTP_DRIFT, now + TOTP_DRIFT + 1):
        if hmac.compare_digest(totp_code(secret, step), code) and (last_step is None or step > last_step):
            found = step
    return found


def code_already_used(secret: str, code: str, at: datetime, last_step: int | None) -> bool:
    """Whether this is a right code of a step already accepted: the person should wait for the next one."""
    code, now = normalise_code(code), totp_step(at)
    return last_step is not None and any(
        step <= last_step and hmac.compare_digest(totp_code(secret, step), code)
        for step in range(now - TOTP_DRIFT, now + TOTP_DRIFT + 1))


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// link an authenticator reads from the QR code: the portal's name and the person's address."""
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(data: str, title: str) -> str:
    """The QR code of `data` as an SVG element drawn here (no third party sees the secret), with its title for
    screen readers. Dark on light, with its quiet zone, as phones' cameras read best."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=5, border=4, xmldecl=False, svgns=True, nl=False,
                                     title=title, svgclass="qr-code", lineclass=None, dark="#000", light="#fff")
    return buffer.getvalue().decode().replace("<svg ", '<svg role="img" ', 1)


def group_secret(secret: str) -> str:
    """The secret in groups of four, for a person to type it: "ABCD EFGH …"."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def new_recovery_codes() -> list[str]:
    """Ten codes of ten characters (about 50 random bits each), written "abcde-fghjk"."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def hash_recovery_code(code: str) -> str:
    return hashlib.sha256(f"recovery\0{normalise_code(code)}".encode()).hexdigest()


def looks_like_recovery_code(code: str) -> bool:
    code = normalise_code(code)
    return len(code) == 10 and all(char in RECOVERY_ALPHABET for char in code)


def second_factor_required(user) -> bool:
    """The Guichet's staff, and whoever signs agreements (the admins of approved owners and occupants), must have a
    second factor; anyone else may."""
    for membership in getattr(user, "memberships", ()):
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.guichet:
            return True
        if membership.role == Role.admin and organisation.status == APPROVED:
            return True
    return False


class SecondFactorStanding(StrEnum):
    enrolled = "enrolled"     # has one
    optional = "optional"     # has none, needs none
    to_set_up = "to_set_up"   # has none, needs one, and may still sign in until the set-up period ends
    overdue = "overdue"       # has none, needs one, and its set-up period is over: the password alone is refused


def second_factor_standing(user, now: datetime) -> SecondFactorStanding:
    if user.totp_secret:
        return SecondFactorStanding.enrolled
    if not second_factor_required(user):
        return SecondFactorStanding.optional
    if user.second_factor_due_at is not None and user.second_factor_due_at <= now:
        return SecondFactorStanding.overdue
    return SecondFactorStanding.to_set_up


def new_pseudonym() -> str:
    """What stands for an erased person where a record keeps them (a signature, a decision, the audit log): random,
    the same in every language, "P-3F9A2C"."""
    return "P-" + secrets.token_hex(3).upper()


def pseudonym_address(pseudonym: str) -> str:
    """The address of an erased account: no mail can reach it (.invalid, RFC 2606)."""
    return f"{pseudonym.lower()}@erased.invalid"


# The Guichet's security record: how a sign-in ended, and the audited actions it gathers by theme.
class SignInOutcome(StrEnum):
    success = "success"
    wrong_password = "wrong_password"
    held = "held"                                  # waits after several failures, or the account is locked
    second_factor_overdue = "second_factor_overdue"
    wrong_code = "wrong_code"


SECURITY_THEMES = {
    "sign_in": ("sign_in.success",),
    "sign_in_failed": tuple(f"sign_in.{outcome.value}" for outcome in SignInOutcome if outcome != "success"),
    "second_factor": ("user.second_factor_enabled", "user.second_factor_disabled", "user.second_factor_reset",
                      "user.recovery_codes_renewed", "user.recovery_code_used"),
    "personal_data": ("user.data_exported", "user.erased"),
    "roles": ("organisation.member_joined", "organisation.member_role_changed", "organisation.member_removed"),
    "accounts": ("user.disabled", "user.enabled", "user.password_changed", "user.password_reset"),
}


def network_of(address: str) -> str:
    """A connection's address shortened to its network (/24 for IPv4, /48 for IPv6): enough to see where attempts
    come from, not to name a household."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
