"""The index series of the public management right, kept by the Guichet's admins, and the capped rents they give
on the public page. The clock is frozen: "a month that has begun" depends on it."""
from datetime import UTC, datetime

import time_machine
from sqlalchemy import select

from occupancies.dgp.models import IndexValue
from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.support.web import count, field_error

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
GUIDE_2023 = ("€400.23", "€461.79", "€538.76", "€646.52", "€769.67", "€954.38", "€579.53", "€692.61")


def test_an_admin_of_the_guichet_records_the_health_index_and_the_rents_follow_it(app, client, world):
    with time_machine.travel(NOW, tick=False):
        before = client.get("/dgp/rents?year=2023").get_data(as_text=True)
        assert "is not recorded yet" in before and "€328.81" in before and "€400.23" not in before
        client.login(world.guichet_admin)
        response = client.post("/guichet/dgp/indices", data={"series": "health", "month": "2022-08",
                                                             "value": "123,68"})     # a comma, as one writes it
        assert response.status_code == 303
        page = client.get("/guichet/dgp/indices").get_data(as_text=True)
        assert "The value is recorded" in page and "August 2022" in page and "123.68" in page
        rents = client.get("/dgp/rents?year=2023").get_data(as_text=True)
    assert all(cap in rents for cap in GUIDE_2023)                 # the guide's indexed column, to the cent
    assert "Health index of August 2022: 123.68." in rents
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "dgp.index_recorded")).all()
        assert event.actor_id == world.guichet_admin and event.changes["value"] == [None, "123.68"]


def test_a_value_recorded_again_for_its_month_is_a_correction_kept_in_the_log(app, client, world):
    with time_machine.travel(NOW, tick=False):
        client.login(world.guichet_admin)       # on the frozen clock: a session signed later would be refused
        for value in ("120.00", "123.68"):
            assert client.post("/guichet/dgp/indices", data={"series": "health", "month": "2022-08",
                                                            "value": value}).status_code == 303
        rents = client.get("/dgp/rents?year=2023").get_data(as_text=True)
    assert count(app, IndexValue) == 1 and "€400.23" in rents
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "dgp.index_corrected")).all()
        assert event.changes["value"] == ["120.00", "123.68"]


def test_every_problem_of_the_form_is_shown_beside_its_field_and_nothing_is_saved(app, client, world):
    with time_machine.travel(NOW, tick=False):
        client.login(world.guichet_admin)
        cases = [
            ({"series": "health", "month": "2022-13", "value": "123.456"},
             {"month": "such as 2023-08", "value": "two decimals at most"}),
            ({"series": "health", "month": "2027-01", "value": "0"},
             {"month": "a month that has begun", "value": "above 0"}),
            ({"series": "health", "month": "", "value": "douze"}, {"month": "", "value": "such as 123,68"}),
            ({"series": "gold", "month": "2022-08", "value": "123.68"}, {"series": ""}),
        ]
        for data, messages in cases:
            response = client.post("/guichet/dgp/indices", data=data)
            assert response.status_code == 422, data
            page = response.get_data(as_text=True)
            for field, message in messages.items():
                assert message in field_error(page, field), (data, field)
    assert count(app, IndexValue) == 0


def test_a_moderator_reads_the_series_but_only_an_admin_records_a_value(app, client, world):
    client.login(world.guichet_moderator)
    page = client.get("/guichet/dgp/indices").get_data(as_text=True)
    assert "Health index (base 2013)" in page and "Record a value" not in page
    assert client.post("/guichet/dgp/indices", data={"series": "health", "month": "2022-08",
                                                     "value": "123.68"}).status_code == 403
    assert count(app, IndexValue) == 0


def test_the_rents_page_speaks_french_and_dutch(app, client, world):
    with app.app_context():
        from datetime import date
        from decimal import Decimal

        db.session.add(IndexValue(series="health", month=date(2022, 8, 1), value=Decimal("123.68")))
        db.session.commit()
    french = client.get("/dgp/rents?year=2023&lang=fr").get_data(as_text=True)
    dutch = client.get("/dgp/rents?year=2023&lang=nl").get_data(as_text=True)
    assert "Loyers maximums" in french and "400,23\u00a0€" in french
    assert "Maximale huurprijzen" in dutch and "€\u00a0400,23" in dutch


def test_the_demo_holds_the_health_index_of_the_guides_table_and_two_abex_values_once(app_context):
    from portal.demo import load
    from portal.demo.dgp import load_dgp

    load()
    load_dgp()
    values = db.session.scalars(select(IndexValue).order_by(IndexValue.series, IndexValue.month)).all()
    assert [(v.series, v.month.isoformat(), str(v.value)) for v in values] == [
        ("abex", "2022-05-01", "1188.00"), ("abex", "2025-11-01", "1262.00"), ("health", "2022-08-01", "123.68")]
