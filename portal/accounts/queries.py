from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import abort, current_app
from limits.storage import storage_from_string
from sqlalchemy import Text, and_, case, cast, func, literal, or_, select, union_all
from sqlalchemy.orm import lazyload

from portal import clock
from portal.accounts import rules
from portal.accounts.models import SignInEvent, SignUp, User
from portal.audit.models import AuditEvent
from portal.database import MAX_ID
from portal.extensions import db, limiter
from portal.listing import day
from portal.roles import Role


def users_for_guichet(q: str = "", limit: int = 100) -> list[User]:
    """Accounts of the whole region, memberships loaded with them (one query each)."""
    query = select(User).order_by(User.name).limit(limit)
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(User.name).like(pattern), func.lower(User.email).like(pattern)))
    return list(db.session.scalars(query))


def user_or_404(user_id) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def user_by_id(user_id) -> User | None:
    return db.session.get(User, user_id) if isinstance(user_id, int) and 0 < user_id <= MAX_ID else None


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == rules.normalise_email(email)))


def sign_up_for_token(token: str, now: datetime) -> SignUp | None:
    """The sign-up this link confirms, if it has not expired (nor been confirmed: a confirmed one is deleted)."""
    sign_up = db.session.scalar(select(SignUp).where(SignUp.token_hash == rules.hash_token(token or "")))
    return sign_up if sign_up is not None and sign_up.expires_at > now else None


@dataclass(frozen=True)
class SignInStanding:
    """Where an account and address pair stands after its failed sign-ins: keys of its counts, the seconds still
    to wait, and whether the account is locked (until a new password)."""

    pair: str
    account: str
    wait: int
    locked: bool


def failure_counts():
    """Where failed sign-ins are counted: the rate limiter's storage (Redis with REDIS_URL, shared by every process).
    With the limits turned off (RATELIMIT_ENABLED, for scripts), the limiter sets none up: the same kind of storage
    is made for the counts, which protect accounts whether pages are limited or not."""
    if current_app.config["RATELIMIT_ENABLED"]:
        return limiter.storage
    extensions = current_app.extensions
    if "signin_failure_counts" not in extensions:
        extensions["signin_failure_counts"] = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
    return extensions["signin_failure_counts"]


def sign_in_standing(email: str, user: User | None, address: str, now: datetime) -> SignInStanding:
    """The failed sign-ins of this account (or of an address with no account, counted alike) from this address,
    read from the rate-limit storage (Redis, shared by every process)."""
    config = current_app.config
    pair, account = rules.sign_in_keys(email, user.password_hash if user else None, address)
    storage = failure_counts()
    wait = rules.sign_in_wait(storage.get(f"signin-pair:{pair}"), storage.get(f"signin-last:{pair}"),
                              int(now.timestamp()), free=config["SIGNIN_FREE_FAILURES"],
                              longest=config["SIGNIN_LONGEST_DELAY"])
    locked = storage.get(f"signin-account:{account}") >= config["SIGNIN_ACCOUNT_LOCKOUT"]
    return SignInStanding(pair, account, wait, locked)


def user_for_reset_token(token: str) -> User:
    """The user the token was issued to, or TokenError('invalid' | 'expired' | 'used')."""
    user_id, fingerprint = rules.read_reset_token(
        current_app.config["SECRET_KEY"], token, current_app.config["PASSWORD_RESET_MAX_AGE"]
    )
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise rules.TokenError("invalid")
    if not rules.reset_token_matches(fingerprint, user.password_hash):
        raise rules.TokenError("used")
    return user


def feed_holder(key: str, salt: str = rules.FEED_SALT) -> User | None:
    """The holder of a personal feed link (?key=…, for calendar applications, which send no cookie), or None when
    the key is not (or no longer) valid: signed for this feed, of an active user whose password has not changed."""
    found = rules.read_feed_token(current_app.config["SECRET_KEY"], key, salt)
    user = db.session.get(User, found[0]) if found and 0 < found[0] <= MAX_ID else None
    if user is None or not user.active or not rules.reset_token_matches(found[1], user.password_hash):
        return None
    return user


def password_context(user) -> dict:
    """The words a new password of this person must not be made of: their address, name and organisations."""
    return {"email": user.email, "name": user.name,
            "organisation": " ".join(m.organisation.name_fr or m.organisation.name_nl for m in user.memberships)}


def organisations_only_administered_by(user: User) -> list:
    """The organisations of which this person is the only administrator (erasing them would leave it without one)."""
    alone = []
    for membership in user.memberships:
        if membership.role == Role.admin and not any(
                other.role == Role.admin and other.user_id != user.id for other in membership.organisation.memberships):
            alone.append(membership.organisation)
    return alone


