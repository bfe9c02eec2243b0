"""Needs (issue 20): an association publishes what it looks for, for the owners or for everyone; every problem of
the form at once, nothing half-saved; who reads which need; a need expires 3 months after its last confirmation
and comes back when confirmed; withdrawn, it leaves the lists. The clock is frozen."""
from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from occupancies.needs.models import Need
from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.support.web import count, field_error, outbox

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
NEED = {"title_fr": "Un atelier pour la sérigraphie", "title_nl": "Een atelier voor zeefdruk",
        "description_fr": "Un atelier de 100 m² pour 12 personnes.", "uses": ["culture", "social_economy"],
        "kind": "built", "communes": ["ixelles", "saint-gilles"], "surface_min": "80", "surface_max": "150",
        "start_on": "2027-03-01", "months": "12", "budget": "capped", "monthly_max": "400",
        "equipment": ["water", "electricity"], "people": "12", "visibility": "owners"}


def publish(client, **changes):
    return client.post("/o/occupant-a/needs/new", {**NEED, **changes})


def at(day, hour=10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


def test_an_association_publishes_a_need_and_reads_it_on_its_page(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        association = make_client().login(world.occupant_admin)
        form = association.get("/o/occupant-a/needs/new").get_data(as_text=True)
        assert 'value="2026-12-03"' in form                                     # from today, unless changed
        assert publish(association).status_code == 303
        page = association.get("/o/occupant-a/needs/").get_data(as_text=True)
    assert "Un atelier pour la sérigraphie" in page or "Een atelier voor zeefdruk" in page
    assert "Published until Mar 3, 2027" in page and "up to €400.00 a month" in page
    with app.app_context():
        need = db.session.scalars(select(Need)).one()
        assert need.uses == ["culture", "social_economy"] and need.communes == ["ixelles", "saint-gilles"]
        assert not need.free_only and need.monthly_max == 400 and need.equipment == ["electricity", "water"]
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.target_type == "needs")) == \
            "need.published"


def test_every_problem_of_the_form_is_shown_at_once_and_nothing_is_saved(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        association = make_client().login(world.occupant_admin)
        response = publish(association, title_fr="", title_nl="", description_fr="", uses=[], surface_min="200",
                           monthly_max="", start_on="2029-01-01")
        html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "title in French or in Dutch" in field_error(html, "title_fr")
    assert "Describe the need" in field_error(html, "description_fr")
    assert "at least one use" in field_error(html, "uses")
    assert "cannot be smaller than the smallest" in field_error(html, "surface_max")
    assert "next two years at most" in field_error(html, "start_on")
    assert "the most your association can pay" in field_error(html, "monthly_max")
    assert count(app, Need) == 0


def test_a_need_for_the_owners_is_read_by_owners_and_the_guichet_and_a_public_one_by_everyone(
        app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        association = make_client().login(world.occupant_admin)
        publish(association, title_fr="Pour les propriétaires", title_nl="")
        publish(association, title_fr="Pour tout le monde", title_nl="", visibility="public")
        with app.app_context():
            owners_id, public_id = (n.id for n in db.session.scalars(select(Need).order_by(Need.id)))
        visitor = make_client()
        listed = visitor.get("/needs").get_data(as_text=True)
        assert "Pour tout le monde" in listed and "Pour les propriétaires" not in listed
        assert visitor.get(f"/needs/{owners_id}").status_code == 404
        assert visitor.get(f"/needs/{public_id}").status_code == 200
        for reader in (world.owner_evaluator, world.guichet_moderator):
            listed = make_client().login(reader).get("/needs").get_data(as_text=True)
            assert "Pour les propriétaires" in listed and "Pour tout le monde" in listed
        other = make_client().login(world.other_occupant_admin)
        assert other.get(f"/needs/{owners_id}").status_code == 404               # another association
        assert other.get(f"/o/occupant-b/needs/{owners_id}/edit").status_code == 404
        assert make_client().login(world.owner_admin).get("/o/owner-a/needs/").status_code == 404


def test_a_need_expires_after_3_months_comes_back_when_confirmed_and_leaves_when_withdrawn(
        app, make_client, world):
    from datetime import date

    with time_machine.travel(NOW, tick=False):
        association = make_client().login(world.occupant_admin)
        publish(association, visibility="public")
        with app.app_context():
            need_id = db.session.scalars(select(Need.id)).one()
    with at(date(2027, 3, 3)):
        assert f"/needs/{need_id}" in make_client().get("/needs").get_data(as_text=True)   # its last day
    with at(date(2027, 3, 4)):
        visitor = make_client()
        assert f"/needs/{need_id}" not in visitor.get("/needs").get_data(as_text=True)
        assert visitor.get(f"/needs/{need_id}").status_code == 404
        association = make_client().login(world.occupant_admin)
        assert "Expired on Mar 3, 2027" in association.get("/o/occupant-a/needs/").get_data(as_text=True)
        assert association.post(f"/o/occupant-a/needs/{need_id}/confirm").status_code == 303
        assert f"/needs/{need_id}" in visitor.get("/needs").get_data(as_text=True)
        assert "Published until Jun 4, 2027" in association.get("/o/occupant-a/needs/").get_data(as_text=True)
        assert association.post(f"/o/occupant-a/needs/{need_id}/withdraw").status_code == 303
        assert f"/needs/{need_id}" not in visitor.get("/needs").get_data(as_text=True)
        html = association.post(f"/o/occupant-a/needs/{need_id}/edit", NEED).get_data(as_text=True)
        assert "withdrawn need is not changed" in html
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.target_type == "needs")
                                     .order_by(AuditEvent.id)).all()
    assert actions == ["need.published", "need.confirmed", "need.withdrawn"]


