"""The figures of reports (issue 8): the Guichet's region and an owner's sites, computed in SQL aggregates with a
constant number of queries, each figure downloadable as CSV and Excel with its period and filters; an owner's
figures count only its own sites."""
import io
from datetime import UTC, date, datetime

import time_machine
from openpyxl import load_workbook

from occupancies.agreements.models import Agreement
from occupancies.reports.models import Report
from occupancies.reports.workflow import ReportKind, ReportStatus
from occupancies.workflow import UseCategory
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.reports import make_active_agreement
from tests.support.sites import make_occupancy, make_site, make_unit
from tests.support.web import assert_constant_queries, count_queries

TODAY = datetime(2027, 11, 20, 10, tzinfo=UTC)


def _report(agreement, quarter, status=ReportStatus.acknowledged, **counts):
    year, q = divmod(quarter, 10)
    report = Report(organisation_id=agreement.organisation_id, agreement_id=agreement.id, site_id=agreement.site_id,
                    occupant_id=agreement.occupant_id, use_category=UseCategory.emergency_housing,
                    kind=ReportKind.housing, period_start=date(year, 3 * q - 2, 1), period_end=date(year, 3 * q, 28),
                    due_on=date(year, 3 * q, 28), quarter=quarter, status=status, **counts)
    db.session.add(report)
    return report


def _world(app, world):
    with app.test_request_context():
        a = make_active_agreement(world.owner, world.occupant)
        site_b = make_site(db.session.get(Organisation, world.other_owner), "Site B", commune="evere")
        make_unit(site_b, "B1")
        b = make_active_agreement(world.other_owner, world.other_occupant, reference="CONV-2027-0002", site=site_b)
        _report(a, 20271, persons=3, persons_axis2=3, entries=3)
        _report(a, 20272, persons=4, persons_axis2=4, entries=2, exits_durable=1)
        _report(a, 20273, status=ReportStatus.draft, persons=40)          # not submitted: never counted
        _report(b, 20272, persons=5, persons_axis1=2, entries=5)
        db.session.commit()
        return a.id, b.id


def test_the_region_adds_up_the_submitted_reports(app, world, client):
    _world(app, world)
    with time_machine.travel(TODAY, tick=False):
        client.login(world.guichet_admin)
        body = client.get("/guichet/figures/?from=2027&to=2027").get_data(as_text=True)
        assert "People housed at the end of each quarter, by ISSUE axis" in body and 'data-chart="' in body
        assert 'href="/guichet/figures/people.xlsx?from=2027&amp;to=2027' in body      # the filters go along
        # Q2 2027: owner-a's 4 on axis 2, owner-b's 2 on axis 1 and 3 with no axis.
        assert '<th scope="row" class="fw-normal">Q2 2027</th><td class="text-end">2</td><td class="text-end">4' \
               '</td><td class="text-end">0</td><td class="text-end">3</td>' in body
        csv = client.get("/guichet/figures/people.csv?from=2027&to=2027&commune=evere").get_data(as_text=True)
        lines = csv.lstrip("\ufeff").splitlines()
        assert lines[0].startswith("People housed at the end of each quarter")
        assert "Period;2027 – 2027" in lines and any(line.startswith("Commune;Evere") for line in lines)
        assert "Q2 2027;2;0;0;3" in lines and "Q3 2027;0;0;0;0" in lines   # only Evere's site
        response = client.get("/guichet/figures/exits.xlsx?from=2027&to=2027")
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.data)).active
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0][0] == "Exits during each quarter, by destination" and rows[1][:2] == ["Period", "2027 – 2027"]
        assert ["Q2 2027", 1, 0, 0, 0, 0] in rows
        assert client.get("/guichet/figures/nothing.csv").status_code == 404
        assert client.get("/guichet/figures/people.pdf").status_code == 404
        assert client.get("/guichet/figures/?from=abc&to=99999&owner=x&use=nope").status_code == 200


