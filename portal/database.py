"""Engine set-up that keeps two requests from corrupting or half-applying each other.

SQLite: foreign keys on, WAL, a busy timeout, and transactions that may write start with
BEGIN IMMEDIATE so that they take the write lock before their first read (a deferred transaction
that reads and then writes can lose the race and fail instead of waiting).
PostgreSQL: serialization failures and deadlocks are turned into a conflict for the user
(see portal.app), never a 500.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

# Whether the current unit of work may write. Requests set it from their method;
# jobs and commands keep the default (they write).
write_intent: ContextVar[bool] = ContextVar("write_intent", default=True)

SQLITE_BUSY_TIMEOUT_MS = 10_000

# The largest id an INTEGER column holds: a larger number is no id. Ids in addresses are bounded by the routes'
# <int:…> converter (portal.app); those from forms (portal.forms.optional_id) and tokens are checked against it.
MAX_ID = 2**31 - 1


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write_intent.get() else "BEGIN")


@contextmanager
def read_only():
    token = write_intent.set(False)
    try:
        yield
    finally:
        write_intent.reset(token)


PG_CONFLICT_CODES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


def is_conflict(error: Exception) -> bool:
    """A clash between concurrent transactions: the user may simply try again."""
    if isinstance(error, (IntegrityError, StaleDataError)):
        return True
    if not isinstance(error, (OperationalError, DBAPIError)):
        return False
    orig = getattr(error, "orig", None)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code in PG_CONFLICT_CODES:
        return True
    message = str(orig or error).lower()
    return "database is locked" in message or "database table is locked" in message


from datetime import UTC  # noqa: E402

from sqlalchemy import DateTime, Enum, TypeDecorator  # noqa: E402


class UTCDateTime(TypeDecorator):
    """An aware UTC datetime on every database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use portal.clock.now()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum_class, length: int = 32) -> Enum:
    """A StrEnum stored as its value, checked by the database."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
