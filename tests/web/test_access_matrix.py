"""Every route, requested by every role, answers what it should and never 500.

Built from app.url_map: a route this table does not know fails the suite, so that every new route
joins it with its expected answer for anonymous visitors, each role of each kind of organisation,
and members of another tenant. POSTs carry a valid CSRF token and an empty form.
"""
from __future__ import annotations

import pytest

from tests.support.access_matrix import (
    ROLES,
    SECRETS,
    SHOWN_TO_TOKEN_HOLDER,
    answer,
    guichet,
    tenant,
)
from tests.support.access_matrix import agreements as matrix_agreements
from tests.support.access_matrix import appeals as matrix_appeals
from tests.support.access_matrix import applications as matrix_applications
from tests.support.access_matrix import calls as matrix_calls
from tests.support.access_matrix import dgp as matrix_dgp
from tests.support.access_matrix import evaluation as matrix_evaluation
from tests.support.access_matrix import needs as matrix_needs
from tests.support.access_matrix import organisations as matrix_organisations
from tests.support.access_matrix import reports as matrix_reports
from tests.support.access_matrix import sharing as matrix_sharing
from tests.support.access_matrix import shell as matrix_shell
from tests.support.access_matrix import vacancies as matrix_vacancies
from tests.support.access_matrix.world import build_world, url_for_endpoint

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
    # The code after the password: only a sign-in waiting for it (none here) reaches the form; the others go back.
    ("accounts.login_code", "GET"): answer(302, anonymous=303),
    ("accounts.login_code", "POST"): answer(302, anonymous=303),
    # One's own second factor (the Guichet's staff and the admins have one; a code or a password is required).
    ("second_factor.page", "GET"): answer(200, anonymous=302),
    ("second_factor.start", "POST"): answer(303, anonymous=302),
    ("second_factor.confirm", "POST"): answer(422, anonymous=302),
    ("second_factor.renew", "POST"): answer(422, anonymous=302),
    ("second_factor.turn_off", "POST"): answer(422, anonymous=302),
    # One's own personal data: read, downloaded (a POST: it is recorded), erased (a password is required).
    ("personal_data.page", "GET"): answer(200, anonymous=302),
    ("personal_data.download", "POST"): answer(200, anonymous=302),
    ("personal_data.erase", "POST"): answer(422, anonymous=302),
    ("registration.register", "GET"): answer(200),
    ("registration.register", "POST"): answer(422),
    ("registration.sent", "GET"): answer(200),
    # The link sent to a new association's administrator: its holder confirms (and is signed in with the new account).
    ("registration.confirm", "GET"): answer(200),
    ("registration.confirm", "POST"): answer(303),
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
    ("notifications.preferences", "GET"): answer(200, anonymous=302),
    ("notifications.preferences", "POST"): answer(303, anonymous=302),     # nothing posted: the choices stay
    ("guichet_users.users", "GET"): guichet(200, moderator=403),
    ("guichet_users.disable", "POST"): guichet(422, moderator=403),   # a reason is required
    ("guichet_users.enable", "POST"): guichet(303, moderator=403),    # already active: nothing changes
    ("guichet_users.reset_second_factor", "POST"): guichet(422, moderator=403),   # a reason is required
    ("guichet_users.security", "GET"): guichet(200, moderator=403),
    ("guichet_users.security_csv", "GET"): guichet(200, moderator=403),
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
    ("guichet_sites.publish", "POST"): guichet(422),  # the confirmation box is not ticked
    ("guichet_sites.send_back", "POST"): guichet(422),
    ("guichet_sites.withdraw", "POST"): guichet(422),
    ("guichet_sites.protection", "POST"): guichet(303),   # marks the draft protected
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
    **matrix_dgp.EXPECTED,
    **matrix_vacancies.EXPECTED,
    **matrix_needs.EXPECTED,
    **matrix_appeals.EXPECTED,
    **matrix_shell.EXPECTED,
    **matrix_organisations.EXPECTED,
}


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
