"""Pages keep a constant number of queries whatever the amount of data behind them."""
import pytest

from portal import audit
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from portal.organisations.workflow import OrganisationKind, OrganisationStatus, Role
from tests.factories import make_member, make_org
from tests.helpers import count_queries


def grow(app, world, n):
    """n more of everything the pages list: members, organisations, notifications, history."""
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        for i in range(n):
            make_member(owner, Role.editor)
            make_org(kind=OrganisationKind.occupant, status=OrganisationStatus.pending)
            db.session.add(Notification(user_id=world.owner_admin, kind="organisation.approved",
                                        params={"organisation": {"fr": f"O{i}", "nl": f"O{i}"}}, link="/"))
            audit.record("organisation.updated", target=owner, actor=None, changes={"name_fr": ["a", "b"]})
        db.session.commit()


PAGES = [
    ("owner_admin", "/o/owner-a/"),
    ("owner_admin", "/o/owner-a/members"),
    ("owner_admin", "/o/owner-a/organisation"),
    ("owner_admin", "/inbox"),
    ("owner_admin", "/account"),
    ("guichet_admin", "/guichet/"),
    ("guichet_admin", "/guichet/organisations"),
    ("guichet_admin", "/guichet/organisations/{owner}"),
    ("guichet_admin", "/guichet/users/"),
]


@pytest.mark.parametrize("role, url", PAGES)
def test_queries_do_not_grow_with_the_data(app, make_client, world, role, url):
    url = url.format(**world)
    client = make_client().login(world[role])
    client.get(url)  # warm caches (translations, templates)

    def measure():
        with count_queries(app) as statements:
            response = client.get(url)
        assert response.status_code == 200
        return len(statements)

    small = measure()
    grow(app, world, 3)
    medium = measure()
    grow(app, world, 30)
    large = measure()
    assert small == medium == large, f"{url}: {small} then {medium} then {large} queries"
    assert large <= 12, f"{url}: {large} queries"
