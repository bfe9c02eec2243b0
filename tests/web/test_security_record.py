"""The Guichet's security record (issue 21): sign-ins, successful and refused (wrong password, held back, wrong
code, second factor overdue), and the audited changes to second factors, personal data, roles and accounts, filtered
by theme, person and days, exported as CSV with its cells neutralised; only the Guichet's admins read it; sign-ins
are forgotten after their retention period."""
import csv
import io
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from portal.accounts.models import SignInEvent, User
from portal.extensions import db
from tests.support.factories import PASSWORD
from tests.support.web import Jobs

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _events(app, **where) -> list[tuple[str, str]]:
    with app.app_context():
        return [(event.email, event.outcome) for event in db.session.scalars(
            select(SignInEvent).filter_by(**where).order_by(SignInEvent.id))]


def test_every_sign_in_is_recorded_with_how_it_ended_and_its_network(app, make_client, world):
    make_client().post("/login", {"email": "owner.editor@example.org", "password": "wrong-one-1"},
                       environ_base={"REMOTE_ADDR": "192.0.2.77"})
    make_client().post("/login", {"email": "nobody@example.org", "password": "wrong-one-2"})
    assert make_client().sign_in("owner.editor@example.org").status_code == 303
    client = make_client()
    client.post("/login", {"email": "owner.admin@example.org", "password": PASSWORD})
    client.post("/login/code", {"code": "000000"})
    assert _events(app) == [("owner.editor@example.org", "wrong_password"), ("nobody@example.org", "wrong_password"),
                            ("owner.editor@example.org", "success"), ("owner.admin@example.org", "wrong_code")]
    with app.app_context():
        first = db.session.scalar(select(SignInEvent).order_by(SignInEvent.id))
        assert first.network == "192.0.2.0/24" and first.user_id == world.owner_editor
        unknown = db.session.scalar(select(SignInEvent).where(SignInEvent.email == "nobody@example.org"))
        assert unknown.user_id is None


def test_many_failures_are_recorded_as_held_back(app, make_client, world):
    client = make_client()
    for _ in range(5):
        client.post("/login", {"email": "owner.editor@example.org", "password": "wrong-one-1"})
    assert ("owner.editor@example.org", "held") in _events(app)


def test_the_record_gathers_sign_ins_and_audited_changes_with_filters(app, make_client, world):
    with time_machine.travel(T0, tick=False):
        assert make_client().sign_in("owner.editor@example.org").status_code == 303
        make_client().post("/login", {"email": "occupant.editor@example.org", "password": "wrong-one-1"})
        owner = make_client().login(world.owner_admin)
        owner.post(f"/o/owner-a/members/{_membership(app, world.owner_editor)}/role", {"role": "evaluator"})
        admin = make_client().login(world.guichet_admin)
        admin.post(f"/guichet/users/{world.occupant_admin}/second-factor/reset", {"reset-reason": "Téléphone perdu."})
        page = admin.get("/guichet/users/security").get_data(as_text=True)
    for text in ("Signed in", "Sign-in refused: wrong address or password", "role changed",
                 "Second factor reset by the Guichet", "occupant.editor@example.org"):
        assert text in page, text
    with time_machine.travel(T0, tick=False):
        failed = admin.get("/guichet/users/security?theme=sign_in_failed").get_data(as_text=True)
        assert "occupant.editor@example.org" in failed and "Second factor reset" not in failed
        person = admin.get("/guichet/users/security?q=otto").get_data(as_text=True)
        assert "Second factor reset by the Guichet" in person and "occupant.editor@example.org" not in person
        later = admin.get("/guichet/users/security?since=2026-11-03").get_data(as_text=True)
        assert "Nothing matches these filters." in later
        exported = admin.get("/guichet/users/security.csv?theme=second_factor")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["event"] for row in rows] == ["Second factor reset by the Guichet"]
    assert rows[0]["person"] == "occupant.admin@example.org" and rows[0]["by"] == "guichet.admin@example.org"


def _membership(app, user_id) -> int:
    from portal.organisations.models import Membership

    with app.app_context():
        return db.session.scalar(select(Membership.id).where(Membership.user_id == user_id))


def test_a_typed_address_is_neutralised_in_the_export(app, make_client, world):
    make_client().post("/login", {"email": "=cmd@example.org", "password": "wrong-one-1"})
    admin = make_client().login(world.guichet_admin)
    rows = list(csv.DictReader(io.StringIO(admin.get("/guichet/users/security.csv").get_data(as_text=True)
                                           .lstrip("\ufeff"))))
    assert any(row["typed_address"] == "'=cmd@example.org" for row in rows)


def test_only_the_guichets_admins_read_it(app, make_client, world):
    assert make_client().login(world.guichet_moderator).get("/guichet/users/security").status_code == 403
    assert make_client().login(world.owner_admin).get("/guichet/users/security.csv").status_code == 404
    assert make_client().get("/guichet/users/security").status_code == 302


def test_sign_ins_are_forgotten_after_a_year(app, make_client, world):
    with time_machine.travel(T0, tick=False):
        make_client().sign_in("owner.editor@example.org")
    from portal.accounts.jobs import sweep_retention

    for days, left in ((364, 1), (366, 0)):
        with time_machine.travel(T0 + timedelta(days=days), tick=False), app.app_context():
            sweep_retention()
            db.session.commit()
            assert db.session.scalar(select(func.count(SignInEvent.id))) == left
    Jobs(app).run()
    with app.app_context():
        assert db.session.get(User, world.owner_editor) is not None