def test_an_owner_reads_the_figures_of_its_own_sites_only(app, world, client):
    a_id, _b = _world(app, world)
    with app.test_request_context():
        site = db.session.get(Agreement, a_id).site
        make_occupancy(site, site.units, db.session.get(Organisation, world.occupant), start=date(2027, 7, 1))
        db.session.commit()
    with time_machine.travel(TODAY, tick=False):
        client.login(world.owner_evaluator)
        body = client.get("/o/owner-a/reports/figures?from=2027&to=2027").get_data(as_text=True)
        assert "Occupancy rate of the units, by quarter (%)" in body
        # One row per site: 1 unit, occupied 143 of the 324 days so far (44.1 %), nobody housed at the end of
        # Q4 yet, one exit to durable housing, no activity, two reports counted (the draft is not).
        assert '<th scope="row" class="fw-normal">Maison Test</th><td class="text-end">1</td><td class="text-end">' \
               '44.1</td><td class="text-end">0</td><td class="text-end">1</td><td class="text-end">0</td>' \
               '<td class="text-end">2</td>' in body
        assert "Site B" not in body
        csv = client.get("/o/owner-a/reports/figures/people.csv?from=2027&to=2027").get_data(as_text=True)
        assert "Q2 2027;0;4;0;0" in csv.splitlines() and "Owner;Commune A" in csv.splitlines()
        client.login(world.occupant_admin)
        assert client.get("/o/occupant-a/reports/figures").status_code == 404


def test_the_region_keeps_a_constant_number_of_queries(app, world, client):
    a_id, _b = _world(app, world)
    counter = iter(range(1, 1000))

    def grow(n):
        with app.test_request_context():
            owner = db.session.get(Organisation, world.owner)
            for _ in range(n):
                i = next(counter)
                site = make_site(owner, f"Grown {i}", commune="ixelles" if i % 2 else "uccle")
                unit = make_unit(site, "U")
                make_occupancy(site, [unit], db.session.get(Organisation, world.occupant))
                agreement = make_active_agreement(world.owner, world.occupant, site=site,
                                                  reference=f"CONV-2027-9{i:03d}")
                _report(agreement, 20272, persons=i, persons_axis1=1, exits_durable=1)
            db.session.commit()

    with time_machine.travel(TODAY, tick=False):
        client.login(world.guichet_admin)
        assert_constant_queries(app, client, "/guichet/figures/?from=2026&to=2027", grow, sizes=(3, 12), most=16)
        client.login(world.owner_admin)
        assert_constant_queries(app, client, "/o/owner-a/reports/figures?from=2026&to=2027", grow, sizes=(3,),
                                most=20)


def test_the_figures_are_kept_for_a_while_then_computed_again(app, world, client, monkeypatch):
    """With FIGURES_CACHE_SECONDS, a second reader of the same figures gets those computed for the first (no
    aggregate runs), the page says when they were computed, and they are computed again once that time is over."""
    a, _b = _world(app, world)
    monkeypatch.setitem(app.config, "FIGURES_CACHE_SECONDS", 300)
    with app.app_context():
        from portal.extensions import cache
        cache.clear()
    url = "/guichet/figures/?from=2027&to=2027"
    row = '<th scope="row" class="fw-normal">Q4 2027</th><td class="text-end">{}</td>'
    with time_machine.travel(TODAY, tick=False):
        client.login(world.guichet_admin)
        first = client.get(url).get_data(as_text=True)
        assert row.format(0) in first and 'id="figures-computed-at"' in first
        with app.test_request_context():
            _report(db.session.get(Agreement, a), 20274, persons=7, persons_axis1=7)
            db.session.commit()
        with count_queries(app) as statements:
            kept = client.get(url).get_data(as_text=True)
        assert row.format(0) in kept                      # the figures computed a moment ago
        assert not any("sum(" in s.lower() for s in statements), statements   # no aggregate ran
        csv = client.get("/guichet/figures/people.csv?from=2027&to=2027").get_data(as_text=True)
        assert "Q4 2027;0;0;0;0" in csv                   # the download says the same as the page
    with time_machine.travel(datetime(2027, 11, 20, 10, 6, tzinfo=UTC), tick=False):
        assert row.format(7) in client.get(url).get_data(as_text=True)


def test_a_commune_outside_the_region_reads_as_no_commune(app, world, client):
    _world(app, world)
    with time_machine.travel(TODAY, tick=False):
        client.login(world.guichet_admin)
        every = client.get("/guichet/figures/people.csv?from=2027&to=2027").get_data(as_text=True)
        unknown = client.get("/guichet/figures/people.csv?from=2027&to=2027&commune=nowhere").get_data(as_text=True)
        evere = client.get("/guichet/figures/people.csv?from=2027&to=2027&commune=evere").get_data(as_text=True)
    assert unknown == every and "Commune;" not in unknown and evere != every
