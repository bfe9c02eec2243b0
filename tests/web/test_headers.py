"""The headers browsers, proxies and spreadsheets act on: HTTPS kept by the browser in production, a 405 that says
what is allowed, and CSV files that say their charset once and open with their accents in Excel."""
from __future__ import annotations

import pytest

from portal import config

BOM = "\ufeff".encode()


def test_production_tells_browsers_to_keep_to_https(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s")
    assert config.load(tmp_path, {"PORTAL_ENV": "production"})["STRICT_TRANSPORT_SECURITY"] == (
        "max-age=31536000; includeSubDomains")
    assert config.load(tmp_path, {"PORTAL_ENV": "development"})["STRICT_TRANSPORT_SECURITY"] is None


def test_every_answer_carries_the_production_hsts_header(app, client, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/").headers  # testing and development: plain HTTP
    monkeypatch.setitem(app.config, "STRICT_TRANSPORT_SECURITY", "max-age=31536000; includeSubDomains")
    for path in ("/", "/sites", "/no-such-page", "/api/v1/sites/999999"):
        assert client.get(path).headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("path", ["/sites", "/calls", "/open-data/sites.csv"])
def test_a_method_not_allowed_says_which_are(client, path):
    response = client.post(path)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["Allow"].split(",")} == {"GET", "HEAD", "OPTIONS"}


def test_the_open_data_csv_says_its_charset_once_and_starts_with_a_bom(client):
    response = client.get("/open-data/sites.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.get_data().startswith(BOM + b"id,name,")


def test_the_figures_csv_says_its_charset_once_and_starts_with_a_bom(client, world):
    client.login(world.guichet_admin)
    response = client.get("/guichet/figures/people.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.get_data().startswith(BOM)


# Public pages that browsers and nginx keep a minute, with validators (portal.ui.caching) -------------------------

PUBLIC = ["/", "/sites", "/sites?view=table&commune=ixelles", "/calls", "/open-data/sites.csv",
          "/open-data/sites.geojson", "/api/v1/sites", "/calls.atom", "/sessions/", "/library"]


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_carries_validators_and_answers_304_when_unchanged(app, client, world, path):
    from tests.support.web import count_queries

    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert {"Accept-Language", "Cookie"} <= set(first.headers["Vary"].split(", "))
    assert first.headers["ETag"].startswith('W/"') and first.last_modified is not None
    with count_queries(app) as statements:
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert len(statements) == 1                                    # the revision, not the page's queries
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_a_change_or_the_next_minute_gives_a_new_tag(app, client, world):
    import time_machine

    from portal import audit
    from portal.extensions import db
    from portal.organisations.models import Organisation

    with time_machine.travel("2026-12-02 10:00:10 +0000", tick=False):
        tag = client.get("/sites").headers["ETag"]
        assert client.get("/sites").headers["ETag"] == tag
        assert client.get("/sites?page=2").headers["ETag"] != tag            # another address
        assert client.get("/sites", headers={"Accept-Language": "nl"}).headers["ETag"] != tag
        with app.app_context():
            audit.record("organisation.updated", target=db.session.get(Organisation, world.owner), actor=None,
                         changes={"name_fr": ["a", "b"]})
            db.session.commit()
        changed = client.get("/sites", headers={"If-None-Match": tag})
        assert changed.status_code == 200 and changed.headers["ETag"] != tag
        tag = changed.headers["ETag"]
    with time_machine.travel("2026-12-02 10:01:00 +0000", tick=False):
        assert client.get("/sites", headers={"If-None-Match": tag}).status_code == 200


def test_signed_in_pages_and_visits_with_their_own_cookie_stay_private(client, world):
    client.login(world.owner_admin)
    signed_in = client.get("/sites")
    assert signed_in.headers["Cache-Control"] == "private, no-store" and "ETag" not in signed_in.headers
    assert client.get("/o/owner-a/").headers["Cache-Control"] == "private, no-store"
    client.post("/logout")
    client.get("/sites?lang=nl")                                        # the visit now has its language cookie
    visit = client.get("/sites")
    assert visit.headers["Cache-Control"] == "private, no-cache" and "ETag" in visit.headers
    assert client.get("/sites", headers={"If-None-Match": visit.headers["ETag"]}).status_code == 304


def test_a_published_site_and_call_are_shareable_pages_for_a_visitor_not_for_an_occupant(app, client, world,
                                                                                        make_client):
    """A visitor's call page holds no question form (nor its token in a cookie): the same for everybody. An
    occupant's has the form, and stays private."""
    from occupancies.workflow import PublicationStatus
    from portal.extensions import db
    from portal.organisations.models import Organisation
    from tests.support.calls import make_call
    from tests.support.sites import make_site

    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "Ancienne poste",
                         publication=PublicationStatus.published)
        call = make_call(site, title="Appel Poste")
        db.session.commit()
        site_id, call_id = site.id, call.id
    for path in (f"/sites/{site_id}", f"/calls/{call_id}"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "public, max-age=60", path
        assert not response.headers.getlist("Set-Cookie"), path
    occupant = make_client().login(world.occupant_admin)
    page = occupant.get(f"/calls/{call_id}")
    assert page.headers["Cache-Control"] == "private, no-store"
    assert "Send the question" in page.get_data(as_text=True)
