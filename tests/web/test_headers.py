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