# The Guichet's security record: the sign-ins (sign_in_events) and the audited actions about accounts, second
# factors, personal data and roles, as one list, newest first.
@dataclass(frozen=True)
class SecurityFilters:
    theme: str = ""
    q: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_args(cls, args) -> SecurityFilters:
        theme = args.get("theme", "")
        return cls(theme=theme if theme in rules.SECURITY_THEMES else "", q=(args.get("q") or "").strip()[:100],
                   since=day(args.get("since")), until=day(args.get("until")))

    def args(self) -> dict:
        found = {"theme": self.theme, "q": self.q, "since": self.since and self.since.isoformat(),
                 "until": self.until and self.until.isoformat()}
        return {key: value for key, value in found.items() if value}


def _security_union(filters: SecurityFilters):
    actions = [action for theme in rules.SECURITY_THEMES.values() for action in theme
               if not action.startswith("sign_in.")]
    audited = select(AuditEvent.at.label("at"), AuditEvent.action.label("kind"),
                     AuditEvent.actor_id.label("actor_id"),
                     case((AuditEvent.target_type == "users", AuditEvent.target_id), else_=None).label("person_id"),
                     literal("").label("email"), literal("").label("network"),
                     AuditEvent.organisation_id.label("organisation_id"), AuditEvent.id.label("event_id"))
    sign_ins = select(SignInEvent.at.label("at"), (literal("sign_in.") + SignInEvent.outcome).label("kind"),
                      SignInEvent.user_id.label("actor_id"), SignInEvent.user_id.label("person_id"),
                      SignInEvent.email.label("email"), SignInEvent.network.label("network"),
                      literal(None).label("organisation_id"), literal(None).label("event_id"))
    kinds = rules.SECURITY_THEMES.get(filters.theme)
    audited = audited.where(AuditEvent.action.in_(kinds if kinds else actions))
    if kinds:
        sign_ins = sign_ins.where((literal("sign_in.") + SignInEvent.outcome).in_(kinds))
    if filters.since:
        audited = audited.where(AuditEvent.at >= clock.at_brussels(filters.since))
        sign_ins = sign_ins.where(SignInEvent.at >= clock.at_brussels(filters.since))
    if filters.until:
        audited = audited.where(AuditEvent.at < clock.at_brussels(filters.until + timedelta(days=1)))
        sign_ins = sign_ins.where(SignInEvent.at < clock.at_brussels(filters.until + timedelta(days=1)))
    if filters.q:
        pattern = f"%{filters.q.lower()}%"
        people = select(User.id).where(or_(func.lower(User.email).like(pattern), func.lower(User.name).like(pattern)))
        audited = audited.where(or_(AuditEvent.actor_id.in_(people),
                                    and_(AuditEvent.target_type == "users", AuditEvent.target_id.in_(people)),
                                    func.lower(cast(AuditEvent.changes, Text)).like(pattern)))
        sign_ins = sign_ins.where(or_(SignInEvent.user_id.in_(people), func.lower(SignInEvent.email).like(pattern)))
    if kinds and all(kind.startswith("sign_in.") for kind in kinds):
        return sign_ins.subquery()
    if kinds:
        return audited.subquery()
    return union_all(audited, sign_ins).subquery()


@dataclass(frozen=True)
class SecurityRow:
    at: datetime
    kind: str
    actor: User | None
    person: User | None
    email: str
    network: str
    organisation: object
    changes: dict


def security_record(filters: SecurityFilters, page: int, size: int) -> tuple[list[SecurityRow], int]:
    """A page of the record, newest first, with its people, organisations and changes read in three queries more,
    and the number of rows in all."""
    union = _security_union(filters)
    total = db.session.scalar(select(func.count()).select_from(union))
    rows = db.session.execute(select(union).order_by(union.c.at.desc()).limit(size)
                              .offset((page - 1) * size)).all()
    return _security_rows(rows), total


def security_rows_for_export(filters: SecurityFilters, limit: int) -> list[SecurityRow]:
    union = _security_union(filters)
    return _security_rows(db.session.execute(select(union).order_by(union.c.at.desc()).limit(limit)).all())


def _security_rows(rows) -> list[SecurityRow]:
    user_ids = {row.actor_id for row in rows} | {row.person_id for row in rows}
    users = {user.id: user for user in db.session.scalars(
        select(User).where(User.id.in_([i for i in user_ids if i])).options(lazyload(User.memberships)))}
    event_ids = [row.event_id for row in rows if row.event_id]
    events = {event.id: event for event in db.session.scalars(
        select(AuditEvent).where(AuditEvent.id.in_(event_ids)).options(lazyload(AuditEvent.actor)))} \
        if event_ids else {}
    return [SecurityRow(at=clock.as_utc(row.at), kind=row.kind, actor=users.get(row.actor_id),
                        person=users.get(row.person_id), email=row.email or "", network=row.network or "",
                        organisation=events[row.event_id].organisation if row.event_id in events else None,
                        changes=events[row.event_id].changes if row.event_id in events else {})
            for row in rows]
