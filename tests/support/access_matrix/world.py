"""The world the access matrix requests every route in: the standard cast plus one of everything a route can point
at, and the URL of each route in it (tests/web/test_access_matrix.py, tests/web/test_reads_never_write.py)."""
from __future__ import annotations

from datetime import timedelta

from flask import url_for

from occupancies.workflow import PublicationStatus
from portal import clock
from portal.accounts.models import SignUp
from portal.accounts.rules import hash_token, make_reset_token
from portal.extensions import db
from portal.notifications.models import Notification, OutboxMail
from portal.organisations.models import Invitation, Membership, Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.roles import OrganisationKind, Role
from tests.support import access_matrix as M
from tests.support.access_matrix import ROLES, PerEndpoint
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
from tests.support.access_matrix import vacancies as matrix_vacancies
from tests.support.factories import make_member, make_org, make_world
from tests.support.sites import make_occupancy, make_photo, make_site, make_unit


def build_world(app) -> dict:
    """The standard cast plus one of everything a route can point at; returns the URL values."""
    with app.test_request_context():
        w = make_world()
        owner = db.session.get(Organisation, w.owner.id)
        owner_admin = w.owner_admin
        matrix_organisations.add_statutes(db.session.get(Organisation, w.pending.id))
        suspended = make_org("suspended-d", kind=OrganisationKind.occupant, status=OrganisationStatus.suspended)
        make_member(suspended, Role.admin)
        invitation = Invitation(organisation_id=owner.id, email="invited.person@example.org", role=Role.editor,
                                token_hash=hash_token(M.INVITATION_TOKEN), invited_by_id=owner_admin.id,
                                expires_at=clock.now() + timedelta(days=7))
        db.session.add(invitation)
        db.session.add(SignUp(email="new.association@example.org", name="Nouvelle Asbl", password_hash="x",
                              purpose="association", token_hash=hash_token(M.SIGN_UP_TOKEN),
                              expires_at=clock.now() + timedelta(hours=24),
                              payload={"name_fr": "Nouvelle asbl", "name_nl": "Nieuwe vzw", "legal_form": "asbl",
                                       "enterprise_number": "", "commune": "evere", "address": "Rue 1",
                                       "postcode": "1140", "contact_email": "new.association@example.org",
                                       "contact_phone": "", "website": ""}))
        notification = Notification(user_id=owner_admin.id, kind="organisation.approved",
                                    params={"organisation": {"fr": "Commune A", "nl": "Gemeente A"}},
                                    link="/o/owner-a/")
        mail = OutboxMail(to="owner.admin@example.org", language="fr", kind="organisation.approved",
                          subject="Sujet", body="Corps")
        db.session.add_all([notification, mail])
        draft = make_site(owner, "Hidden draft of owner-a")
        free_unit = make_unit(draft, "Free unit", label_nl="Vrije eenheid")  # named in both: its form is complete
        occupied = make_unit(draft, "Occupied unit", label_nl="Bezette eenheid")
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
        dgp = matrix_dgp.make_dgp_world(w)
        vacancies = matrix_vacancies.make_vacancy_world(w)
        needs = matrix_needs.make_need_world(w, published)
        appeals = matrix_appeals.make_appeal_world(w, published)
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
                "case_id": dgp["case_id"], "letter": dgp["letter"], "language": dgp["language"],
                "document_id": dgp["document_id"],
                "site_id": _site_ids(draft.id, published.id, submitted.id),
                **_merged(matrix_calls.values(calls), matrix_applications.values(calls),
                          matrix_evaluation.values(evaluation), matrix_agreements.values(agreements),
                          matrix_reports.values(reports), matrix_sharing.values(sharing),
                          matrix_vacancies.values(vacancies), matrix_needs.values(needs),
                          matrix_appeals.values(appeals)),
                "query": matrix_needs.query(needs),
                "filename": "css/portal.css",
                "token": {
                    "registration.accept_invitation": M.INVITATION_TOKEN,
                    "registration.confirm": M.SIGN_UP_TOKEN,
                    "vacancy_reports.confirm": matrix_vacancies.CONFIRM_TOKEN,
                    "accounts.reset_password": make_reset_token(app.config["SECRET_KEY"], owner_admin.id,
                                                                 owner_admin.password_hash),
                },
                "organisation_id": {
                    "guichet.approve": w.pending.id, "guichet.reject": w.pending.id,
                    "guichet.suspend": w.occupant.id, "guichet.reinstate": suspended.id,
                    "guichet.charter": w.owner.id, "guichet.organisation": w.pending.id,
                    "guichet.request_information": w.pending.id, "guichet.statutes": w.pending.id,
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
    query = values.get("query", {}).get(endpoint, {})     # a page that reads its subject from the query string
    with app.test_request_context():
        return url_for(endpoint, **args, **query)
