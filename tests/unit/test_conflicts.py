from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from portal.database import is_conflict


class PgError(Exception):
    def __init__(self, sqlstate):
        super().__init__("pg")
        self.sqlstate = sqlstate


def test_deadlocks_and_serialization_failures_are_conflicts():
    assert is_conflict(OperationalError("UPDATE", {}, PgError("40P01")))
    assert is_conflict(OperationalError("UPDATE", {}, PgError("40001")))
    assert is_conflict(OperationalError("UPDATE", {}, Exception("database is locked")))
    assert is_conflict(IntegrityError("INSERT", {}, Exception("unique")))
    assert is_conflict(StaleDataError("row moved on"))


def test_other_database_errors_are_not_conflicts():
    assert not is_conflict(OperationalError("SELECT", {}, PgError("08006")))  # connection failure
    assert not is_conflict(ValueError("no"))
