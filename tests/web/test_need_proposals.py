"""A call to owners (issue 20): an owner proposes one of its sites to an association's need (units, period, terms,
a first message); every problem of the form at once and nothing half-saved; the association accepts, which drafts
the agreement on the proposal's terms on both sides, or declines with its reason; the owner may withdraw while it
waits; their messages stay in the portal (the e-mail says only that one is there) and are audited; only the two
parties and the Guichet read the proposal. The clock is frozen."""
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from occupancies.agreements.models import Agreement
from occupancies.needs.models import Need, Proposal, ProposalMessage
from occupancies.needs.workflow import ProposalStatus
from occupancies.workflow import PublicationStatus
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.sites import make_site, make_unit
from tests.support.web import count, field_error, outbox

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
TODAY = NOW.date()
MESSAGE = "Nous pouvons organiser une visite mardi ; le chauffage sera révisé en janvier."


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def place(app, world):
    """Occupant-a's need (culture or social economy, kept for the owners) and owner-a's published site of two
    units."""
    with app.app_context():
        need = Need(organisation_id=world.occupant, title_fr="Atelier de sérigraphie", title_nl="Zeefdrukatelier",
                    description_fr="Un atelier.", uses=["culture", "social_economy"], kind="built",
                    communes=["ixelles"], start_on=date(2027, 1, 1), months=12, free_only=True, equipment=[],
                    confirmed_on=TODAY)
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         publication=PublicationStatus.published)
        units = [make_unit(site, "Rez", surface=120).id, make_unit(site, "Étage", surface=90).id]
        db.session.add(need)
        db.session.commit()
        return {"need": need.id, "site": site.id, "units": units}


def _form(place, **changes):
    return {"unit_ids": [str(place["units"][0])], "use_category": "culture", "start_date": "2027-01-01",
            "end_date": "2027-12-31", "free_use": "y", "message": MESSAGE, **changes}


def _new(place):
    return f"/o/owner-a/proposals/new?need={place['need']}&site={place['site']}"


def _propose(make_client, world, place, **changes):
    owner = make_client().login(world.owner_editor)
    response = owner.post(_new(place), _form(place, **changes))
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return owner, int(re.search(r"/proposals/(\d+)$", response.headers["Location"]).group(1))


def test_the_owner_proposes_a_site_from_the_need_and_the_association_is_told(app, make_client, world, place, jobs):
    owner = make_client().login(world.owner_admin)
    need_page = owner.get(f"/needs/{place['need']}").get_data(as_text=True)
    assert f"/o/owner-a/proposals/new?need={place['need']}" in need_page
    chooser = owner.get(f"/o/owner-a/proposals/new?need={place['need']}").get_data(as_text=True)
    assert "École Ransfort" in chooser and 'name="unit_ids"' not in chooser      # the site is chosen first
    form = owner.get(_new(place)).get_data(as_text=True)
    assert 'name="unit_ids"' in form and "Rez" in form and 'value="2027-01-01"' in form
    _owner, proposal_id = _propose(make_client, world, place)
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        assert (proposal.status, proposal.unit_ids, proposal.free_use, proposal.end_date) == \
            (ProposalStatus.sent, [place["units"][0]], True, date(2027, 12, 31))
        assert [m.text for m in proposal.messages] == [MESSAGE]
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.target_type == "need_proposals")
                                     .order_by(AuditEvent.id)).all()
        assert actions == ["proposal.sent", "proposal.message"]
        told = {n.user.email for n in db.session.scalars(select(Notification).where(
            Notification.kind == "needs.proposal_received"))}
    assert told == {"occupant.admin@example.org", "occupant.editor@example.org"}
    jobs.run()                                           # with Redis, the e-mails go through RQ
    dutch = outbox(app, "occupant.editor@example.org")[-1]
    assert dutch[1] == "nl" and "Commune A" in dutch[2] and f"/o/occupant-a/proposals/{proposal_id}" in dutch[3]
    assert "owner.editor@example.org" not in dutch[3] and MESSAGE not in dutch[3]


