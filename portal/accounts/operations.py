"""The only writers of accounts: one function per state change."""
from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import format_datetime, format_timedelta
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from portal import audit, clock
from portal.accounts import personal_data, queries, rules
from portal.accounts.models import RecoveryCode, SignInEvent, SignUp, User
from portal.accounts.permissions import can_disable_user, can_reset_second_factor
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.notifications import notify, send_email_to_address
from portal.permissions import require


def _hasher() -> PasswordHasher:
    if current_app.config.get("TESTING"):
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # fast, for tests only
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def create_user(*, email: str, name: str, password: str, language: str = "fr") -> User:
    user = User(email=rules.normalise_email(email), name=name.strip(), password_hash=hash_password(password),
                language=language)
    db.session.add(user)
    db.session.flush()
    return user


@functools.cache
def _stand_in_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    """A hash made with the current parameters, computed once per process, for the addresses with no account."""
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism).hash(
        secrets.token_urlsafe(16))


def authenticate(email: str, password: str) -> User | None:
    """The user whose credentials these are, if active; None otherwise (same answer for every failure)."""
    return _verified(queries.find_user_by_email(email), password)


def _verified(user: User | None, password: str) -> User | None:
    """The user, if active and this is their password; None otherwise.

    An address with no account verifies the password against a stand-in hash made once with the same parameters:
    one Argon2 verification, as for a wrong password, so that the time of the answer does not tell which addresses
    have an account (hashing a password first, as this once did, made it twice the work)."""
    hasher = _hasher()
    if user is None:
        try:
            hasher.verify(_stand_in_hash(hasher.time_cost, hasher.memory_cost, hasher.parallelism), password)
        except VerificationError:
            pass
        return None
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_sign_up(*, email: str, name: str, password: str, language: str, purpose: str, payload: dict,
                  confirm_link, existing_link: str) -> None:
    """Someone asks for an account: the address must be shown to be theirs before anything is created.

    An address with no account is sent a link (`confirm_link(token)`) that creates the account and does what the
    `purpose` says with `payload` (complete_sign_up). An address that has an account is sent a message that says
    so, with `existing_link` to sign in. The caller answers the same either way, and both ways cost the same work
    (the password is hashed in both), so that registering tells nobody which addresses have an account."""
    email = rules.normalise_email(email)
    password_hash = hash_password(password)
    now = clock.now()
    db.session.execute(delete(SignUp).where(SignUp.expires_at <= now))   # no address kept past its day
    user = queries.find_user_by_email(email)
    if user is not None:
        if user.active:
            send_email_to_address(user.email, user.language, "user.sign_up_existing", {"name": user.name},
                                  existing_link)
        return
    token, token_hash = rules.new_invitation_token()
    db.session.add(SignUp(email=email, name=name.strip(), password_hash=password_hash, language=language,
                          purpose=purpose, payload=payload, token_hash=token_hash,
                          expires_at=now + timedelta(hours=current_app.config["SIGN_UP_HOURS"])))
    db.session.flush()
    send_email_to_address(email, language, "user.sign_up_confirm", {"name": name.strip()}, confirm_link(token))


def complete_sign_up(token: str, *, purpose: str) -> tuple[User, dict]:
    """The account the link confirms, created now with the password chosen then, and the payload of its purpose;
    the sign-up is deleted (the link works once)."""
    sign_up = queries.sign_up_for_token(token, clock.now())
    if sign_up is None or sign_up.purpose != purpose:
        raise OperationError(_l("This link is not valid: it has expired (links are valid for a day) or it was "
                                "already used. Register again."))
    if queries.find_user_by_email(sign_up.email) is not None:
        raise OperationError(_l("This address already has an account: sign in, then register the organisation "
                                "from your account."))
    user = User(email=sign_up.email, name=sign_up.name, password_hash=sign_up.password_hash,
                language=sign_up.language)
    db.session.add(user)
    payload = dict(sign_up.payload)
    db.session.delete(sign_up)
    db.session.flush()
    return user, payload


