"""Personal data (issue 21): a person reads and downloads everything the portal holds that names them, and erases
their own account; after it, no table holds their name or address, and the agreements they signed still render,
with their pseudonym."""
import json
import re

from sqlalchemy import Enum, String, Text, select

from occupancies.agreements.models import Agreement
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import OutboxMail
from portal.organisations.models import Membership
from portal.roles import Role
from tests.support.agreements import make_sent_agreement
from tests.support.factories import PASSWORD
from tests.support.web import count, field_error

OTTO, OTTO_EMAIL = "Otto Occupant", "occupant.admin@example.org"


def _signed_agreement(app, world, make_client, jobs) -> int:
    """occupant-a's admin signs an agreement, saves a search, is told things: rows that name him in many tables."""
    agreement_id = make_sent_agreement(app, world)
    otto = make_client().login(world.occupant_admin)
    assert otto.post(f"/o/occupant-a/agreements/{agreement_id}/sign",
                     {"password": PASSWORD, "code": otto.code()}).status_code == 303
    saved = otto.post("/searches/", {"name": "Ixelles", "target": "sites", "query": "commune=ixelles"})
    assert saved.status_code == 303
    owner = make_client().login(world.owner_admin)
    assert owner.post(f"/o/owner-a/agreements/{agreement_id}/sign",
                      {"password": PASSWORD, "code": owner.code()}).status_code == 303
    jobs.run()
    return agreement_id


def _texts(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _rows_naming(user_id: int, name: str, email: str) -> set[tuple[str, str]]:
    """Walk every table of the models, row by row, in Python: the rows whose reference to an account is this one,
    whose address column (named for an address, or an e-mail's recipient) is this address, whose name-copy column
    is this name, and the audit entries about this account (the oracle the export is held to)."""
    found = set()
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            names = table.name == "users" and row["id"] == user_id
            names = names or (table.name == "audit_events" and row["target_type"] == "users"
                              and row["target_id"] == user_id)
            for column in table.columns:
                value = row[column.name]
                if any(key.column.table.name == "users" for key in column.foreign_keys) and value == user_id:
                    names = True
                textual = isinstance(column.type, String | Text) and not isinstance(column.type, Enum)
                if textual and ("email" in column.name or column.name == "to") and (value or "").lower() == email:
                    names = True
                if column.info.get("person_name") and value == name:
                    names = True
            if names:
                found.add((table.name, json.dumps([row[c.name] for c in table.primary_key.columns])))
    return found


def test_the_export_holds_every_row_that_names_the_person_and_no_other(app, world, make_client, jobs):
    _signed_agreement(app, world, make_client, jobs)
    otto = make_client().login(world.occupant_admin)
    response = otto.post("/account/data.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    exported = json.loads(response.get_data(as_text=True))
    assert exported["person"] == {"id": world.occupant_admin, "name": OTTO, "email": OTTO_EMAIL}
    with app.app_context():
        expected = _rows_naming(world.occupant_admin, OTTO, OTTO_EMAIL)
        tables = {table.name: table for table in db.metadata.sorted_tables}
        recorded = db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "user.data_exported"))
    expected.discard(("audit_events", json.dumps([recorded])))      # the record of this very download, made after
    given = {(name, json.dumps([row[c.name] for c in tables[name].primary_key.columns]))
             for name, rows in exported["tables"].items() for row in rows}
    assert {"agreement_signatures", "audit_events", "notifications", "outbox_mails", "memberships", "users",
            "saved_searches", "recovery_codes"} <= {name for name, _ in expected}
    assert given == expected
    assert "password_hash" not in exported["tables"]["users"][0] and "totp_secret" not in exported["tables"]["users"][0]
    assert all("code_hash" not in row for row in exported["tables"]["recovery_codes"])
    assert count(app, AuditEvent, action="user.data_exported", target_id=world.occupant_admin) == 1


def test_the_readable_page_shows_it_and_never_writes(app, world, make_client, jobs):
    _signed_agreement(app, world, make_client, jobs)
    page = make_client().login(world.occupant_admin).get("/account/data")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Your signatures" in html and "E-mails sent to you" in html
    assert 'action="/account/data.json"' in html
    assert count(app, AuditEvent, action="user.data_exported") == 0


def test_the_only_administrator_is_asked_to_appoint_another_first(app, world, make_client):
    otto = make_client().login(world.occupant_admin)
    assert 'id="erase-held"' in otto.get("/account/data").get_data(as_text=True)
    refused = otto.post("/account/erase", {"password": PASSWORD, "confirmation": OTTO_EMAIL})
    assert refused.status_code == 422 and "the only administrator of Asbl A" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world.occupant_admin).name == OTTO


