"""The demo's needs (issue 20): L'Ilot's public need, New Samusocial's for the owners, one expiring within the week;
a site published that meets the first two, whose associations were told; Comensia's proposal accepted by L'Ilot
(its agreement drafted) and another waiting; L'Ilot's saved searches, one of which the site alerted; the Guichet's
moderator's weekly digest of last week in the outbox, in Dutch; loading twice changes nothing."""
from sqlalchemy import func, select

from occupancies.agreements.models import Agreement
from occupancies.models import Site
from occupancies.needs import rules
from occupancies.needs.models import Need, NeedMatch, Proposal, SavedSearch
from occupancies.needs.workflow import ProposalStatus, Visibility
from portal import clock
from portal.extensions import db
from portal.notifications.models import Notification, OutboxMail


def _counts():
    return [db.session.scalar(select(func.count()).select_from(model))
            for model in (Need, NeedMatch, Proposal, SavedSearch, OutboxMail)]


def test_the_demo_shows_needs_matched_proposed_followed_and_digested(app_context, jobs):
    from portal.demo import load

    load()
    jobs.run()                          # with Redis, the matching and the alerts run in RQ's workers
    today = clock.today()
    needs = db.session.scalars(select(Need).order_by(Need.id)).all()
    assert {need.visibility for need in needs} == {Visibility.public, Visibility.owners}
    assert any(rules.expiry_reminder_due(need.confirmed_on, today) for need in needs)
    victoire = {match.need_id for match in db.session.scalars(select(NeedMatch)) if match.site.name ==
                "Ancien home Victoire" and match.call_id is None}
    assert len(victoire) == 2
    told = {n.user.email.split("@")[0] for n in db.session.scalars(select(Notification).where(
        Notification.kind == "needs.match"))}
    assert {"occupant.admin", "occupant.editor", "admin"} <= told
    proposals = {p.status: p for p in db.session.scalars(select(Proposal))}
    assert set(proposals) == {ProposalStatus.accepted, ProposalStatus.sent}
    agreement = db.session.get(Agreement, proposals[ProposalStatus.accepted].agreement_id)
    assert agreement.status.value == "draft" and agreement.occupant.slug == "l-ilot"
    assert len(proposals[ProposalStatus.accepted].messages) == 3
    assert db.session.scalar(select(func.count(SavedSearch.id))) == 2
    # The former rest home alerted the search of Saint-Gilles (with RQ, the calls published earlier in the load
    # may alert too: their jobs run after the searches exist).
    site_id = db.session.scalar(select(Site.id).where(Site.name == "Ancien home Victoire"))
    alerts = {n.link for n in db.session.scalars(select(Notification).where(Notification.kind == "needs.search_alert"))}
    assert f"/sites/{site_id}" in alerts
    [digest] = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == "digest.weekly")).all()
    assert digest.to.startswith("guichet.moderator@") and digest.language == "nl"
    assert clock.brussels_date(digest.created_at).weekday() == 0
    before = _counts()
    load()
    jobs.run()
    assert _counts() == before
