"""Pure rules about accounts: passwords and signed tokens."""
from __future__ import annotations

import hashlib
import secrets

from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer
from zxcvbn import zxcvbn

from portal.forms import MAX_PASSWORD_LENGTH

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
