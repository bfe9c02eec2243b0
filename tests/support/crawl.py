"""The pages each kind of person reads, gathered from app.url_map in the access matrix's world
(tests.support.access_matrix.world): every GET route that answers a page (200, HTML) to that person. The web tier
reads them through the test client (tests/web/test_scroll_tables.py), the browser tier at 360 px
(tests/browser/test_phones.py)."""
from __future__ import annotations

from portal.accounts.models import User
from portal.extensions import db
from tests.support.access_matrix.world import url_for_endpoint

# One person of each kind: the Guichet, an owner's administrator and its evaluator, an association's administrator,
# and a visitor who is not signed in.
KINDS_OF_PEOPLE = ("anonymous", "guichet_admin", "owner_admin", "owner_evaluator", "occupant_admin")
NOT_PAGES = {"static", "public.healthz"}


def get_endpoints(app) -> list[str]:
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in NOT_PAGES})


def pages_of(app, client, world: dict, role: str) -> list[str]:
    """The URLs that answer `role` (already signed in on `client`) a page: 200 and text/html."""
    urls = []
    for endpoint in get_endpoints(app):
        url = url_for_endpoint(app, endpoint, world["values"])
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            urls.append(url)
    return urls


def email_of(app, user_id: int) -> str:
    with app.app_context():
        return db.session.get(User, user_id).email