def test_every_problem_of_the_proposal_at_once_and_nothing_saved(app, make_client, world, place):
    owner = make_client().login(world.owner_editor)
    response = owner.post(_new(place), _form(place, unit_ids=[], use_category="emergency_housing",
                                             start_date="2026-11-30", free_use="", monthly_fee=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "at least one unit" in field_error(html, "unit_ids")
    assert field_error(html, "use_category")                         # not among the need's uses: not offered
    assert "cannot start in the past" in field_error(html, "start_date")
    assert "Give the monthly fee" in field_error(html, "monthly_fee")
    response = owner.post(_new(place), _form(place, start_date="2027-03-01", end_date="2027-02-01", free_use="",
                                             monthly_fee="0"))
    assert "cannot come before the start" in field_error(response.get_data(as_text=True), "end_date")
    assert "tick free use" in field_error(response.get_data(as_text=True), "monthly_fee")   # 0 €: a free use
    assert count(app, Proposal) == 0 and count(app, ProposalMessage) == 0
    # A unit of another site, a site of another owner: refused as well.
    with app.app_context():
        other = make_site(db.session.get(Organisation, world.other_owner), "Autre site")
        foreign_unit, other_id = make_unit(other, "Ailleurs").id, other.id
        db.session.commit()
    response = owner.post(_new(place), _form(place, unit_ids=[str(foreign_unit)]))
    assert response.status_code == 422 and count(app, Proposal) == 0
    foreign = owner.get(f"/o/owner-a/proposals/new?need={place['need']}&site={other_id}")
    assert foreign.status_code == 200 and 'name="unit_ids"' not in foreign.get_data(as_text=True)


def test_accepting_drafts_the_agreement_on_both_sides(app, make_client, world, place):
    owner, proposal_id = _propose(make_client, world, place, free_use="", monthly_fee="150")
    association = make_client().login(world.occupant_admin)
    page = association.get(f"/o/occupant-a/proposals/{proposal_id}").get_data(as_text=True)
    assert MESSAGE in page and "Accept: draft the agreement" in page
    response = association.post(f"/o/occupant-a/proposals/{proposal_id}/accept")
    assert response.status_code == 303 and "/o/occupant-a/agreements/" in response.headers["Location"]
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        agreement = db.session.get(Agreement, proposal.agreement_id)
        version = agreement.versions[0]
        assert proposal.status == ProposalStatus.accepted and agreement.status.value == "draft"
        assert (agreement.organisation_id, agreement.occupant_id, agreement.site_id) == \
            (world.owner, world.occupant, place["site"])
        assert (version.unit_ids, version.start_date, version.end_date, version.free_use, version.monthly_fee) == \
            ([place["units"][0]], date(2027, 1, 1), date(2027, 12, 31), False, Decimal("150.00"))
        reference = agreement.reference
        assert db.session.scalar(select(Notification.kind).join(Notification.user).where(
            Notification.kind == "needs.proposal_accepted")) == "needs.proposal_accepted"
    assert reference in owner.get("/o/owner-a/agreements/").get_data(as_text=True)
    assert reference in association.get("/o/occupant-a/agreements/").get_data(as_text=True)
    # Answered: neither accepted again nor declined, nor withdrawn.
    assert association.post(f"/o/occupant-a/proposals/{proposal_id}/accept").status_code == 403
    assert association.post(f"/o/occupant-a/proposals/{proposal_id}/decline", {"reason": "Non"}).status_code == 403
    assert owner.post(f"/o/owner-a/proposals/{proposal_id}/withdraw").status_code == 403
    assert count(app, Agreement) == 1


def test_declining_needs_a_reason_that_the_owner_reads(app, make_client, world, place, jobs):
    _owner, proposal_id = _propose(make_client, world, place)
    association = make_client().login(world.occupant_editor)
    response = association.post(f"/o/occupant-a/proposals/{proposal_id}/decline", {"reason": ""})
    assert response.status_code == 422 and field_error(response.get_data(as_text=True), "reason")
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).status == ProposalStatus.sent
    reason = "Le rez est trop petit pour nos machines."
    assert association.post(f"/o/occupant-a/proposals/{proposal_id}/decline", {"reason": reason}).status_code == 303
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        assert (proposal.status, proposal.reason) == (ProposalStatus.declined, reason)
    jobs.run()
    mail = outbox(app, "owner.editor@example.org")[-1]
    assert reason in mail[3]
    owner_page = make_client().login(world.owner_admin).get(f"/o/owner-a/proposals/{proposal_id}")
    assert reason in owner_page.get_data(as_text=True)


def test_messages_stay_in_the_portal_and_withdrawal_ends_the_proposal(app, make_client, world, place, jobs):
    owner, proposal_id = _propose(make_client, world, place)
    association = make_client().login(world.occupant_admin)
    response = association.post(f"/o/occupant-a/proposals/{proposal_id}/messages", {"text": "  "})
    assert response.status_code == 422 and field_error(response.get_data(as_text=True), "text")
    text = "Pouvons-nous visiter le site jeudi à 10 h ?"
    assert association.post(f"/o/occupant-a/proposals/{proposal_id}/messages", {"text": text}).status_code == 303
    jobs.run()
    mail = outbox(app, "owner.editor@example.org")[-1]
    assert "Asbl A" in mail[2] and text not in mail[3] and "occupant.admin@example.org" not in mail[3]
    assert text in owner.get(f"/o/owner-a/proposals/{proposal_id}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.changes).where(AuditEvent.action == "proposal.message")
                                 .order_by(AuditEvent.id.desc()).limit(1)) == {"message": [None, text]}
    assert owner.post(f"/o/owner-a/proposals/{proposal_id}/withdraw").status_code == 303
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).status == ProposalStatus.withdrawn
        assert db.session.scalar(select(Notification.id).where(Notification.kind == "needs.proposal_withdrawn"))
    assert association.post(f"/o/occupant-a/proposals/{proposal_id}/accept").status_code == 403
    assert association.post(f"/o/occupant-a/proposals/{proposal_id}/messages", {"text": "Encore ?"}).status_code \
        == 403


