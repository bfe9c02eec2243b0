"""What the portal holds about a person, found by walking the tables rather than listed by hand: every row whose
column refers to their account (a foreign key to users.id), whose text holds their e-mail address or their name, or
(in the audit log) which is about their account. The export reads those rows; the erasure (operations.erase_account)
rewrites the same texts."""
from __future__ import annotations

import base64
import json
import re
from datetime import date, datetime
from decimal import Decimal
from enum import Enum as PythonEnum

from sqlalchemy import JSON, Enum, String, Table, Text, and_, cast, func, or_, select

from portal.extensions import db

# Never exported, even to their holder: what proves an identity (hashes, second-factor secrets, tokens).
HIDDEN = ("password_hash", "totp_secret", "totp_pending_secret", "code_hash", "token_hash", "token")


def _refers_to_users(column) -> bool:
    return any(key.column.table.name == "users" for key in column.foreign_keys)


def words_of(name: str, email: str) -> tuple[str, ...]:
    """What identifies the person in a text: their address, and their full name when it is long enough not to be
    part of other words (a name of four letters would be found in streets and titles)."""
    name = (name or "").strip()
    return (email.lower(),) + ((name,) if len(name) >= 5 else ())


def json_forms(word: str) -> tuple[str, ...]:
    """A word as it may be written inside a JSON value: as it is, and with its non-ASCII letters escaped."""
    escaped = json.dumps(word)[1:-1]
    return (word,) if escaped == word else (word, escaped)


def mentions(column, word: str):
    """Where a text column holds the word (an address: whatever its case)."""
    if isinstance(column.type, JSON):
        return or_(*(cast(column, Text).contains(form, autoescape=True) for form in json_forms(word)))
    if "@" in word:
        return func.lower(column).contains(word, autoescape=True)
    return column.contains(word, autoescape=True)


def text_columns(table: Table) -> list:
    """The columns where a name or an address may have been copied: strings, texts and JSON."""
    return [column for column in table.columns
            if isinstance(column.type, String | Text | JSON) and not isinstance(column.type, Enum)]


def conditions(table: Table, user_id: int, words: tuple[str, ...]) -> list:
    """Where a table names the person: its references to their account, and its texts that hold their address or
    name (an e-mail's recipient, a signer's name, a message)."""
    found = [column == user_id for column in table.columns
             if _refers_to_users(column) or (table.name == "users" and column.name == "id")]
    found += [mentions(column, word) for column in text_columns(table) for word in words]
    if table.name == "audit_events":
        found.append(and_(table.c.target_type == "users", table.c.target_id == user_id))
    return found


def replaced(value, old: str, new: str):
    """The value with every writing of `old` replaced (an address whatever its case; inside JSON, escaped or not)."""
    if isinstance(value, str):
        return re.sub(re.escape(old), lambda _: new, value, flags=re.IGNORECASE if "@" in old else 0)
    text = json.dumps(value, ensure_ascii=False)
    for form in json_forms(old):
        text = re.sub(re.escape(form), lambda _: json.dumps(new)[1:-1], text,
                      flags=re.IGNORECASE if "@" in old else 0)
    return json.loads(text)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, PythonEnum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def rows_about(user_id: int, words: tuple[str, ...]) -> dict[str, list[dict]]:
    """{table: [row as plain values]} of every row that names the person, secrets left out."""
    found = {}
    for table in db.metadata.sorted_tables:
        where = conditions(table, user_id, words)
        if not where:
            continue
        query = select(table).where(or_(*where)).order_by(*table.primary_key.columns)
        rows = [{key: _plain(value) for key, value in row.items() if key not in HIDDEN}
                for row in db.session.execute(query).mappings()]
        if rows:
            found[table.name] = rows
    return found


def export(user, now: datetime) -> dict:
    """The person's data as one JSON document (their right of access, GDPR article 15)."""
    return {"exported_at": now.isoformat(), "person": {"id": user.id, "name": user.name, "email": user.email},
            "tables": rows_about(user.id, words_of(user.name, user.email))}


def export_json(user, now: datetime) -> str:
    return json.dumps(export(user, now), ensure_ascii=False, indent=1, default=str)

