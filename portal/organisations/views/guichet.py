"""The Guichet's pages about every organisation: /guichet/…"""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock, features
from portal.audit.queries import history_of
from portal.forms import ActionForm
from portal.organisations import operations as ops
from portal.organisations import permissions as p
from portal.organisations import queries
from portal.organisations.forms import CharterForm, InformationRequestForm, PublicOwnerForm, ReasonForm
from portal.organisations.views.common import statutes_file
from portal.organisations.workflow import OrganisationStatus
from portal.permissions import require
from portal.roles import OrganisationKind
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, act, done, render_form, submit

guichet = guichet_blueprint("guichet", __name__, template_folder="../templates")

DASHBOARD_ROWS = 10          # the oldest registrations on the dashboard; the list of organisations has them all


@guichet.route("/", endpoint="dashboard")
def guichet_dashboard():
    return render_template("guichet/dashboard.html",
                           pending=queries.registrations(OrganisationStatus.pending, DASHBOARD_ROWS),
                           awaiting_answer=queries.registrations(OrganisationStatus.information_requested,
                                                                 DASHBOARD_ROWS),
                           sections=features.guichet_sections(current_user, g.organisation, clock.now()),
                           counts=queries.region_counts(), Kind=OrganisationKind, Status=OrganisationStatus,
                           figures=features.region_figures())


@guichet.route("/organisations")
def organisations():
    status, kind, q = request.args.get("status"), request.args.get("kind"), request.args.get("q", "")[:100]
    return render_template("guichet/organisations.html",
                           organisations=queries.organisations_for_guichet(status=status, kind=kind, q=q),
                           status=status, kind=kind, q=q, Kind=OrganisationKind, Status=OrganisationStatus)


@guichet.route("/organisations/new", methods=["GET", "POST"])
def new_owner():
    require(p.can_create_public_owner(current_user))
    form = PublicOwnerForm().set_kind(OrganisationKind.public_owner)
    organisation = submit(form, lambda: ops.create_public_owner(form.values(), actor=current_user,
                                                                admin_email=form.admin_email.data,
                                                                admin_language=form.admin_language.data))
    if organisation is not REFUSED:
        return done(_("%(organisation)s is created and its administrator is invited.",
                      organisation=organisation.name),
                    url_for("guichet.organisation", organisation_id=organisation.id))
    return render_form("guichet/new_owner.html", form)


def _organisation_page(organisation, *, reason_form=None, charter_form=None, info_form=None, status=200):
    return render_template(
        "guichet/organisation.html", organisation=organisation, history=history_of(organisation),
        members=queries.members_of(organisation), former_names=queries.former_names(organisation),
        reason_form=reason_form or ReasonForm(formdata=None),
        info_form=info_form or InformationRequestForm(formdata=None, prefix="info"),
        charter_form=charter_form or CharterForm(formdata=None, signed_on=organisation.charter_signed_on),
        action_form=ActionForm(formdata=None),
    ), status


def _organisation_url(organisation) -> str:
    return url_for("guichet.organisation", organisation_id=organisation.id)


@guichet.route("/organisations/<int:organisation_id>")
def organisation(organisation_id: int):
    return _organisation_page(queries.organisation_or_404(organisation_id))


@guichet.route("/organisations/<int:organisation_id>/approve", methods=["POST"])
def approve(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_approve_organisation(current_user, organisation))
    if act(lambda: ops.approve_organisation(organisation, actor=current_user)) is REFUSED:
        return redirect(_organisation_url(organisation), code=303)
    return done(_("%(organisation)s is approved.", organisation=organisation.name), _organisation_url(organisation))


def _with_reason(organisation_id: int, allowed, operation, message):
    organisation = queries.organisation_or_404(organisation_id)
    require(allowed(current_user, organisation))
    form = ReasonForm()
    if submit(form, lambda: operation(organisation, actor=current_user, reason=form.reason.data)) is REFUSED:
        return _organisation_page(organisation, reason_form=form, status=422)
    return done(message % {"organisation": organisation.name}, _organisation_url(organisation))


@guichet.route("/organisations/<int:organisation_id>/reject", methods=["POST"])
def reject(organisation_id: int):
    return _with_reason(organisation_id, p.can_reject_organisation, ops.reject_organisation,
                        _("The registration of %(organisation)s is rejected."))


@guichet.route("/organisations/<int:organisation_id>/request-information", methods=["POST"])
def request_information(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_request_information(current_user, organisation))
    form = InformationRequestForm(prefix="info")
    if submit(form, lambda: ops.request_information(organisation, actor=current_user,
                                                    reason=form.reason.data)) is REFUSED:
        return _organisation_page(organisation, info_form=form, status=422)
    return done(_("The question is sent to the administrators of %(organisation)s; you are told of their answer.",
                  organisation=organisation.name), _organisation_url(organisation))


@guichet.route("/organisations/<int:organisation_id>/statutes")
def statutes(organisation_id: int):
    return statutes_file(queries.organisation_or_404(organisation_id))


@guichet.route("/organisations/<int:organisation_id>/suspend", methods=["POST"])
def suspend(organisation_id: int):
    return _with_reason(organisation_id, p.can_suspend_organisation, ops.suspend_organisation,
                        _("%(organisation)s is suspended."))


@guichet.route("/organisations/<int:organisation_id>/reinstate", methods=["POST"])
def reinstate(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_reinstate_organisation(current_user, organisation))
    if act(lambda: ops.reinstate_organisation(organisation, actor=current_user)) is REFUSED:
        return redirect(_organisation_url(organisation), code=303)
    return done(_("%(organisation)s is active again.", organisation=organisation.name),
                _organisation_url(organisation))


@guichet.route("/organisations/<int:organisation_id>/charter", methods=["POST"])
def charter(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_record_charter_signature(current_user, organisation))
    form = CharterForm()
    if submit(form, lambda: ops.record_charter_signature(organisation, signed_on=form.signed_on.data,
                                                         actor=current_user)) is REFUSED:
        return _organisation_page(organisation, charter_form=form, status=422)
    return done(_("The Charter signature is saved."), _organisation_url(organisation))
