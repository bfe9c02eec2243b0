"""Figures of supply and demand (issue 20): /figures for everyone, counts and medians without a name (the Guichet's
staff also read the current needs by association); expired needs are not counted; each figure downloads as CSV
(parsed by the csv module) or Excel, its cells neutralised against formulas; the page keeps a constant number of
queries. The clock is frozen."""
import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import Decision, Selection
from calls.workflow import CallStatus
from occupancies.needs.models import Need
from occupancies.workflow import PublicationStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.sites import make_occupancy, make_site, make_unit
from tests.support.web import count_queries

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _need(organisation_id, title, uses, communes, low, high, confirmed_on=TODAY):
    db.session.add(Need(organisation_id=organisation_id, title_fr=title, description_fr="…", uses=uses, kind="built",
                        communes=communes, surface_min=Decimal(low), surface_max=Decimal(high),
                        start_on=TODAY, confirmed_on=confirmed_on, free_only=True))


@pytest.fixture
def market(app, world):
    """Three current needs (one expired beside them), a site available today of 400 m², a call decided in 2026
    whose selection meets its mix target, with an agreement drafted 40 days after its publication."""
    with app.test_request_context():
        _need(world.occupant, "=Atelier", ["culture", "social_economy"], ["ixelles"], 80, 150)
        _need(world.occupant, "Abri", ["emergency_housing"], [], 300, 800)
        _need(world.other_occupant, "Salle", ["culture"], ["ixelles", "uccle"], 50, 100)
        _need(world.other_occupant, "Ancien", ["culture"], ["forest"], 10, 20, confirmed_on=TODAY - timedelta(days=120))
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "École", publication=PublicationStatus.published, total_surface=Decimal(400),
                         available_from=TODAY - timedelta(days=100))
        units = [make_unit(site, "Rez"), make_unit(site, "Étage")]
        make_occupancy(site, [units[0]], db.session.get(Organisation, world.occupant),
                       start=TODAY - timedelta(days=70), end=None)
        call = make_call(site, status=CallStatus.decided, units=units, publication_at=NOW - timedelta(days=90),
                         deadline=NOW - timedelta(days=60), min_social_share=50)
        call.published_at = NOW - timedelta(days=90)
        selected = make_application(call, db.session.get(Organisation, world.occupant),
                                    status=ApplicationStatus.selected)
        make_application(call, db.session.get(Organisation, world.other_occupant),
                         status=ApplicationStatus.not_selected)
        db.session.add_all([Selection(call_id=call.id, application_id=selected.id, unit_ids=[units[0].id]),
                            Decision(call_id=call.id, reasons_fr="…", reasons_nl="…")])
        from occupancies.agreements.models import Agreement

        db.session.add(Agreement(organisation_id=world.owner, site_id=site.id, occupant_id=world.occupant,
                                 application_id=selected.id, reference="CONV-2026-0099",
                                 created_at=NOW - timedelta(days=50)))
        db.session.commit()


def _table(html: str, key: str) -> str:
    start = html.index(f'id="table-{key}"')
    return html[start:html.index("</table>", start)]


def test_the_public_reads_counts_without_a_name_and_expired_needs_are_left_out(client, world, market):
    html = client.get("/figures").get_data(as_text=True)
    assert 'href="/figures/needs-by-use.csv"' in html and 'href="/figures/surfaces.xlsx"' in html
    uses = _table(html, "needs-by-use")
    assert "Culture</th><td class=\"text-end\">2<" in uses and "Emergency housing</th><td class=\"text-end\">1<" in uses
    communes = _table(html, "needs-by-commune")
    assert "Ixelles</th><td class=\"text-end\">2<" in communes and "Any commune" in communes
    assert "Forest" not in communes                                     # the expired need
    surfaces = _table(html, "surfaces")
    assert ">430<" in surfaces and ">1,050<" in surfaces and ">400<" in surfaces
    calls = _table(html, "calls")
    # 2026: one call, two applications on average, one decided call with a mix target, which its selection met.
    assert '2026</th><td class="text-end">1</td><td class="text-end">2</td><td class="text-end">1</td>' \
        '<td class="text-end">1</td>' in calls
    waiting = _table(html, "waiting")
    assert "first occupancy (1 site)</th><td class=\"text-end\">30<" in waiting          # from its availability
    assert "its agreement (1 call)</th><td class=\"text-end\">40<" in waiting            # from its publication
    assert "Asbl A" not in html and "Asbl B" not in html and "needs-by-association" not in html
    guichet = client.login(world.guichet_admin).get("/figures").get_data(as_text=True)
    assert "Asbl A" in _table(guichet, "needs-by-association")


def test_each_figure_downloads_as_csv_and_excel(client, world, market):
    response = client.get("/figures/needs-by-use.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Current needs by use"] and ["Culture", "2"] in rows
    sheet = load_workbook(io.BytesIO(client.get("/figures/needs-by-use.xlsx").data)).active
    assert sheet["A1"].value == "Current needs by use"
    client.login(world.guichet_admin)
    names = list(csv.reader(io.StringIO(client.get("/figures/needs-by-association.csv").get_data(as_text=True)
                                        .lstrip("\ufeff")), delimiter=";"))
    assert ["Asbl A", "2"] in names
    assert client.get("/figures/unknown.csv").status_code == 404
    assert client.get("/figures/needs-by-use.pdf").status_code == 404


def test_the_figures_keep_a_constant_number_of_queries(app, client, world, market):
    with count_queries(app) as few:
        client.get("/figures")
    with app.test_request_context():
        for n in range(30):
            _need(world.occupant, f"Besoin {n}", ["culture"], ["ixelles"], 10, 20)
        db.session.commit()
    with count_queries(app) as many:
        client.get("/figures")
    assert len(many) == len(few)


@pytest.mark.parametrize("language,title", [("fr", "L’offre et la demande"), ("nl", "Vraag en aanbod")])
def test_the_figures_read_in_french_and_dutch(client, market, language, title):
    assert title in client.get(f"/figures?lang={language}").get_data(as_text=True)
