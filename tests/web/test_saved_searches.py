"""Saved searches (issue 20): someone signed in keeps a filter of the public sites or calls (named after its filters
unless they name it), opens it again, follows it as an Atom feed (anyone may: the feeds take the lists' filters),
and is told when a site or a call it keeps is published; the same search twice, or more than 20, is refused, and
nothing is half-saved; only its person reads, silences or deletes it. The clock is frozen."""
import html
import re
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
import time_machine
from sqlalchemy import select

from calls import operations as call_ops
from calls.workflow import CallStatus
from occupancies.models import Site
from occupancies.needs.models import SavedSearch
from occupancies.workflow import PublicationStatus
from portal.accounts.models import User
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sites import make_site, make_unit
from tests.support.web import count

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _save(client, target, query, name=""):
    page = client.get(f"/{target}?{query}").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/searches/".*?</form>', page, re.S).group(0)
    hidden = {name: html.unescape(value) for name, value in re.findall(r'name="(target|query)"[^>]*value="([^"]*)"',
                                                                          form)}
    return client.post("/searches/", {**hidden, "name": name})


def _site(app, world, commune="ixelles", publication=PublicationStatus.submitted, name="Ancienne poste"):
    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), name, commune=commune, publication=publication)
        make_unit(site, "Rez")
        db.session.commit()
        return site.id


def test_a_person_saves_the_filters_of_a_list_once(app, client, make_client, world):
    assert 'action="/searches/"' not in make_client().get("/calls?commune=ixelles").get_data(as_text=True)
    client.login(world.occupant_admin)
    response = _save(client, "calls", "commune=ixelles&use=culture&page=3&bogus=1")
    assert response.status_code == 303 and response.headers["Location"] == "/searches/"
    with app.app_context():
        search = db.session.scalars(select(SavedSearch)).one()
        assert (search.target, search.query, search.name, search.alert) == \
            ("calls", "commune=ixelles&use=culture", "Calls · Ixelles · Culture", True)
    page = client.get("/searches/").get_data(as_text=True)
    assert "/calls?commune=ixelles&amp;use=culture" in page and "/calls.atom?commune=ixelles&amp;use=culture" in page
    again = _save(client, "calls", "use=culture&commune=ixelles", name="Encore")
    assert again.status_code == 303 and again.headers["Location"].startswith("/calls?")
    assert "already saved this search" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert client.post("/searches/", {"target": "users", "query": "commune=ixelles"}).status_code == 303
    # A forged query string is only ever read through the list's filters: no error page, nothing saved twice.
    forged = client.post("/searches/", {"target": "calls",
                                        "query": "endpoint=x&_method=DELETE&commune=ixelles&use=culture"})
    assert forged.status_code == 303 and forged.headers["Location"] == "/calls?commune=ixelles&use=culture"
    named = client.post("/searches/", {"target": "sites", "query": "commune=uccle", "name": "x" * 121})
    assert "At most 120 characters" in client.get(named.headers["Location"]).get_data(as_text=True)
    long = client.post("/searches/", {"target": "sites", "query": "q=" + "%E2%82%AC" * 100})
    assert "too long to keep" in client.get(long.headers["Location"]).get_data(as_text=True)
    assert count(app, SavedSearch) == 1
    with app.app_context():
        for number in range(19):
            db.session.add(SavedSearch(user_id=world.occupant_admin, target="sites", query=f"q=x{number}",
                                       name=f"S{number}"))
        db.session.commit()
    refused = _save(client, "sites", "commune=uccle")
    assert "20 searches at most" in client.get(refused.headers["Location"]).get_data(as_text=True)
    assert count(app, SavedSearch) == 20


def test_a_site_published_that_a_search_keeps_tells_its_person(app, client, make_client, world, jobs):
    client.login(world.occupant_admin)
    assert _save(client, "sites", "commune=ixelles").status_code == 303
    assert _save(client, "sites", "commune=ixelles&kind=built", name="Bâti\r\nBcc: x@example.org").status_code == 303
    assert _save(client, "sites", "commune=uccle").status_code == 303
    site_id = _site(app, world)
    moderator = make_client().login(world.guichet_moderator)
    assert moderator.post(f"/guichet/sites/{site_id}/publish", {"confirm": "y"}).status_code == 303
    jobs.run()
    with app.app_context():
        alerts = db.session.scalars(select(Notification).where(Notification.kind == "needs.search_alert")).all()
        # Two of the person's searches keep the site: one message.
        assert [(n.user_id, n.link, n.params["search"]) for n in alerts] == \
            [(world.occupant_admin, f"/sites/{site_id}", "Sites · Ixelles")]
        assert db.session.scalar(select(SavedSearch.name).where(SavedSearch.query.contains("kind=built"))) \
            == "Bâti Bcc: x@example.org"                                # one line: it becomes a subject
    # The feed of the filter keeps it; another commune's does not.
    feed = ElementTree.fromstring(make_client().get("/sites.atom?commune=ixelles").data)
    assert [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")] == ["Ancienne poste"]
    assert not list(ElementTree.fromstring(make_client().get("/sites.atom?commune=uccle").data)
                    .iter(f"{ATOM}entry"))


def test_a_call_going_public_alerts_the_searches_that_keep_it_and_are_on(app, client, world, jobs):
    client.login(world.occupant_admin)
    assert _save(client, "calls", "commune=ixelles").status_code == 303
    with app.app_context():
        silenced = SavedSearch(user_id=world.owner_admin, target="calls", query="commune=ixelles", name="Off",
                               alert=False)
        db.session.add(silenced)
        db.session.commit()
    site_id = _site(app, world, publication=PublicationStatus.published)
    with app.test_request_context():
        call = make_call(db.session.get(Site, site_id), status=CallStatus.approved, title="Appel Flagey",
                         approved_by=db.session.get(User, world.guichet_moderator))
        assert call_ops.publish_call(call)
        db.session.commit()
        call_id = call.id
    jobs.run()
    with app.app_context():
        told = [(n.user_id, n.link) for n in db.session.scalars(select(Notification).where(
            Notification.kind == "needs.search_alert"))]
    assert told == [(world.occupant_admin, f"/calls/{call_id}")]
    feed = ElementTree.fromstring(client.get("/calls.atom?commune=ixelles").data)
    assert [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")] == ["Appel Flagey"]
    assert not list(ElementTree.fromstring(client.get("/calls.atom?commune=uccle").data).iter(f"{ATOM}entry"))


def test_only_its_person_silences_or_deletes_a_search(app, client, make_client, world):
    client.login(world.occupant_admin)
    assert _save(client, "calls", "commune=ixelles").status_code == 303
    with app.app_context():
        search_id = db.session.scalar(select(SavedSearch.id))
    other = make_client().login(world.owner_admin)
    assert other.post(f"/searches/{search_id}/alert").status_code == 404
    assert other.post(f"/searches/{search_id}/delete").status_code == 404
    assert client.post(f"/searches/{search_id}/alert").status_code == 303
    with app.app_context():
        assert db.session.get(SavedSearch, search_id).alert is False
    assert client.post(f"/searches/{search_id}/delete").status_code == 303
    assert count(app, SavedSearch) == 0