def sign_in(user: User, address: str = "") -> None:
    """The person is signed in now: the moment kept, and the sign-in in the Guichet's security record."""
    user.last_signed_in_at = clock.now()
    db.session.add(SignInEvent(user_id=user.id, email=user.email, outcome=rules.SignInOutcome.success,
                               network=rules.network_of(address), at=user.last_signed_in_at))


class SignInRefused(OperationError):
    """A sign-in refused, and how (`outcome`, a rules.SignInOutcome), for the security record."""

    def __init__(self, message, outcome: rules.SignInOutcome, field: str = "password"):
        super().__init__(message, field=field)
        self.outcome = outcome


class SignInHeld(SignInRefused):
    """A sign-in refused before the password is even checked: this address must wait `retry_after` seconds for
    this account, or the account is locked (retry_after None) until a new password is chosen."""

    def __init__(self, message, retry_after: int | None, field: str = "password"):
        super().__init__(message, rules.SignInOutcome.held, field=field)
        self.retry_after = retry_after


def record_refused_sign_in(email: str, *, address: str, outcome: rules.SignInOutcome) -> None:
    """A refused sign-in, kept for the Guichet's security record once the refusal is rolled back: the account when
    the address typed has one, the address typed otherwise."""
    user = queries.find_user_by_email(email)
    db.session.add(SignInEvent(user_id=user.id if user else None, email=rules.normalise_email(email)[:254],
                               outcome=outcome, network=rules.network_of(address), at=clock.now()))


@dataclass(frozen=True)
class PasswordChecked:
    """A right password: the user is signed in, or (code_needed) has a second factor whose code comes next."""

    user: User
    code_needed: bool


def sign_in_with_password(email: str, password: str, *, address: str) -> PasswordChecked:
    """The user whose credentials these are, refused beside the password otherwise, with the same message for every
    failure (no account enumeration). Signed in now, unless they have a second factor: the caller then asks for
    its code (`sign_in_with_code`).

    Failed attempts slow whoever makes them from where they make them: per account and address pair, a few are
    free, then each doubles the wait before the next (SignInHeld, the password unchecked); per account, many from
    every address in a day lock it until a new password is chosen through a reset link (portal.accounts.rules).
    An address with no account is counted and answered alike.

    Someone whose roles require a second factor and who has none is given SECOND_FACTOR_GRACE_DAYS from this
    sign-in to set it up; after that, the password alone is refused."""
    user, now = queries.find_user_by_email(email), clock.now()
    standing = _standing_or_held(email, user, address, now)
    signed = _verified(user, password)
    if signed is None:
        _count_failure(standing, now)
        raise SignInRefused(_l("Wrong email address or password."), rules.SignInOutcome.wrong_password)
    for key in (f"signin-pair:{standing.pair}", f"signin-last:{standing.pair}"):
        queries.failure_counts().clear(key)   # the owner is back: this address starts afresh
    second = rules.second_factor_standing(signed, now)
    if second == rules.SecondFactorStanding.enrolled:
        return PasswordChecked(signed, code_needed=True)     # not signed in yet
    if second == rules.SecondFactorStanding.overdue:
        raise SignInRefused(_l("Your account needs a second factor since %(date)s and none is set up: ask a "
                               "Guichet administrator for a new period to set it up.",
                               date=format_datetime(signed.second_factor_due_at, "short")),
                            rules.SignInOutcome.second_factor_overdue)
    if second == rules.SecondFactorStanding.to_set_up and signed.second_factor_due_at is None:
        signed.second_factor_due_at = now + timedelta(days=current_app.config["SECOND_FACTOR_GRACE_DAYS"])
    sign_in(signed, address)
    return PasswordChecked(signed, code_needed=False)


def _standing_or_held(email: str, user: User | None, address: str, now):
    standing = queries.sign_in_standing(email, user, address, now)
    if standing.locked:
        raise SignInHeld(_l("After many failed attempts from several places, this account is locked for its "
                            "safety. If it is yours, choose a new password with “Forgot your password?”: the link "
                            "we send to its address unlocks it."), None)
    if standing.wait:
        raise SignInHeld(_l("Several wrong passwords in a row: for your safety, wait %(delay)s before trying "
                            "again.", delay=format_timedelta(timedelta(seconds=standing.wait), threshold=1.1)),
                         standing.wait)
    return standing


