"""What the portal holds about a person, found by walking the tables rather than listed by hand: every row whose
column refers to their account (a foreign key to users.id), whose address column holds their address, whose
name-copy column (marked `info=PERSON_NAME`: a signer's name, an agreement's representative) holds their name, and
the audit entries about their account. Nothing else is searched: a free text that happens to contain their words is
someone else's data. The export reads those rows; the erasure (operations.erase_account) rewrites them, and the
messages that name them (the audit log's, the notifications', the e-mails')."""
from __future__ import annotations

import base64
import json
import re
from datetime import date, datetime
from decimal import Decimal
from enum import Enum as PythonEnum

from sqlalchemy import JSON, Enum, String, Table, Text, and_, cast, func, or_, select

from portal.extensions import db

# A column that copies a person's name at a moment (mapped_column(..., info=PERSON_NAME)).
PERSON_NAME = {"person_name": True}
# Never exported, even to their holder: what proves an identity (hashes, second-factor secrets, tokens).
HIDDEN = ("password_hash", "totp_secret", "totp_pending_secret", "code_hash", "token_hash", "token")
# Where the portal writes about people in free text: an erasure rewrites their address, and their full name when it
# cannot be an ordinary word (two words at least), in these columns only.
MESSAGES = {"audit_events": ("changes", "reason"), "notifications": ("params",), "outbox_mails": ("subject", "body"),
            "scheduled_jobs": ("args",)}


def _refers_to_users(column) -> bool:
    return any(key.column.table.name == "users" for key in column.foreign_keys)


def _text(column) -> bool:
    return isinstance(column.type, String | Text) and not isinstance(column.type, Enum)


def email_columns(table: Table) -> list:
    """The columns that hold a person's address: named for it (email, reporter_email…), and an e-mail's recipient."""
    return [column for column in table.columns if _text(column) and ("email" in column.name or column.name == "to")]


def name_columns(table: Table) -> list:
    return [column for column in table.columns if column.info.get("person_name")]


def conditions(table: Table, user_id: int, email: str, name: str) -> list:
    """Where a table names the person."""
    found = [column == user_id for column in table.columns
             if _refers_to_users(column) or (table.name == "users" and column.name == "id")]
    found += [func.lower(column) == email.lower() for column in email_columns(table)]
    if name:
        found += [column == name for column in name_columns(table)]
    if table.name == "audit_events":
        found.append(and_(table.c.target_type == "users", table.c.target_id == user_id))
    return found


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


def rows_about(user_id: int, email: str, name: str) -> dict[str, list[dict]]:
    """{table: [row as plain values]} of every row that names the person, secrets left out."""
    found = {}
    for table in db.metadata.sorted_tables:
        where = conditions(table, user_id, email, name)
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
            "tables": rows_about(user.id, user.email, user.name)}


def export_json(user, now: datetime) -> str:
    return json.dumps(export(user, now), ensure_ascii=False, indent=1, default=str)


def distinctive_name(name: str) -> bool:
    """Whether a name can be looked for in a free text: two words at least, five letters at least."""
    name = (name or "").strip()
    return len(name) >= 5 and len(name.split()) >= 2


def message_columns(table: Table) -> list:
    return [table.c[name] for name in MESSAGES.get(table.name, ()) if name in table.c]


def json_forms(word: str) -> tuple[str, ...]:
    """A word as it may be written inside a JSON value: as it is, and with its non-ASCII letters escaped."""
    escaped = json.dumps(word)[1:-1]
    return (word,) if escaped == word else (word, escaped)


def mentions(column, word: str):
    """Where a column's text (or JSON) holds the word, to be checked word by word in Python (`replaced`)."""
    if isinstance(column.type, JSON):
        return or_(*(cast(column, Text).contains(form, autoescape=True) for form in json_forms(word)))
    return func.lower(column).contains(word.lower(), autoescape=True)


def _pattern(word: str) -> re.Pattern:
    """The word on its own: not inside a longer address or name (jean@x.be does not hold an@x.be)."""
    return re.compile(r"(?<![\w.+@-])" + re.escape(word) + r"(?![\w@-]|\.\w)", re.IGNORECASE if "@" in word else 0)


def replaced(value, old: str, new: str):
    """The value with every writing of `old`, as a word of its own, replaced (inside JSON, escaped or not)."""
    if isinstance(value, str):
        return _pattern(old).sub(lambda _: new, value)
    text = json.dumps(value, ensure_ascii=False)
    for form in json_forms(old):
        text = _pattern(form).sub(lambda _: json.dumps(new)[1:-1], text)
    return json.loads(text)
