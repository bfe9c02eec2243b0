"""Matching at once (issue 20): a site the Guichet publishes, or a call that goes public, is matched against every
current need through a job once the publication has committed; each association it meets is told once, each of its
writers in their language, with why; the owner's pages count the current needs its site or call meets and show
them; a need published afterwards finds the places already on offer. The clock is frozen."""
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import select

from calls import operations as call_ops
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.models import Site
from occupancies.needs.models import Need, NeedMatch
from occupancies.workflow import PublicationStatus
from portal.accounts.models import User
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sites import make_site, make_unit
from tests.support.web import count, outbox

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _need(organisation_id, title, *, communes=("ixelles",), confirmed_on=TODAY, **fields):
    need = Need(organisation_id=organisation_id, title_fr=title, title_nl=f"{title} (nl)",
                description_fr="Description", uses=fields.pop("uses", ["culture"]), kind="built",
                communes=list(communes), surface_min=Decimal(80), surface_max=Decimal(150),
                start_on=date(2027, 1, 1), months=12, free_only=True, equipment=["water"],
                confirmed_on=confirmed_on, **fields)
    db.session.add(need)
    db.session.flush()
    return need.id


@pytest.fixture
def needs(app, world):
    """Four needs: occupant-a's and occupant-b's met by a site of Ixelles; one in Uccle only; one of occupant-a
    expired (confirmed more than 3 months ago)."""
    with app.app_context():
        ids = {"a": _need(world.occupant, "Atelier de sérigraphie"),
               "b": _need(world.other_occupant, "Salle de répétition"),
               "uccle": _need(world.other_occupant, "Jardin à Uccle", communes=("uccle",)),
               "expired": _need(world.occupant, "Ancien besoin", confirmed_on=TODAY - timedelta(days=100))}
        db.session.commit()
    return ids


def _site(app, world, publication=PublicationStatus.submitted):
    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort", publication=publication,
                         has_water=True, available_from=date(2026, 12, 15))
        make_unit(site, "Rez", surface=120)
        db.session.commit()
        return site.id


def _told(app):
    with app.app_context():
        return sorted((n.user.email, n.kind) for n in db.session.scalars(select(Notification)))


def test_a_site_published_tells_each_association_whose_need_it_meets_once_in_its_language(
        app, world, make_client, jobs, needs):
    site_id = _site(app, world)
    moderator = make_client().login(world.guichet_moderator)
    assert moderator.post(f"/guichet/sites/{site_id}/publish", {"confirm": "y"}).status_code == 303
    jobs.run()
    with app.app_context():
        matched = {m.need_id: m for m in db.session.scalars(select(NeedMatch))}
        assert set(matched) == {needs["a"], needs["b"]}            # not Uccle's, not the expired one
        assert matched[needs["a"]].score == 100 and matched[needs["a"]].told_at is not None
        writers = {u.email for u in db.session.scalars(select(User).where(User.id.in_(
            [world.occupant_admin, world.occupant_editor, world.other_occupant_admin])))}
    told = _told(app)
    assert {email for email, kind in told if kind == "needs.match"} == writers
    assert len(told) == len(set(told))                               # each person once
    dutch = outbox(app, "occupant.editor@example.org")[-1]
    assert dutch[1] == "nl" and "École Ransfort" in dutch[2]
    assert "Oppervlakte: 120 m² binnen 80–150 m² (40/40)" in dutch[3], dutch[3]
    english = outbox(app, "occupant.admin@example.org")[-1]
    assert "Atelier de sérigraphie (100/100)" in english[3] and "Surface: 120 m² within 80–150 m²" in english[3]
    assert "/o/occupant-a/needs/matches#site-" in english[3]

    # Withdrawn from the list and published again: nobody is told twice.
    assert moderator.post(f"/guichet/sites/{site_id}/withdraw", {"reason": "Erreur d'adresse"}).status_code == 303
    with app.app_context():
        db.session.get(Site, site_id).publication = PublicationStatus.submitted
        db.session.commit()
    assert moderator.post(f"/guichet/sites/{site_id}/publish", {"confirm": "y"}).status_code == 303
    jobs.run()
    assert [kind for _email, kind in _told(app)].count("needs.match") == len(writers)


