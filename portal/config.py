"""Settings, read from the environment only.

PORTAL_ENV      development (default), testing or production
SECRET_KEY      required in production; generated into instance/ otherwise
DATABASE_URL    PostgreSQL (psycopg 3); SQLite file in instance/ when unset
REDIS_URL       RQ queues, scheduler and rate-limit storage; jobs run inline when unset
MAIL_URL        smtp://user:password@host:port (smtps:// for TLS); the outbox table only when unset
BASE_URL        the public address: every absolute link (emails, feeds, calendars, open data), never the Host header
TRUSTED_PROXIES how many reverse proxies set X-Forwarded-For in front of the portal (0 when none)
JOB_RETRY_DELAYS seconds before each new run of a job that failed or whose worker died (60,300,1800)
JOB_TIMEOUT     the longest a job may run, in seconds (600)
FIGURES_CACHE_SECONDS how long computed figures are kept before they are computed again (300; 0: never kept)
OCDS_PREFIX     the ocid prefix of the calls' Open Contracting data, as the Open Contracting Partnership registers it
                for the publisher ("ocds-" and 6 characters; a placeholder until registered)
REVISION_CACHE_SECONDS the longest what is kept until the next operation is kept (open-data files, a dashboard's
                calls ready for a decision; 3600; 0: never kept)
"""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    pass