def test_the_association_changes_its_need_and_a_reader_cannot(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        association = make_client().login(world.occupant_admin)
        publish(association)
        with app.app_context():
            need_id = db.session.scalars(select(Need.id)).one()
        form = association.get(f"/o/occupant-a/needs/{need_id}/edit").get_data(as_text=True)
        assert 'value="Un atelier pour la sérigraphie"' in form and 'checked class="form-check-input" id="budget-1"' \
            in form                                                               # "capped", as published
        assert association.post(f"/o/occupant-a/needs/{need_id}/edit",
                                {**NEED, "budget": "free", "surface_max": "300"}).status_code == 303
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert need.free_only and need.monthly_max is None and need.surface_max == 300


def test_the_needs_list_and_the_associations_page_keep_a_constant_number_of_queries(app, make_client, world):
    from tests.support.web import assert_constant_queries

    with time_machine.travel(NOW, tick=False):
        association = make_client().login(world.occupant_admin)
        owner = make_client().login(world.owner_admin)

        def grow(n):
            for k in range(n):
                publish(association, title_fr=f"Besoin {k}", visibility="public" if k % 2 else "owners")

        assert_constant_queries(app, owner, "/needs", grow, sizes=(2, 6), most=6)
        assert_constant_queries(app, association, "/o/occupant-a/needs/", grow, sizes=(2, 6), most=6)


def test_the_association_is_reminded_once_the_week_before_its_need_expires(app, make_client, world, jobs):
    from datetime import date

    from occupancies.needs.jobs import sweep_expiring
    from portal.notifications.models import Notification

    with time_machine.travel(datetime(2026, 9, 8, 10, tzinfo=UTC), tick=False):
        assert publish(make_client().login(world.occupant_admin)).status_code == 303   # expires on 8 December
    with at(date(2026, 11, 30)), app.test_request_context():
        assert sweep_expiring() == 0                                    # 8 days before: not yet
    with at(date(2026, 12, 1)), app.test_request_context():
        assert sweep_expiring() == 1
        db.session.commit()
        assert sweep_expiring() == 0                                    # once
        db.session.commit()
    jobs.run()
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.kind == "needs.expiring")).all()
        assert sorted(n.user_id for n in told) == sorted([world.occupant_admin, world.occupant_editor])
        assert db.session.scalar(select(Need.reminded_for)) == date(2026, 12, 8)
    dutch = [m for m in outbox(app, "occupant.editor@example.org") if "8 december 2026" in m[2]]
    assert len(dutch) == 1 and dutch[0][1] == "nl"
    with at(date(2026, 12, 2)):
        association = make_client().login(world.occupant_admin)
        with app.app_context():
            need_id = db.session.scalar(select(Need.id))
        assert association.post(f"/o/occupant-a/needs/{need_id}/confirm").status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Need.reminded_for)) is None     # the next expiry will be reminded