def test_the_owner_sees_the_current_needs_its_site_meets_and_the_association_why(
        app, world, make_client, jobs, needs):
    site_id = _site(app, world)
    make_client().login(world.guichet_moderator).post(f"/guichet/sites/{site_id}/publish", {"confirm": "y"})
    jobs.run()
    owner = make_client().login(world.owner_admin)
    page = owner.get(f"/o/owner-a/sites/{site_id}").get_data(as_text=True)
    assert "2 current needs of associations meet it" in page
    assert "Atelier de sérigraphie" in page and "Salle de répétition" in page and "Jardin à Uccle" not in page
    association = make_client().login(world.occupant_admin)
    mine = association.get("/o/occupant-a/needs/matches").get_data(as_text=True)
    assert f'id="site-{site_id}"' in mine and "Score 100/100" in mine
    assert "Commune: Ixelles, among those sought" in mine and "Terms: to be agreed with the owner" in mine
    assert "Salle de répétition" not in mine                          # another association's need
    index = association.get("/o/occupant-a/needs/").get_data(as_text=True)
    assert "1 place on offer meets it" in index

    # The association withdraws its need: the owner counts current needs only.
    with app.app_context():
        need_id = needs["a"]
    assert association.post(f"/o/occupant-a/needs/{need_id}/withdraw").status_code == 303
    jobs.run()
    page = owner.get(f"/o/owner-a/sites/{site_id}").get_data(as_text=True)
    assert "1 current need of an association meets it" in page and "Atelier de sérigraphie" not in page


def test_a_call_going_public_is_matched_after_its_publication_commits_with_its_terms(app, world, jobs, needs):
    site_id = _site(app, world, publication=PublicationStatus.published)
    with app.test_request_context():
        site = db.session.get(Site, site_id)
        call = make_call(site, status=CallStatus.approved, title="Appel Ransfort", units=site.units,
                         free_use=False, monthly_fee=Decimal(50), publication_at=NOW - timedelta(hours=1),
                         approved_by=db.session.get(User, world.guichet_moderator))
        assert call_ops.publish_call(call)
        assert count_in_session(NeedMatch) == 0        # the matching waits for the publication's commit
        db.session.commit()
        call_id = call.id
    jobs.run()
    with app.app_context():
        # The call asks a fee: the needs of a free use only are not met; the site alone did not match (its
        # publication happened before any need).
        assert db.session.scalars(select(NeedMatch)).all() == []
        db.session.get(Need, needs["a"]).free_only = False
        db.session.get(Need, needs["a"]).monthly_max = Decimal(60)
        db.session.commit()
    with app.test_request_context():
        from occupancies.needs.jobs import match_call

        assert match_call(call_id) == 1
        db.session.commit()
    with app.app_context():
        found = db.session.scalars(select(NeedMatch)).one()
        assert (found.need_id, found.offer, found.call_id) == (needs["a"], f"call-{call_id}", call_id)
        budget = next(line for line in found.lines if line["code"] == "budget")
        assert budget == {"code": "budget", "met": True, "points": None,
                          "values": {"fee": "50.00", "max": "60.00", "free_only": False}}
        assert db.session.get(Call, call_id).status == CallStatus.published


def count_in_session(model) -> int:
    return len(db.session.scalars(select(model)).all())


def test_a_need_published_after_the_site_finds_it_and_forgets_it_when_changed(app, world, make_client, jobs):
    site_id = _site(app, world, publication=PublicationStatus.published)
    association = make_client().login(world.occupant_admin)
    form = {"title_fr": "Atelier", "description_fr": "Un atelier.", "uses": ["culture"], "kind": "built",
            "communes": ["ixelles"], "surface_min": "80", "surface_max": "150", "start_on": "2027-01-01",
            "months": "12", "budget": "free", "equipment": ["water"], "visibility": "owners"}
    assert association.post("/o/occupant-a/needs/new", form).status_code == 303
    jobs.run()
    with app.app_context():
        need_id = db.session.scalar(select(Need.id))
        assert db.session.scalar(select(NeedMatch.offer)) == f"site-{site_id}"
    assert _told(app) == []                        # the association acted: its page shows the place
    assert f'id="site-{site_id}"' in association.get("/o/occupant-a/needs/matches").get_data(as_text=True)
    assert association.post(f"/o/occupant-a/needs/{need_id}/edit", {**form, "communes": ["uccle"]}).status_code \
        == 303
    jobs.run()
    assert count(app, NeedMatch) == 0


def test_the_owners_call_page_counts_the_needs_it_meets(app, world, make_client, jobs, needs):
    site_id = _site(app, world, publication=PublicationStatus.published)
    with app.test_request_context():
        site = db.session.get(Site, site_id)
        call_id = make_call(site, title="Appel Ransfort", units=site.units).id
        db.session.commit()
        from occupancies.needs.jobs import match_call

        assert match_call(call_id) == 2
        db.session.commit()
    page = make_client().login(world.owner_admin).get(f"/o/owner-a/calls/{call_id}").get_data(as_text=True)
    assert "2 current needs of associations meet it" in page
    assert "Atelier de sérigraphie" in page and "Salle de répétition" in page and "Jardin à Uccle" not in page