def _secret_key(instance_path: Path, env: str) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigError("SECRET_KEY must be set in production.")
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _whole(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ConfigError(f"{name} must be a whole number (0 or more).")
    return number


def _delays(value: str) -> tuple[int, ...]:
    """JOB_RETRY_DELAYS: whole numbers of seconds separated by commas (empty: no retry)."""
    return tuple(_whole(part.strip(), "JOB_RETRY_DELAYS") for part in value.split(",") if part.strip())


def database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        instance_path.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance_path / 'portal.db'}"
    # psycopg 3 is the driver for PostgreSQL, whatever the scheme says.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load(instance_path: Path, overrides: dict | None = None) -> dict:
    overrides = overrides or {}
    env = overrides.get("PORTAL_ENV") or os.environ.get("PORTAL_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}.")
    production = env == "production"
    config = {
        "PORTAL_ENV": env,
        "TESTING": env == "testing",
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(instance_path, env),
        "SQLALCHEMY_DATABASE_URI": overrides.get("SQLALCHEMY_DATABASE_URI") or database_url(instance_path),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "MAIL_URL": os.environ.get("MAIL_URL") or None,
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Entretemps <no-reply@entretemps.brussels>"),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # How many reverse proxies in front of the portal set X-Forwarded-For/-Proto/-Prefix: the client's address
        # is read behind that many, never from a header the client could write itself (0: no proxy).
        "TRUSTED_PROXIES": _whole(os.environ.get("TRUSTED_PROXIES", "0"), "TRUSTED_PROXIES"),
        "RQ_QUEUE": os.environ.get("RQ_QUEUE", "entretemps"),
        # A job that fails, or whose worker dies under it (RQ finds it abandoned), runs again after each of these
        # delays in seconds: its work was rolled back with it (portal.jobs.run_job commits once, at its end).
        "JOB_RETRY_DELAYS": _delays(os.environ.get("JOB_RETRY_DELAYS", "60,300,1800")),
        # The longest a job may run (seconds). A job whose worker died is found abandoned this long and a minute
        # after it started (RQ), then run again.
        "JOB_TIMEOUT": _whole(os.environ.get("JOB_TIMEOUT", "600"), "JOB_TIMEOUT"),
        # The figures of the region and of an owner add up every report of the period: kept this long (seconds),
        # shared by the web processes through Redis (portal.cache); 0 computes them on every request (tests do).
        "FIGURES_CACHE_SECONDS": _whole(os.environ.get("FIGURES_CACHE_SECONDS", "0" if env == "testing" else "300"),
                                        "FIGURES_CACHE_SECONDS"),
        # What is kept until the next operation changes the register (portal.cache.until_next_operation: the
        # register's CSV and GeoJSON once written, a dashboard's calls ready for a decision), at most this long.
        "REVISION_CACHE_SECONDS": _whole(os.environ.get("REVISION_CACHE_SECONDS", "0" if env == "testing" else "3600"),
                                         "REVISION_CACHE_SECONDS"),
        # Sessions: HttpOnly and SameSite=Lax always, Secure in production.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        # Production is served over HTTPS only: browsers are told to keep to it for a year, subdomains included.
        "STRICT_TRANSPORT_SECURITY": "max-age=31536000; includeSubDomains" if production else None,
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "LANGUAGES": ("fr", "nl", "en"),
        "RATELIMIT_ENABLED": True,
        # No X-RateLimit-* and Retry-After on every answer of a limited page (they told an attacker the counts, and
        # a sign-in page said Retry-After: 3600): a 429 says how long to wait (portal.app), nothing else does.
        "RATELIMIT_HEADERS_ENABLED": False,
        # Failed sign-ins (portal.accounts): per account and address pair, the first few are free, then each
        # makes the next wait twice as long, up to a quarter of an hour; per account, from every address, many
        # in a day lock it until a new password is chosen through a reset link. Per client address, a cap that
        # slows one machine trying many accounts and that an office behind one address never reaches (tests
        # raise it, and lower it where tested).
        "SIGNIN_FREE_FAILURES": 3,
        "SIGNIN_LONGEST_DELAY": 15 * 60,
        "SIGNIN_ACCOUNT_LOCKOUT": 50,
        "SIGNIN_FAILURE_WINDOW": 24 * 60 * 60,
        "SIGNIN_LIMIT_PER_ADDRESS": "1000 per minute" if env == "testing" else "300 per hour",
        "PASSWORD_RESET_LIMIT": "1000 per minute" if env == "testing" else "10 per hour",
        "PASSWORD_RESET_MAX_AGE": 3600,
        # The second factor (portal.accounts.rules): days to set it up from the first sign-in that requires it, or
        # after a Guichet admin's reset; seconds to type the code after the password; wrong codes before a wait.
        "SECOND_FACTOR_GRACE_DAYS": 14,
        "SECOND_FACTOR_RESET_DAYS": 3,
        "SECOND_FACTOR_PENDING_SECONDS": 5 * 60,
        "SECOND_FACTOR_FREE_FAILURES": 5,
        # The retention schedule (stated in the privacy notice), run by each feature's daily sweep: days after
        # which the outbox's e-mails, an invitation expired or accepted, a draft application to a closed call, and the
        # documents of an application not selected (from the call's decision) are deleted.
        "RETENTION_OUTBOX_DAYS": 90,
        "RETENTION_INVITATION_DAYS": 30,
        "RETENTION_DRAFT_DAYS": 180,
        "RETENTION_UNSELECTED_DAYS": 365,
        "RETENTION_SECURITY_DAYS": 365,       # the sign-ins of the Guichet's security record
        # Registering with a new account: the link that confirms the address lasts a day; one client address may
        # register ten times an hour, one email address be sent three messages an hour.
        "SIGN_UP_HOURS": 24,
        "REGISTRATION_LIMIT_PER_ADDRESS": "1000 per minute" if env == "testing" else "10 per hour",
        "REGISTRATION_LIMIT_PER_EMAIL": "1000 per minute" if env == "testing" else "3 per hour",
        # Reporting a vacant place without an account: ten reports an hour from one client address, five messages
        # a day to one email address.
        "VACANCY_LIMIT_PER_ADDRESS": "1000 per minute" if env == "testing" else "10 per hour",
        "VACANCY_LIMIT_PER_EMAIL": "1000 per minute" if env == "testing" else "5 per day",
        "INVITATION_DAYS": 7,
        "SHOW_OUTBOX": not production,
        # The map's tile server (any XYZ server); its origin is added to the Content-Security-Policy.
        "MAP_TILE_URL": os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        "MAP_ATTRIBUTION": os.environ.get(
            "MAP_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),
        "MAX_CONTENT_LENGTH": 32 * 1024 * 1024,
        "OCDS_PREFIX": os.environ.get("OCDS_PREFIX", "ocds-etmp00"),
    }
    config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"] or "memory://"
    config.update(overrides)
    # Flask-Caching (portal.cache): Redis, shared by the processes of one database, or the process's memory when
    # the portal runs alone (the embedded default). The prefix keeps databases sharing a Redis apart.
    config.setdefault("CACHE_TYPE", "RedisCache" if config["REDIS_URL"] else "SimpleCache")
    config.setdefault("CACHE_REDIS_URL", config["REDIS_URL"])
    config.setdefault("CACHE_KEY_PREFIX", "entretemps:" + hashlib.sha256(
        config["SQLALCHEMY_DATABASE_URI"].encode()).hexdigest()[:12] + ":")
    return config
