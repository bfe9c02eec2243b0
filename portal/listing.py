"""Reading numbers, dates, a list's page and filters from a query string, one way for every page of the portal.

`whole_number` is the one parser of a number typed by someone: query strings here, form fields in portal.forms.
A value out of its bounds (`?site=99999999999999999999`, which no INTEGER column holds) reads as no value, so
that it never reaches the database.
"""
from __future__ import annotations

import math
import re
from datetime import date

from flask import request
from sqlalchemy import func

from portal.database import MAX_ID
from portal.extensions import db

MAX_PAGE = 100_000
# What an INTEGER column holds, in PostgreSQL as in SQLite's 32-bit habits of this portal.
MIN_INTEGER, MAX_INTEGER = -(2**31), 2**31 - 1
# Days that mean something here: a date typed outside them is a typing error, and would overflow
# date arithmetic (9999-12-31 plus a day) or a calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)

_WHOLE = re.compile(r"[+-]?[0-9]{1,19}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def whole_number(value, *, minimum: int = MIN_INTEGER, maximum: int = MAX_INTEGER) -> int | None:
    """A whole number written in ASCII digits (with an optional sign and surrounding spaces) from `minimum` to
    `maximum`; None for anything else: empty, text, decimals, exponents, other scripts' digits, out of bounds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if minimum <= number <= maximum else None


def day(value) -> date | None:
    """A day written YYYY-MM-DD, from FIRST_DAY to LAST_DAY; None for anything else."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        parsed = date.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if FIRST_DAY <= parsed <= LAST_DAY else None


def query_int(name: str, default: int | None = None, *, minimum: int = MIN_INTEGER, maximum: int = MAX_INTEGER,
              args=None) -> int | None:
    """?name=…: a whole number within its bounds, else `default`."""
    args = request.args if args is None else args
    number = whole_number(args.get(name), minimum=minimum, maximum=maximum)
    return default if number is None else number


def query_id(name: str, args=None) -> int | None:
    """?name=…: an id (a whole number a row's id can be), else None."""
    return query_int(name, minimum=1, maximum=MAX_ID, args=args)


def query_day(name: str, args=None) -> date | None:
    """?name=YYYY-MM-DD: a day (see `day`), else None."""
    args = request.args if args is None else args
    return day(args.get(name))


def page_number(args=None) -> int:
    """?page=…: a whole number from 1 to MAX_PAGE; anything else reads as the first page."""
    return query_int("page", 1, minimum=1, maximum=MAX_PAGE, args=args)


def page_count(total: int, size: int) -> int:
    """How many pages of `size` rows hold `total` rows (one, even when empty)."""
    return max(1, math.ceil(total / size))


def first_rows(statement, limit: int) -> tuple[list, int]:
    """The first `limit` objects of an ORM select of one entity, and how many it finds in all, in one query (a
    window count): what a dashboard shows of a list that can grow, beside a link to the whole list."""
    rows = db.session.execute(statement.add_columns(func.count().over()).limit(limit)).all()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