def test_erasure_needs_the_password_and_ones_own_address_and_erases_no_one_else(app, world, make_client):
    editor = make_client().login(world.owner_editor)
    refused = editor.post("/account/erase", {"password": "wrong", "confirmation": "owner.admin@example.org"})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "not your current password" in field_error(html, "password")
    assert "Type your e-mail address exactly" in field_error(html, "confirmation")
    with app.app_context():
        assert db.session.get(User, world.owner_editor).erased_at is None
        assert db.session.get(User, world.owner_admin).active


def test_after_erasure_no_table_holds_the_name_or_address_and_the_agreement_renders_the_pseudonym(
        app, world, make_client, jobs):
    agreement_id = _signed_agreement(app, world, make_client, jobs)
    with app.app_context():      # another admin first, so that occupant-a keeps one
        db.session.scalar(select(Membership).where(Membership.user_id == world.occupant_editor)).role = Role.admin
        db.session.commit()
    otto = make_client().login(world.occupant_admin)
    response = otto.post("/account/erase", {"password": PASSWORD, "confirmation": " Occupant.Admin@example.org "})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert otto.get("/account").status_code == 302                 # signed out
    with app.app_context():
        person = db.session.get(User, world.occupant_admin)
        pseudonym = person.name
        assert re.fullmatch(r"P-[0-9A-F]{6}", pseudonym) and not person.active and person.erased_at
        assert person.email == f"{pseudonym.lower()}@erased.invalid" and person.memberships == []
        for table in db.metadata.sorted_tables:                  # no text anywhere
            for row in db.session.execute(select(table)).mappings():
                for value in row.values():
                    if isinstance(value, str | dict | list):
                        assert OTTO not in _texts(value) and OTTO_EMAIL not in _texts(value).lower(), table.name
        signatures = [s.signer_name for s in db.session.get(Agreement, agreement_id).versions[0].signatures]
        assert pseudonym in signatures and "Olga Owner" in signatures      # the record stays, with the pseudonym
    assert count(app, AuditEvent, action="user.erased", target_id=world.occupant_admin) == 1
    page = make_client().login(world.owner_admin).get(f"/o/owner-a/agreements/{agreement_id}").get_data(as_text=True)
    assert pseudonym in page and OTTO not in page
    assert make_client().post("/login", {"email": OTTO_EMAIL, "password": PASSWORD}).status_code == 422


def test_a_name_chosen_to_match_others_texts_neither_reads_nor_rewrites_them(app, world, make_client, jobs):
    """Someone who names themselves like a word of others' texts (a link's path, a commune) reads none of those
    texts in their export, and erasing their account rewrites none of them."""
    make_client().post("/password/forgot", {"email": "owner.admin@example.org"})      # a live link in the outbox
    jobs.run()
    with app.app_context():
        person = db.session.get(User, world.owner_editor)
        person.name = "/password/reset/"
        db.session.commit()
        before = {row.id: row.body for row in db.session.scalars(select(OutboxMail))}
    editor = make_client().login(world.owner_editor)
    exported = json.loads(editor.post("/account/data.json").get_data(as_text=True))
    assert "/password/reset/" not in json.dumps({name: rows for name, rows in exported["tables"].items()
                                                  if name != "users"})
    assert "outbox_mails" not in exported["tables"]
    assert editor.post("/account/erase", {"password": PASSWORD, "confirmation": "owner.editor@example.org"}
                       ).status_code == 303
    with app.app_context():
        after = {row.id: row.body for row in db.session.scalars(select(OutboxMail))}
    assert {key: body for key, body in after.items() if key in before} == before


def test_an_address_inside_a_longer_one_is_left_alone(app, world, make_client):
    with app.app_context():
        short = db.session.get(User, world.owner_editor)
        short.email = "an@example.org"
        db.session.add(OutboxMail(to="jean@example.org", language="fr", kind="user.password_changed",
                                  subject="Pour jean@example.org", body="Bonjour jean@example.org et an@example.org"))
        db.session.commit()
    editor = make_client().login(world.owner_editor)
    assert editor.post("/account/erase", {"password": PASSWORD, "confirmation": "an@example.org"}).status_code == 303
    with app.app_context():
        mail = db.session.scalar(select(OutboxMail).where(OutboxMail.to == "jean@example.org"))
        assert mail.subject == "Pour jean@example.org"
        assert mail.body.startswith("Bonjour jean@example.org et p-") and mail.body.endswith("@erased.invalid")
