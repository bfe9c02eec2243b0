"""A GET never writes: every GET route of the access matrix, requested by every role in the matrix's world (with the
language link, which once saved the account's language), leaves
the database as it found it — the same rows in every table, no new audit entry — and sends no INSERT, UPDATE or
DELETE on the way (the statement that did is named, with the page)."""
from __future__ import annotations

from sqlalchemy import event, select, text

from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.support.access_matrix import ROLES
from tests.support.access_matrix.world import build_world, url_for_endpoint

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


def _snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with app.app_context():
        tables = {}
        for table in db.metadata.sorted_tables:
            rows = db.session.execute(select(table)).all()
            tables[table.name] = sorted(tuple(map(repr, row)) for row in rows)
        db.session.rollback()
        return tables


def test_no_get_route_writes_for_any_role(app, make_client):
    world = build_world(app)
    before = _snapshot(app)
    with app.app_context():
        audit_entries = db.session.scalar(select(db.func.count(AuditEvent.id)))
        engine = db.engine
    gets = sorted(rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods)
    written: list[str] = []
    requested = {"url": ""}

    def watch(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(WRITES):
            written.append(f"{requested['url']}: {statement.split(chr(10))[0][:120]}")

    event.listen(engine, "before_cursor_execute", watch)
    try:
        for role in ROLES:
            client = make_client()
            if role != "anonymous":
                client.login(world["users"][role])
            for endpoint in gets:
                url = url_for_endpoint(app, endpoint, world["values"])
                # With the language link too: it changes the visit's language, never the account's.
                url += ("&" if "?" in url else "?") + "lang=nl"
                requested["url"] = f"{role} GET {url}"
                response = client.get(url)
                assert response.status_code < 500, requested["url"]
    finally:
        event.remove(engine, "before_cursor_execute", watch)
    assert written == [], "GET requests that wrote:\n" + "\n".join(written)
    assert _snapshot(app) == before
    with app.app_context():
        assert db.session.scalar(select(db.func.count(AuditEvent.id))) == audit_entries
        assert db.session.execute(text("SELECT 1")).scalar() == 1


def test_the_watch_sees_a_write(app):
    """The listener above catches what it must: a write sent through the same engine is seen."""
    seen = []
    with app.app_context():
        engine = db.engine

        def watch(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith(WRITES):
                seen.append(statement)

        event.listen(engine, "before_cursor_execute", watch)
        try:
            db.session.add(AuditEvent(action="test.write", target_type="users", target_id=1, changes={}))
            db.session.flush()
            db.session.rollback()
        finally:
            event.remove(engine, "before_cursor_execute", watch)
    assert seen and seen[0].lstrip().upper().startswith("INSERT")
