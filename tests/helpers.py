"""Small helpers for web tests."""
from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event, select

from portal.extensions import db


def field_error(html: str, field_id: str) -> str:
    """The error message shown beside a field (tied to it by aria-describedby)."""
    match = re.search(rf'id="{field_id}-error">(.*?)</div>', html, re.S)
    assert match, f"no error beside #{field_id}"
    assert re.search(rf'id="{field_id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field_id}"', html), \
        f"#{field_id} is not marked invalid"
    return match.group(1).strip()


def outbox(app, to: str | None = None):
    from portal.notifications.models import OutboxMail

    with app.app_context():
        query = select(OutboxMail).order_by(OutboxMail.id)
        if to:
            query = query.where(OutboxMail.to == to)
        mails = db.session.scalars(query).all()
        return [(m.to, m.language, m.subject, m.body) for m in mails]


def link_in(body: str, prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(prefix)}[^\s]+)", body)
    assert match, f"no link to {prefix} in the email"
    return match.group(1)


def count(app, model, **filters) -> int:
    with app.app_context():
        return len(db.session.scalars(select(model).filter_by(**filters)).all())


@contextmanager
def count_queries(app):
    """Counts the SQL statements sent while the block runs."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)
