"""The demo's second factors: every demo account whose role requires one has it set up, with a secret derived from its
address, so that a newcomer passes it (`flask demo load` prints the secrets, `flask demo codes` the codes of now) and
the tests compute the same codes. Development only: `flask demo load` refuses to run in production."""
from __future__ import annotations

import base64
import hashlib

from sqlalchemy import or_, select

from portal import clock
from portal.accounts import rules
from portal.accounts.models import RecoveryCode, User
from portal.extensions import db

SEED = "entretemps-demo-second-factor"


def demo_secret(email: str) -> str:
    """The TOTP secret of a demo (or test) account: 160 bits of a digest of its address, in base32."""
    digest = hashlib.sha256(f"{SEED}\0{email.lower()}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def demo_recovery_codes(email: str) -> list[str]:
    """Its recovery codes, derived the same way (ten, written like real ones)."""
    alphabet, codes = rules.RECOVERY_ALPHABET, []
    for n in range(rules.RECOVERY_CODES):
        digest = hashlib.sha256(f"{SEED}\0{email.lower()}\0{n}".encode()).digest()
        raw = "".join(alphabet[byte % len(alphabet)] for byte in digest[:10])
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def code_now(email: str, last_step: int | None = None) -> str | None:
    """A code of the account's demo secret that its next use accepts: the one of now, or of the next step when now's
    was already used (a code works once; the next step's is accepted within the drift); None when both were used
    (wait half a minute)."""
    step = rules.totp_step(clock.now())
    if last_step is not None and last_step >= step:
        step = last_step + 1
    if step > rules.totp_step(clock.now()) + rules.TOTP_DRIFT:
        return None
    return rules.totp_code(demo_secret(email), step)


def enrol(user: User) -> None:
    """Set up the demo second factor of this account (once)."""
    if user.totp_secret:
        return
    user.totp_secret, user.second_factor_since, user.second_factor_due_at = demo_secret(user.email), clock.now(), None
    user.recovery_codes.extend(RecoveryCode(code_hash=rules.hash_recovery_code(code))
                               for code in demo_recovery_codes(user.email))


def fresh_code(user: User) -> str:
    """A code the demo's own signing accepts now. The demo signs several agreements within the same half-minute,
    which a person cannot: the step last used is moved back first."""
    now = rules.totp_step(clock.now())
    if user.totp_last_step is not None and user.totp_last_step >= now:
        user.totp_last_step = now - 1
    return code_now(user.email, user.totp_last_step)


def _demo_users(domain: str) -> list[User]:
    """The demo's accounts: at its domain and at its organisations' own (admin@communa.demo…)."""
    return list(db.session.scalars(select(User).where(or_(User.email.like(f"%@{domain}"), User.email.like(
        f"%.{domain}"))).order_by(User.email)))


def load_second_factors(domain: str) -> None:
    """Every demo account whose roles require a second factor gets one."""
    for user in _demo_users(domain):
        if rules.second_factor_required(user):
            enrol(user)


def demo_codes(domain: str) -> list[tuple[str, str, str | None]]:
    """(address, code of now, first recovery code still unused) of each demo account with its demo second factor."""
    rows = []
    for user in _demo_users(domain):
        if user.totp_secret != demo_secret(user.email):
            continue
        used = {code.code_hash for code in user.recovery_codes if code.used_at is not None}
        unused = [code for code in demo_recovery_codes(user.email) if rules.hash_recovery_code(code) not in used]
        rows.append((user.email, code_now(user.email, user.totp_last_step), unused[0] if unused else None))
    return rows