def _count_failure(standing, now) -> None:
    """One more failure of the pair and of the account, kept in the rate-limit storage (outside the transaction,
    which the refusal rolls back), for a day."""
    storage, window = queries.failure_counts(), current_app.config["SIGNIN_FAILURE_WINDOW"]
    storage.incr(f"signin-pair:{standing.pair}", window)
    storage.incr(f"signin-account:{standing.account}", window)
    storage.clear(f"signin-last:{standing.pair}")    # the storage keeps counts: the last failure as a count of seconds
    storage.incr(f"signin-last:{standing.pair}", window, amount=int(now.timestamp()))


def sign_out_everywhere(user: User) -> None:
    """End every session of this user at their next request."""
    user.session_version += 1


def change_password(user: User, *, current_password: str, new_password: str, actor: User) -> None:
    """The user changes their own password, proving it with the current one; their other sessions end."""
    require(actor.id == user.id)
    if authenticate(user.email, current_password) is None:
        raise OperationError(_l("This is not your current password."), field="current_password")
    user.password_hash = hash_password(new_password)
    sign_out_everywhere(user)
    audit.record("user.password_changed", target=user, actor=actor, organisation=None)
    notify([user], "user.password_changed", params={"name": user.name}, link="/account")


def request_password_reset(email: str) -> None:
    """Email a reset link if the account exists; say nothing either way (no account enumeration)."""
    user = queries.find_user_by_email(email)
    if user is None or not user.active:
        return
    token = rules.make_reset_token(current_app.config["SECRET_KEY"], user.id, user.password_hash)

    send_email_to_address(user.email, user.language, "user.password_reset_requested", {"name": user.name},
                          f"/password/reset/{token}")


def reset_password(token: str, *, new_password: str) -> User:
    user = queries.user_for_reset_token(token)
    user.password_hash = hash_password(new_password)  # the token no longer matches: it worked once
    sign_out_everywhere(user)
    audit.record("user.password_reset", target=user, actor=user, organisation=None)
    return user


def update_profile(user: User, *, name: str, language: str, actor: User) -> None:
    require(actor.id == user.id)
    changes = {}
    if user.name != name.strip():
        changes["name"] = [user.name, name.strip()]
        user.name = name.strip()
    if user.language != language:
        changes["language"] = [user.language, language]
        user.language = language
    if changes:
        audit.record("user.profile_updated", target=user, actor=actor, organisation=None, changes=changes)


def disable_user(user: User, *, actor: User, reason: str) -> None:
    require(can_disable_user(actor, user))
    if not user.active:
        return
    user.active = False
    sign_out_everywhere(user)
    audit.record("user.disabled", target=user, actor=actor, changes={"active": [True, False]}, reason=reason)


def enable_user(user: User, *, actor: User) -> None:
    require(can_disable_user(actor, user))
    if user.active:
        return
    user.active = True
    audit.record("user.enabled", target=user, actor=actor, changes={"active": [False, True]})


# The second factor. A person sets it up from their account: a secret drawn (start), shown as a QR code, confirmed
# by a first code (confirm), which gives the recovery codes, shown once. Sign-in, and signing an agreement, then
# ask for a code; a recovery code stands in for a lost phone at sign-in, once each.
def start_second_factor(user: User, *, actor: User) -> None:
    """A new secret to scan, kept aside until a code confirms it (a page read twice shows the same one)."""
    require(actor.id == user.id)
    if user.totp_secret:
        raise OperationError(_l("Your second factor is already set up."))
    user.totp_pending_secret = rules.new_totp_secret()