def test_only_the_two_parties_and_the_guichet_read_a_proposal(app, make_client, world, place):
    _owner, proposal_id = _propose(make_client, world, place)
    assert make_client().login(world.other_owner_admin).get(f"/o/owner-b/proposals/{proposal_id}").status_code \
        == 404
    assert make_client().login(world.other_occupant_admin).get(
        f"/o/occupant-b/proposals/{proposal_id}").status_code == 404
    guichet = make_client().login(world.guichet_moderator)
    assert MESSAGE in guichet.get(f"/guichet/proposals/{proposal_id}").get_data(as_text=True)
    assert "École Ransfort" in guichet.get("/guichet/proposals/").get_data(as_text=True)


def test_a_site_waits_for_one_answer_per_need(app, make_client, world, place):
    owner, _proposal_id = _propose(make_client, world, place)
    response = owner.post(_new(place), _form(place))
    assert response.status_code == 422 and "already proposed" in response.get_data(as_text=True)
    with app.app_context():                   # the database keeps one waiting proposal, whatever the timing
        first = db.session.scalars(select(Proposal)).one()
        db.session.add(Proposal(organisation_id=first.organisation_id, need_id=first.need_id,
                                occupant_id=first.occupant_id, site_id=first.site_id, unit_ids=[],
                                use_category=first.use_category, start_date=first.start_date))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_a_need_no_longer_current_takes_no_proposal(app, make_client, world, place):
    with app.app_context():
        db.session.get(Need, place["need"]).confirmed_on = TODAY - timedelta(days=100)
        db.session.commit()
    owner = make_client().login(world.owner_editor)
    assert owner.get(_new(place)).status_code == 404
    assert owner.post(_new(place), _form(place)).status_code == 404
    assert count(app, Proposal) == 0
