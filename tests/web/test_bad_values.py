"""Out-of-range numbers, empty and malformed values in every query string answer a page, never a 500.

The crawl walks app.url_map: every GET route of the access matrix, requested anonymously and by a member of each
kind of organisation, in the matrix's world. A first request records which query-string parameters the page reads
(the request class is swapped for one that notes every name looked up); then each of those parameters is sent
alone with each bad value, and all of them together.
"""
from __future__ import annotations

import re

import pytest
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict

from portal.extensions import db
from tests.support.access_matrix.world import build_world, url_for_endpoint

TOO_LARGE = "99999999999999999999"
BAD_VALUES = (TOO_LARGE, "-" + TOO_LARGE, "", "abc", "-1", "1e400", "9999-12-31", "\N{RIGHT-TO-LEFT OVERRIDE}1")
CRAWLERS = ("anonymous", "guichet_admin", "owner_admin", "occupant_admin")
NOT_FILTERS = {"lang"}  # the language link, the same on every page and tested on its own


class _Recording(ImmutableMultiDict):
    """A query string that notes the names looked up in it."""

    read: set[str] = set()

    def __getitem__(self, key):
        _Recording.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):  # noqa: A002 - werkzeug's signature
        _Recording.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        _Recording.read.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        _Recording.read.add(key)
        return super().__contains__(key)


class _RecordingRequest(Request):
    parameter_storage_class = _Recording


def _with(url: str, params: dict) -> str:
    from urllib.parse import urlencode

    return url + ("&" if "?" in url else "?") + urlencode(params)


@pytest.mark.parametrize("role", CRAWLERS)     # one test per crawler: the suite's workers share them
def test_no_query_string_value_answers_500(app, make_client, monkeypatch, role):
    world = build_world(app)
    monkeypatch.setattr(app, "request_class", _RecordingRequest)
    gets = sorted({rule.endpoint for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint != "static"})
    failures = []
    client = make_client()
    if role != "anonymous":
        client.login(world["users"][role])
    for endpoint in gets:
        url = url_for_endpoint(app, endpoint, world["values"])
        _Recording.read = set()
        first = client.get(url)
        if first.status_code >= 500:
            failures.append(f"{role}: GET {url} answered {first.status_code}")
        names = sorted(_Recording.read - NOT_FILTERS)
        for value in BAD_VALUES:
            tried = [_with(url, {name: value}) for name in names]
            if len(names) > 1:
                tried.append(_with(url, dict.fromkeys(names, value)))
            for bad in tried:
                response = client.get(bad)
                if response.status_code >= 500:
                    failures.append(f"{role}: GET {bad} answered {response.status_code}")
    assert not failures, f"{len(failures)} answers of 500 or more:\n" + "\n".join(sorted(set(failures))[:60])


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc", ""])
def test_the_recording_sees_the_parameters_a_page_reads(app, client, value):
    """The crawl above is only as good as what it records: the public sites' list reads its filters and its page."""
    app_request_class = app.request_class
    app.request_class = _RecordingRequest
    try:
        _Recording.read = set()
        assert client.get(_with("/sites", {"page": value})).status_code == 200
    finally:
        app.request_class = app_request_class
    assert {"page", "commune", "kind"} <= _Recording.read


# Item 20's seven: numbers too large for a column, where each was found.
SEVEN = [
    ("guichet_admin", "/guichet/figures/?owner=" + TOO_LARGE),
    ("guichet_admin", "/guichet/figures/people.xlsx?owner=" + TOO_LARGE),
    ("owner_admin", "/o/owner-a/reports/?site=" + TOO_LARGE),
    ("owner_admin", "/o/owner-a/reports/?page=" + TOO_LARGE),
    ("owner_admin", "/o/owner-a/calls/new?site_id=" + TOO_LARGE),
    ("owner_admin", "/o/owner-a/agreements/new?application_id=" + TOO_LARGE),
    ("anonymous", "/api/v1/sites?page=" + TOO_LARGE),
]


def test_numbers_too_large_for_a_column_answer_a_page(app, make_client):
    world = build_world(app)
    answers = {}
    for role, url in SEVEN:
        client = make_client()
        if role != "anonymous":
            client.login(world["users"][role])
        answers[url] = client.get(url).status_code
    assert answers == {
        "/guichet/figures/?owner=" + TOO_LARGE: 200,               # as if no owner were chosen
        "/guichet/figures/people.xlsx?owner=" + TOO_LARGE: 200,
        "/o/owner-a/reports/?site=" + TOO_LARGE: 200,
        "/o/owner-a/reports/?page=" + TOO_LARGE: 200,
        "/o/owner-a/calls/new?site_id=" + TOO_LARGE: 200,          # the choice of a site
        "/o/owner-a/agreements/new?application_id=" + TOO_LARGE: 200,  # the choice of a site and an occupant
        "/api/v1/sites?page=" + TOO_LARGE: 400,                    # the API says what is wrong
    }


def test_an_evaluator_id_too_large_is_refused_beside_the_field(app, make_client):
    world = build_world(app)
    client = make_client().login(world["users"]["owner_admin"])
    url = url_for_endpoint(app, "evaluation.assign", world["values"])
    response = client.post(url, {"evaluators": [TOO_LARGE]})
    assert response.status_code == 422
    error = re.search(r'id="evaluators-error">(.*?)</div>', response.get_data(as_text=True), re.S)
    assert error and "not one of those offered" in error.group(1)


FORM_VALUES = (TOO_LARGE, "NaN", "9999-12-31T23:59")


@pytest.mark.parametrize("role", CRAWLERS[1:])
def test_no_form_value_answers_500(app, make_client, monkeypatch, role):
    """Every POST route of the access matrix, as a member of each kind of organisation: the fields an empty post
    reads, each filled with a number no column holds, a number that is no number, a date at the end of time.
    Nothing is committed (each request's work is flushed, so that the database still sees every value, then
    rolled back at its end): every route meets the same world."""
    world = build_world(app)
    monkeypatch.setattr(app, "request_class", _RecordingRequest)
    monkeypatch.setattr(db.session, "commit", db.session.flush)
    posts = sorted({rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods})
    failures = []
    for endpoint in posts:
        client = make_client().login(world["users"][role])  # signing out signs out this client only
        url = url_for_endpoint(app, endpoint, world["values"])
        _Recording.read = set()
        client.post(url, {})
        names = sorted(_Recording.read - {"csrf_token", "lang"})
        for value in FORM_VALUES if names else ():
            response = client.post(url, dict.fromkeys(names, value))
            if response.status_code >= 500:
                failures.append(f"{role}: POST {url} {names} = {value!r} answered {response.status_code}")
    assert not failures, f"{len(failures)} answers of 500 or more:\n" + "\n".join(failures[:60])