def confirm_second_factor(user: User, *, code: str, actor: User) -> list[str]:
    """The first code proves the phone holds the secret: it becomes the account's, with new recovery codes (returned
    to be shown once; only their digests are kept). Audited; the person is told by e-mail."""
    require(actor.id == user.id)
    if user.totp_secret:
        raise OperationError(_l("Your second factor is already set up."))
    if not user.totp_pending_secret:
        raise OperationError(_l("Start the set-up again: no code was waited for."))
    now = clock.now()
    step = rules.matching_step(user.totp_pending_secret, code, now, None)
    if step is None:
        raise OperationError(_l("This is not the code your application shows for Entretemps: check that the "
                                "phone's time is right and type the six digits shown now."), field="code")
    user.totp_secret, user.totp_pending_secret, user.totp_last_step = user.totp_pending_secret, None, step
    user.second_factor_since, user.second_factor_due_at = now, None
    codes = _new_recovery_codes(user)
    audit.record("user.second_factor_enabled", target=user, actor=actor, organisation=None)
    notify([user], "user.second_factor_enabled", params={"name": user.name}, link="/account/second-factor")
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    user.recovery_codes.clear()
    codes = rules.new_recovery_codes()
    user.recovery_codes.extend(RecoveryCode(code_hash=rules.hash_recovery_code(code)) for code in codes)
    return codes


def renew_recovery_codes(user: User, *, code: str, actor: User) -> list[str]:
    """New recovery codes, the old ones void, proved by a code of the phone."""
    require(actor.id == user.id)
    if not user.totp_secret:
        raise OperationError(_l("Set up your second factor first."))
    check_code(user, code)
    codes = _new_recovery_codes(user)
    audit.record("user.recovery_codes_renewed", target=user, actor=actor, organisation=None)
    return codes


def check_code(user: User, code: str, field: str = "code") -> None:
    """A code of the person's phone, accepted once (its step is kept): refused beside `field` otherwise, and
    counted against the account like a wrong password."""
    now = clock.now()
    _hold_after_wrong_codes(user, now, field)
    step = rules.matching_step(user.totp_secret or "", code, now, user.totp_last_step) if user.totp_secret else None
    if step is not None and not _take_step(user, step):
        step = None                    # the same code, taken by another request at the same moment
    if step is None:
        _count_code_failure(user, now)
        if user.totp_secret and rules.code_already_used(user.totp_secret, code, now, user.totp_last_step):
            raise OperationError(_l("This code has already been used: wait for the next one (a code lasts "
                                    "30 seconds) and type it."), field=field)
        raise OperationError(_l("This code is not right or has expired: type the six digits your application "
                                "shows now."), field=field)


def _take_step(user: User, step: int) -> bool:
    """Keep the step of the code accepted, unless a later one already is (one statement: two requests with the same
    code at once cannot both pass)."""
    taken = db.session.execute(update(User).where(
        User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)).rowcount
    if taken:
        set_committed_value(user, "totp_last_step", step)
    return bool(taken)


def _hold_after_wrong_codes(user: User, now, field: str) -> None:
    """Wrong codes make the next ones wait (a few free, then twice as long each time), wherever a code is asked:
    at sign-in, when signing, when making new recovery codes."""
    storage, config = queries.failure_counts(), current_app.config
    wait = rules.sign_in_wait(storage.get(f"code-failures:{user.id}"), storage.get(f"code-last:{user.id}"),
                              int(now.timestamp()), free=config["SECOND_FACTOR_FREE_FAILURES"],
                              longest=config["SIGNIN_LONGEST_DELAY"])
    if wait:
        raise SignInHeld(_l("Several wrong codes in a row: for your safety, wait %(delay)s before trying again.",
                            delay=format_timedelta(timedelta(seconds=wait), threshold=1.1)), wait, field=field)


def _count_code_failure(user: User, now) -> None:
    """A wrong code counts against the account (its lock, as wrong passwords do) and against this user's codes: a
    few are free, then each waits twice as long, as for passwords."""
    storage, window = queries.failure_counts(), current_app.config["SIGNIN_FAILURE_WINDOW"]
    _, account = rules.sign_in_keys(user.email, user.password_hash, "-")
    storage.incr(f"signin-account:{account}", window)
    storage.incr(f"code-failures:{user.id}", window)
    storage.clear(f"code-last:{user.id}")
    storage.incr(f"code-last:{user.id}", window, amount=int(now.timestamp()))


