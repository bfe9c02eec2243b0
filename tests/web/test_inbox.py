from sqlalchemy import select

from portal.extensions import db
from portal.notifications.models import Notification


def notify_owner_admin(app, world, n=2, link="/o/owner-a/organisation"):
    with app.app_context():
        for _ in range(n):
            db.session.add(Notification(user_id=world.owner_admin, kind="organisation.charter_recorded",
                                        params={"organisation": {"fr": "Commune A", "nl": "Gemeente A"},
                                                "date": "2026-03-14"},
                                        link=link))
        db.session.commit()
        return db.session.scalars(select(Notification.id).order_by(Notification.id)).all()


def test_the_header_shows_the_unread_count(app, client, world):
    notify_owner_admin(app, world)
    client.login(world.owner_admin)
    page = client.get("/o/owner-a/").get_data(as_text=True)
    assert 'id="unread-count">2<' in page


def test_the_inbox_reads_in_the_readers_language(app, client, world):
    notify_owner_admin(app, world, 1)
    client.login(world.owner_admin)
    assert "The Charter signature of Commune A is recorded" in client.get("/inbox").get_data(as_text=True)
    dutch = client.get("/inbox?lang=nl").get_data(as_text=True)
    assert "Gemeente A" in dutch and "Charter" in dutch


def test_marking_read_with_htmx_returns_the_item_only(app, client, world):
    first, _ = notify_owner_admin(app, world, link="")
    client.login(world.owner_admin)
    response = client.post(f"/inbox/{first}/read", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Redirect" not in response.headers
    assert html.lstrip().startswith('<li class="list-group-item') and "<html" not in html
    assert 'id="unread-count">1<' in client.get("/o/owner-a/").get_data(as_text=True)


def test_opening_with_htmx_follows_the_link_as_a_whole_page(app, client, world):
    """The button of a line with a link says "Open": with htmx too it opens the page, not only marks it read."""
    first, _ = notify_owner_admin(app, world)
    client.login(world.owner_admin)
    response = client.post(f"/inbox/{first}/read", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/o/owner-a/organisation"
    assert 'id="unread-count">1<' in client.get("/o/owner-a/").get_data(as_text=True)


def test_marking_read_without_javascript_follows_the_link(app, client, world):
    first, _ = notify_owner_admin(app, world)
    client.login(world.owner_admin)
    response = client.post(f"/inbox/{first}/read")
    assert response.status_code == 303 and response.headers["Location"] == "/o/owner-a/organisation"


def test_mark_all_read_and_others_notifications_are_not_found(app, client, world):
    first, _ = notify_owner_admin(app, world)
    client.login(world.owner_editor)
    assert client.post(f"/inbox/{first}/read").status_code == 404  # not theirs
    client.login(world.owner_admin)
    assert client.post("/inbox/read-all").status_code == 303
    assert "unread-count" not in client.get("/o/owner-a/").get_data(as_text=True)


def test_an_empty_inbox_says_so(client, world):
    client.login(world.owner_editor)
    assert "Your inbox is empty" in client.get("/inbox").get_data(as_text=True)
