"""Every route, requested by every role, answers what it should and never 500.

Built from app.url_map: a route this table does not know fails the suite, so that every new route
joins it with its expected answer for anonymous visitors, each role of each kind of organisation,
and members of another tenant. POSTs carry a valid CSRF token and an empty form.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask import url_for

from portal import clock
from portal.accounts.rules import hash_token, make_reset_token
from portal.extensions import db
from portal.notifications.models import Notification, OutboxMail
from portal.organisations.models import Invitation, Membership, Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.roles import OrganisationKind, Role
from tests.support import access_matrix as M
from tests.support.access_matrix import (
    ROLES,
    SECRETS,
    SHOWN_TO_TOKEN_HOLDER,
    PerEndpoint,
    answer,
    guichet,
    tenant,
)
from tests.support.access_matrix import agreements as matrix_agreements
from tests.support.access_matrix import applications as matrix_applications
from tests.support.access_matrix import calls as matrix_calls
from tests.support.access_matrix import evaluation as matrix_evaluation
from tests.support.access_matrix import reports as matrix_reports
from tests.support.access_matrix import sharing as matrix_sharing
from tests.support.factories import make_member, make_org, make_world

EXPECTED = {
    ("public.landing", "GET"): answer(200),
    ("public.dashboard", "GET"): answer(302),
    ("public.healthz", "GET"): answer(200),
    ("static", "GET"): answer(200),
    ("accounts.login", "GET"): answer(302, anonymous=200),
    ("accounts.login", "POST"): answer(302, anonymous=422),
    ("accounts.logout", "POST"): answer(303),
    ("accounts.forgot_password", "GET"): answer(200),
    ("accounts.forgot_password", "POST"): answer(422),
    ("accounts.reset_password", "GET"): answer(200),
    ("accounts.reset_password", "POST"): answer(422),
    ("accounts.account", "GET"): answer(200, anonymous=302),
    # A form missing its fields keeps the values it was built from: nothing changes.
    ("accounts.account", "POST"): answer(303, anonymous=302),
    ("accounts.change_password", "POST"): answer(422, anonymous=302),
    ("registration.register", "GET"): answer(200),
    ("registration.register", "POST"): answer(422),
    ("registration.accept_invitation", "GET"): answer(200),
    # Signed in with another address than the invited one: refused.
    ("registration.accept_invitation", "POST"): answer(403, anonymous=422),
    ("organisations.dashboard", "GET"): tenant(200),
    ("organisations.profile", "GET"): tenant(200),
    ("organisations.edit", "GET"): tenant(200, admin=403),
    ("organisations.edit", "POST"): tenant(303, admin=403),
    ("organisations.members", "GET"): tenant(200),
    ("organisations.invite", "POST"): tenant(422, admin=403),
    ("organisations.change_role", "POST"): tenant(303, admin=403),
    # The editor's own membership: the admin removes it, the editor may leave, the evaluator may not.
    ("organisations.remove_member", "POST"): {**tenant(303, admin=403), "owner_editor": 303},
    ("organisations.revoke_invitation", "POST"): tenant(303, admin=403),
    ("guichet.dashboard", "GET"): guichet(200),
    ("guichet.organisations", "GET"): guichet(200),
    ("guichet.organisation", "GET"): guichet(200),
    ("guichet.new_owner", "GET"): guichet(200),
    ("guichet.new_owner", "POST"): guichet(422),
    ("guichet.approve", "POST"): guichet(303),            # the pending registration
    ("guichet.reject", "POST"): guichet(422),             # a reason is required
    ("guichet.suspend", "POST"): guichet(422, moderator=403),    # occupant-a; admins only
    ("guichet.reinstate", "POST"): guichet(303, moderator=403),  # the suspended organisation
    ("guichet.charter", "POST"): guichet(303),            # owner-a
    ("notifications.inbox", "GET"): answer(200, anonymous=302),
    ("notifications.mark_read", "POST"): answer(404, anonymous=302, owner_admin=303),
    ("notifications.mark_all_read", "POST"): answer(303, anonymous=302),
    ("guichet_users.users", "GET"): guichet(200, moderator=403),
    ("guichet_users.disable", "POST"): guichet(422, moderator=403),   # a reason is required
    ("guichet_users.enable", "POST"): guichet(303, moderator=403),    # already active: nothing changes
    # The owner's register (draft site of owner-a unless said otherwise).
    ("sites.index", "GET"): tenant(200),
    ("sites.new", "GET"): tenant(200, evaluator=403),
    ("sites.new", "POST"): tenant(422, evaluator=403),
    ("sites.site", "GET"): tenant(200),
    ("sites.edit", "GET"): tenant(200, evaluator=403),
    ("sites.edit", "POST"): tenant(303, evaluator=403),  # missing fields keep their values; unticked boxes untick
    ("sites.add_unit", "POST"): tenant(422, evaluator=403),
    ("sites.edit_unit", "GET"): tenant(200, evaluator=403),
    ("sites.edit_unit", "POST"): tenant(303, evaluator=403),
    ("sites.remove_unit", "POST"): tenant(303, evaluator=403),      # a unit without occupancy
    ("sites.add_photo", "POST"): tenant(422, evaluator=403),
    ("sites.remove_photo", "POST"): tenant(303, evaluator=403),
    ("sites.new_occupancy", "GET"): tenant(200, evaluator=403),
    ("sites.new_occupancy", "POST"): tenant(422, evaluator=403),
    ("sites.edit_occupancy", "GET"): tenant(200, evaluator=403),
    ("sites.edit_occupancy", "POST"): tenant(422, evaluator=403),  # no unit ticked
    ("sites.remove_occupancy", "POST"): tenant(422, evaluator=403),  # a reason is required
    ("sites.request_publication", "POST"): tenant(303, evaluator=403),
    ("sites.withdraw", "POST"): tenant(303, evaluator=403),         # the published site
    # The Guichet's moderation (the submitted site; withdraw: the published one).
    ("guichet_sites.index", "GET"): guichet(200),
    ("guichet_sites.review", "GET"): guichet(200),
    ("guichet_sites.publish", "POST"): guichet(303),
    ("guichet_sites.send_back", "POST"): guichet(422),
    ("guichet_sites.withdraw", "POST"): guichet(422),
    # Public pages and open data: everyone, and only published sites.
    ("public_sites.index", "GET"): answer(200),
    ("public_sites.map_data", "GET"): answer(200),
    ("public_sites.site", "GET"): answer(200),
    ("public_sites.photo", "GET"): answer(404, owner_a=200, guichet=200),  # a photo of the draft site
    ("public_sites.agreement", "GET"): answer(404, owner_a=200, guichet=200, occupant_admin=200,
                                              occupant_editor=200),
    ("open_data.index", "GET"): answer(200),
    ("open_data.sites_csv", "GET"): answer(200),
    ("open_data.sites_geojson", "GET"): answer(200),
    ("open_data.api_sites", "GET"): answer(200),
    ("open_data.api_site", "GET"): answer(200),
    ("open_data.openapi", "GET"): answer(200),
    ("open_data.catalog", "GET"): answer(200),
    ("outbox.outbox", "GET"): guichet(200, moderator=403),
    ("outbox.outbox_mail", "GET"): guichet(200, moderator=403),
    **matrix_calls.EXPECTED,
    **matrix_applications.EXPECTED,
    **matrix_evaluation.EXPECTED,
    **matrix_agreements.EXPECTED,
    **matrix_reports.EXPECTED,
    **matrix_sharing.EXPECTED,
}


def build_world(app) -> dict:
    """The standard cast plus one of everything a route can point at; returns the URL values."""
    with app.test_request_context():
        w = make_world()
        owner = db.session.get(Organisation, w.owner.id)
        owner_admin = w.owner_admin
        suspended = make_org("suspended-d", kind=OrganisationKind.occupant, status=OrganisationStatus.suspended)
        make_member(suspended, Role.admin)
        invitation = Invitation(organisation_id=owner.id, email="invited.person@example.org", role=Role.editor,
                                token_hash=hash_token(M.INVITATION_TOKEN), invited_by_id=owner_admin.id,
                                expires_at=clock.now() + timedelta(days=7))
        db.session.add(invitation)
        notification = Notification(user_id=owner_admin.id, kind="organisation.approved",
                                    params={"organisation": {"fr": "Commune A", "nl": "Gemeente A"}},
                                    link="/o/owner-a/")
        mail = OutboxMail(to="owner.admin@example.org", language="fr", kind="organisation.approved",
                          subject="Sujet", body="Corps")
        db.session.add_all([notification, mail])
        from occupancies.workflow import PublicationStatus
        from tests.support.sites import make_occupancy, make_photo, make_site, make_unit

        draft = make_site(owner, "Hidden draft of owner-a")
        free_unit = make_unit(draft, "Free unit")
        occupied = make_unit(draft, "Occupied unit")
        occupancy = make_occupancy(draft, [occupied], db.session.get(Organisation, w.occupant.id), with_pdf=True)
        photo = make_photo(draft)
        published = make_site(owner, "Published site", publication=PublicationStatus.published)
        make_unit(published, "Hall")
        submitted = make_site(owner, "Submitted site", publication=PublicationStatus.submitted)
        make_unit(submitted, "Room")
        calls = matrix_calls.make_call_world(w, published)
        evaluation = matrix_evaluation.make_evaluation_world(w, published)
        agreements = matrix_agreements.make_agreement_world(w, published)
        reports = matrix_reports.make_report_world(w, agreements["agreement"], published.id)
        sharing = matrix_sharing.make_sharing_world(w)
        db.session.commit()
        editor_membership = db.session.query(Membership).filter_by(user_id=w.owner_editor.id).one()
        users = {role: getattr(w, role).id for role in ROLES if role != "anonymous"}
        return {
            "users": users,
            "values": {
                "org_slug": "owner-a",
                "membership_id": editor_membership.id,
                "invitation_id": invitation.id,
                "notification_id": notification.id,
                "mail_id": mail.id,
                "user_id": w.owner_editor.id,
                "unit_id": free_unit.id,
                "occupancy_id": occupancy.id,
                "photo_id": photo.id,
                "site_id": _site_ids(draft.id, published.id, submitted.id),
                **_merged(matrix_calls.values(calls), matrix_applications.values(calls),
                          matrix_evaluation.values(evaluation), matrix_agreements.values(agreements),
                          matrix_reports.values(reports), matrix_sharing.values(sharing)),
                "filename": "css/portal.css",
                "token": {
                    "registration.accept_invitation": M.INVITATION_TOKEN,
                    "accounts.reset_password": make_reset_token(app.config["SECRET_KEY"], owner_admin.id,
                                                                 owner_admin.password_hash),
                },
                "organisation_id": {
                    "guichet.approve": w.pending.id, "guichet.reject": w.pending.id,
                    "guichet.suspend": w.occupant.id, "guichet.reinstate": suspended.id,
                    "guichet.charter": w.owner.id, "guichet.organisation": w.pending.id,
                },
            },
        }


def _merged(*tables: dict) -> dict:
    """URL values of several features: per-endpoint values of the same name are put together."""
    out: dict = {}
    for table in tables:
        for name, value in table.items():
            if isinstance(out.get(name), PerEndpoint) and isinstance(value, PerEndpoint):
                out[name].update(value)
            else:
                out[name] = value
    return out


class _site_ids(dict):
    """The draft site, except for the endpoints that act on the published or the submitted one."""

    def __init__(self, draft, published, submitted):
        super().__init__({"sites.withdraw": published, "guichet_sites.withdraw": published,
                          "public_sites.site": published, "open_data.api_site": published,
                          "guichet_sites.review": submitted, "guichet_sites.publish": submitted,
                          "guichet_sites.send_back": submitted})
        self.default = draft

    def __missing__(self, key):
        return self.default


def url_for_endpoint(app, endpoint: str, values: dict) -> str:
    rule = next(app.url_map.iter_rules(endpoint))
    args = {}
    for name in rule.arguments:
        value = values[name]
        args[name] = value[endpoint] if isinstance(value, dict) else value
    with app.test_request_context():
        return url_for(endpoint, **args)


def test_every_route_is_in_the_matrix(app):
    routes = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes - set(EXPECTED) == set(), "routes the access matrix does not know"
    assert set(EXPECTED) - routes == set(), "the matrix names routes that no longer exist"


@pytest.mark.parametrize("endpoint, method", sorted(EXPECTED))
def test_route_answers_each_role(app, make_client, reset_database, endpoint, method):
    world = build_world(app)
    failures = []
    for role in ROLES:
        client = make_client()
        if role != "anonymous":
            client.login(world["users"][role])
        url = url_for_endpoint(app, endpoint, world["values"])
        response = client.get(url) if method == "GET" else client.post(url, {})
        body = response.get_data().decode("utf-8", errors="replace")
        expected = EXPECTED[(endpoint, method)][role]
        if response.status_code >= 500 or response.status_code != expected:
            failures.append(f"{role}: {method} {url} answered {response.status_code}, expected {expected}")
        if endpoint != "static":
            allowed = SHOWN_TO_TOKEN_HOLDER.get(endpoint, set())
            leaked = [secret for secret, readers in SECRETS.items()
                      if role not in readers and secret in body and secret not in allowed]
            if leaked:
                failures.append(f"{role}: {method} {url} shows another tenant's data {leaked}")
        if method == "POST" and response.status_code < 400:
            reset_database()  # the POST changed something: start the next role from the same world
            world = build_world(app)
    assert not failures, "\n".join(failures)