def sign_in_with_code(user_id: int, session_version: int, code: str, *, address: str) -> User:
    """The second step of a sign-in whose password was right: a code of the phone, or one of the recovery codes
    (used once; audited; the person told how many are left). Wrong codes slow the next ones, and lock the account
    with its wrong passwords."""
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_version != session_version or not user.totp_secret:
        raise OperationError(_l("Sign in again: this sign-in is no longer valid."))
    now = clock.now()
    _standing_or_held(user.email, user, address, now)
    _hold_after_wrong_codes(user, now, "code")
    storage = queries.failure_counts()
    try:
        if rules.looks_like_recovery_code(code):
            _use_recovery_code(user, code, now)
        else:
            check_code(user, code)
    except SignInHeld:
        raise
    except OperationError as error:
        raise SignInRefused(error.message, rules.SignInOutcome.wrong_code, field="code") from None
    storage.clear(f"code-failures:{user.id}")
    sign_in(user, address)
    return user


def _use_recovery_code(user: User, code: str, now) -> None:
    digest = rules.hash_recovery_code(code)
    unused = [recovery for recovery in user.recovery_codes if recovery.used_at is None]
    match = next((recovery for recovery in unused if secrets.compare_digest(recovery.code_hash, digest)), None)
    if match is not None and not db.session.execute(update(RecoveryCode).where(
            RecoveryCode.id == match.id, RecoveryCode.used_at.is_(None)).values(used_at=now)).rowcount:
        match = None                   # used by another request at the same moment
    if match is None:
        _count_code_failure(user, now)
        raise OperationError(_l("This recovery code is not right, or it has already been used."), field="code")
    set_committed_value(match, "used_at", now)
    left = len(unused) - 1
    audit.record("user.recovery_code_used", target=user, actor=user, organisation=None,
                 changes={"recovery_codes_left": [left + 1, left]})
    notify([user], "user.recovery_code_used", params={"name": user.name, "left": left},
           link="/account/second-factor")


def turn_off_second_factor(user: User, *, password: str, actor: User) -> None:
    """Someone whose roles do not require it may stop using a second factor, proving it with their password."""
    require(actor.id == user.id)
    if not user.totp_secret:
        raise OperationError(_l("You have no second factor to turn off."))
    if rules.second_factor_required(user):
        raise OperationError(_l("Your role requires a second factor: it cannot be turned off. If you lost your "
                                "phone, sign in with a recovery code, or ask a Guichet administrator to reset it."))
    if authenticate(user.email, password or "") is None:
        raise OperationError(_l("This is not your current password."), field="password")
    _clear_second_factor(user)
    audit.record("user.second_factor_disabled", target=user, actor=actor, organisation=None)
    notify([user], "user.second_factor_disabled", params={"name": user.name}, link="/account/second-factor")


def _clear_second_factor(user: User) -> None:
    user.totp_secret = user.totp_pending_secret = user.totp_last_step = user.second_factor_since = None
    user.recovery_codes.clear()


def reset_second_factor(user: User, *, actor: User, reason: str) -> None:
    """A Guichet admin resets the second factor of someone who lost their phone and their recovery codes (or whose
    set-up period ran out): they sign in with their password alone for SECOND_FACTOR_RESET_DAYS, and set a new one
    up. Their sessions end; audited with the reason; the person is told by e-mail."""
    require(can_reset_second_factor(actor, user))
    _clear_second_factor(user)
    if rules.second_factor_required(user):
        user.second_factor_due_at = clock.now() + timedelta(days=current_app.config["SECOND_FACTOR_RESET_DAYS"])
    sign_out_everywhere(user)
    audit.record("user.second_factor_reset", target=user, actor=actor, organisation=None, reason=reason)
    notify([user], "user.second_factor_reset", params={"name": user.name}, link="/account/second-factor")


