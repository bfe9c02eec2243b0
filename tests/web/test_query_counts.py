"""Pages keep a constant number of queries whatever the amount of data behind them."""
import pytest

from portal import audit
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.roles import OrganisationKind, Role
from tests.support.factories import make_member, make_org
from tests.support.web import assert_constant_queries


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


# The dashboard gathers what waits in every feature (calls, evaluation, agreements, reports, sessions): one or two
# queries each, whatever the data.
# The dashboards gather every feature's tasks or sections: the Guichet's reads the vacancy register's and the public
# management's counts too (each one query, kept until the next operation outside the tests).
MOST = {"/o/owner-a/": 15, "/guichet/": 14}


@pytest.mark.parametrize("role, url", PAGES)
def test_queries_do_not_grow_with_the_data(app, make_client, world, role, url):
    assert_constant_queries(app, make_client().login(world[role]), url.format(**world),
                            lambda n: grow(app, world, n), most=MOST.get(url, 12))


def test_dashboards_do_constant_work_whatever_the_evaluations_members_and_history(app, make_client, world):
    """Each dashboard asks for counts and the few rows it shows: with a call whose every sheet is in (the owner's
    admin is told to decide), its queries and the objects it loads stay the same as applications, scores,
    members, organisations, notifications and history grow."""
    from tests.support.evaluation import grow_evaluation, scored_evaluation

    evaluation, clients = scored_evaluation(app, world, make_client)
    assert "Every score is in" in clients.admin.get("/o/owner-a/").get_data(as_text=True)

    def more(n):
        with app.app_context():
            grow_evaluation(evaluation.call, [world.owner_evaluator, evaluation.evaluator2], n)
        grow(app, world, n)

    for client, url in ((clients.admin, "/o/owner-a/"), (clients.eva, "/o/owner-a/"),
                        (make_client().login(world.occupant_admin), "/o/occupant-a/"),
                        (make_client().login(world.guichet_admin), "/guichet/")):
        # At most 19: the owner's admin also reads the appeals waiting for an answer (issue 21).
        assert_constant_queries(app, client, url, more, sizes=(3, 10), most=19, loads=True)


def grow_sites(app, world, n):
    """n more published sites, each with three units and two occupancies, and n more units on site 'Big'."""
    from datetime import date

    from sqlalchemy import select

    from occupancies.models import Site
    from occupancies.workflow import PublicationStatus
    from tests.support.sites import make_occupancy, make_photo, make_site, make_unit

    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        occupant = db.session.get(Organisation, world.occupant)
        big = db.session.scalar(select(Site).where(Site.name == "Big"))
        if big is None:
            big = make_site(owner, "Big", publication=PublicationStatus.published)
        for i in range(n):
            site = make_site(owner, f"Grown {i}", publication=PublicationStatus.published)
            units = [make_unit(site, f"U{j}") for j in range(3)]
            make_occupancy(site, units[:2], occupant, date(2024, 1, 1), date(2024, 12, 31))
            make_occupancy(site, units[2:], None, date(2025, 1, 1), None, external="Ext")
            unit = make_unit(big, f"Big unit {len(big.units)}")
            make_occupancy(big, [unit], occupant, date(2025, 1, 1), None)
            make_photo(big)
        db.session.commit()
        return big.id


SITE_PAGES = [
    ("owner_admin", "/o/owner-a/sites/"),
    ("owner_admin", "/o/owner-a/sites/{big}"),
    ("guichet_admin", "/guichet/sites/{big}"),
    (None, "/sites"),
    (None, "/sites?view=table&commune=ixelles"),
    (None, "/sites/{big}"),
    (None, "/sites/map.geojson"),
    (None, "/open-data/sites.csv"),
    (None, "/open-data/sites.geojson"),
    (None, "/api/v1/sites"),
    (None, "/api/v1/sites/{big}"),
]


@pytest.mark.parametrize("role, url", SITE_PAGES)
def test_site_pages_do_not_grow_with_the_data(app, make_client, world, role, url):
    big = grow_sites(app, world, 1)
    client = make_client().login(world[role]) if role else make_client()
    assert_constant_queries(app, client, url.format(big=big), lambda n: grow_sites(app, world, n))