def record_export(user: User, *, actor: User) -> str:
    """The person downloads everything the portal holds about them (GDPR, article 15): the file, and its record."""
    require(actor.id == user.id)
    body = personal_data.export_json(user, clock.now())
    audit.record("user.data_exported", target=user, actor=actor, organisation=None)
    return body


# Personal data (GDPR): a person erases their own account. What is theirs alone goes; where the portal keeps a record
# (signed agreements, decisions, the audit log, messages), their name and address give way to a pseudonym.
def erase_account(user: User, *, password: str, confirmation: str, actor: User) -> str:
    """Erase the person's account at their request (GDPR, article 17), proved by their password and their address
    typed again; refused while an organisation would be left without an administrator (every problem at once).
    Returns the pseudonym."""
    require(actor.id == user.id)
    problems = {}
    if authenticate(user.email, password or "") is None:
        problems["password"] = _l("This is not your current password.")
    if rules.normalise_email(confirmation) != user.email:
        problems["confirmation"] = _l("Type your e-mail address exactly, to confirm that you erase this account.")
    alone = queries.organisations_only_administered_by(user)
    if alone:
        problems[None] = _l("You are the only administrator of %(names)s: appoint another administrator first "
                            "(Members), or ask the Guichet to close the organisation.",
                            names=", ".join(organisation.name for organisation in alone))
    if problems:
        raise Problems(problems)
    now, pseudonym = clock.now(), rules.new_pseudonym()
    old_name, old_email = user.name, user.email
    for name in PERSONAL_TABLES:      # theirs alone: notifications, preferences, saved searches
        table = db.metadata.tables[name]
        db.session.execute(delete(table).where(table.c.user_id == user.id))
    user.memberships.clear()
    _clear_second_factor(user)
    user.name, user.email = pseudonym, rules.pseudonym_address(pseudonym)
    user.password_hash, user.active, user.erased_at = hash_password(secrets.token_urlsafe(32)), False, now
    sign_out_everywhere(user)
    db.session.flush()
    _pseudonymise(old_name, old_email, pseudonym, user.email)
    audit.record("user.erased", target=user, actor=user, organisation=None)
    return pseudonym


PERSONAL_TABLES = ("notifications", "notification_preferences", "saved_searches")


def _pseudonymise(old_name: str, old_email: str, pseudonym: str, new_email: str) -> int:
    """Where the person's name or address was copied, their pseudonym instead: every address column that holds their
    address, every name-copy column that holds their name (personal_data), and in the messages about people (the
    audit log, notifications, e-mails, jobs waiting) their address, and their full name when it is distinctive, each
    as a word of its own. Plain statements: the audit log's append-only guard (an ORM event) lets them through on
    purpose, its record staying whole but for the name. Returns the number of rows rewritten."""
    rewritten = 0
    words = [(old_email, new_email)] + ([(old_name, pseudonym)] if personal_data.distinctive_name(old_name) else [])
    for table in db.metadata.sorted_tables:
        if table.name == "users":
            continue
        for column in personal_data.email_columns(table):
            rewritten += db.session.execute(update(table).where(func.lower(column) == old_email)
                                            .values({column.name: new_email})).rowcount
        for column in personal_data.name_columns(table):
            rewritten += db.session.execute(update(table).where(column == old_name)
                                            .values({column.name: pseudonym})).rowcount
        keys = list(table.primary_key.columns)
        for column in personal_data.message_columns(table):
            for old, new in words:
                for row in db.session.execute(select(*keys, column).where(personal_data.mentions(column, old))):
                    value = personal_data.replaced(row[-1], old, new)
                    if value != row[-1]:
                        where = and_(*(key == row[index] for index, key in enumerate(keys)))
                        db.session.execute(update(table).where(where).values({column.name: value}))
                        rewritten += 1
    return rewritten


def erase_old_sign_ins(now) -> int:
    """The retention schedule: the security record keeps a sign-in RETENTION_SECURITY_DAYS, then forgets it."""
    before = now - timedelta(days=current_app.config["RETENTION_SECURITY_DAYS"])
    return db.session.execute(delete(SignInEvent).where(SignInEvent.at < before)).rowcount
