from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal import clock, features
from portal.audit.queries import history_of
from portal.errors import OperationError
from portal.extensions import db
from portal.forms import ActionForm
from portal.organisations import operations as ops
from portal.organisations import permissions as p
from portal.organisations import queries
from portal.organisations.forms import (
    AcceptInvitationForm,
    CharterForm,
    InviteForm,
    OrganisationFields,
    PublicOwnerForm,
    ReasonForm,
    RegistrationForm,
    RoleForm,
)
from portal.organisations.models import Invitation, Membership
from portal.organisations.workflow import OrganisationStatus
from portal.permissions import require
from portal.roles import OrganisationKind, Role
from portal.tenancy import get_in_tenant_or_404, guichet_blueprint, tenant_blueprint
from portal.ui.helpers import done, field_error, render_form

# Public pages: an association registers; an invited person accepts.
public = Blueprint("registration", __name__, template_folder="templates")
# Pages of one organisation, for its members: /o/<slug>/…
bp = tenant_blueprint("organisations", __name__, template_folder="templates")
# The Guichet's pages about every organisation: /guichet/…
guichet = guichet_blueprint("guichet", __name__, template_folder="templates")


def _registration_form():
    form = RegistrationForm().set_kind(OrganisationKind.occupant)
    if current_user.is_authenticated:  # an existing user registers another organisation
        for name in ("admin_name", "admin_email", "admin_language", "password", "confirm"):
            del form[name]
    return form


@public.route("/register", methods=["GET", "POST"])
def register():
    form = _registration_form()
    if form.validate_on_submit():
        try:
            if current_user.is_authenticated:
                organisation = ops.register_association(form.values(), admin=current_user._get_current_object())
            else:
                organisation = ops.register_association(
                    form.values(), admin_email=form.admin_email.data, admin_name=form.admin_name.data,
                    password=form.password.data, language=form.admin_language.data)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            if not current_user.is_authenticated:
                user = organisation.memberships[0].user
                session.clear()
                login_user(user)
            return done(_("Your registration is received. The Guichet will check it and tell you by email."),
                        url_for("organisations.dashboard", org_slug=organisation.slug))
    return render_form("organisations/register.html", form)


@public.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = ops.invitation_for_token(token)
    if invitation is None:
        return render_template("organisations/invitation_invalid.html"), 410
    organisation = invitation.organisation
    signed_in = current_user.is_authenticated
    wrong_account = signed_in and current_user.email != invitation.email
    form = ActionForm() if signed_in else AcceptInvitationForm()
    if request.method == "POST" and wrong_account:
        abort(403)
    if form.validate_on_submit():
        try:
            if signed_in:
                user = ops.accept_invitation(invitation, user=current_user._get_current_object())
            else:
                user = ops.accept_invitation(invitation, name=form.name.data, password=form.password.data,
                                             language=form.language.data)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            if not signed_in:
                session.clear()
                login_user(user)
            return done(_("Welcome to %(organisation)s.", organisation=organisation.name),
                        url_for("organisations.dashboard", org_slug=organisation.slug))
    return render_form("organisations/accept_invitation.html", form, invitation=invitation,
                       wrong_account=wrong_account)


# Pages of one organisation --------------------------------------------------------------------------

@bp.before_request
def _remember_acting_organisation():
    if g.get("organisation") is not None:
        session["org"] = g.organisation.slug


@bp.route("/")
def dashboard():
    organisation = g.organisation
    if organisation.is_guichet:
        return redirect(url_for("guichet.dashboard"))
    invitations = queries.open_invitations(organisation) if p.can_manage_members(current_user, organisation) else []
    return render_template("organisations/dashboard.html", organisation=organisation, invitations=invitations,
                           tasks=features.dashboard_tasks(current_user, organisation, clock.now()))


@bp.route("/organisation")
def profile():
    organisation = g.organisation
    return render_template("organisations/profile.html", organisation=organisation,
                           history=history_of(organisation))


@bp.route("/organisation/edit", methods=["GET", "POST"])
def edit():
    organisation = g.organisation
    require(p.can_edit_organisation(current_user, organisation))
    form = OrganisationFields(obj=organisation).set_kind(organisation.kind)
    if form.validate_on_submit():
        try:
            ops.update_organisation(organisation, form.values(), actor=current_user)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The details are saved."), url_for("organisations.profile"))
    return render_form("organisations/edit.html", form, organisation=organisation)


def _members_page(invite_form=None, status=200):
    organisation = g.organisation
    invite_form = invite_form or InviteForm(formdata=None).set_kind(organisation.kind)
    return render_template(
        "organisations/members.html", organisation=organisation, members=queries.members_of(organisation),
        invitations=queries.open_invitations(organisation), invite_form=invite_form,
        role_choices=RoleForm(formdata=None).set_kind(organisation.kind).role.choices,
    ), status


@bp.route("/members")
def members():
    return _members_page()


@bp.route("/members/invite", methods=["POST"])
def invite():
    organisation = g.organisation
    require(p.can_invite_member(current_user, organisation))
    form = InviteForm().set_kind(organisation.kind)
    if form.validate_on_submit():
        try:
            ops.invite_member(organisation, email=form.email.data, role=Role(form.role.data),
                              language=form.language.data, actor=current_user)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The invitation is sent to %(email)s. It is valid for %(days)s days.", email=form.email.data,
                          days=current_app.config["INVITATION_DAYS"]),
                        url_for("organisations.members"))
    return _members_page(form, 422)


@bp.route("/members/<int:membership_id>/role", methods=["POST"])
def change_role(membership_id: int):
    organisation = g.organisation
    membership = get_in_tenant_or_404(Membership, membership_id)
    require(p.can_change_role(current_user, membership))
    form = RoleForm().set_kind(organisation.kind)
    if form.validate_on_submit():
        try:
            ops.change_member_role(membership, role=Role(form.role.data), actor=current_user)
        except OperationError as error:
            return done(error.message, url_for("organisations.members"), "danger")
        db.session.commit()
        return done(_("The role of %(name)s is changed.", name=membership.user.name), url_for("organisations.members"))
    return done(_("Choose a role from the list."), url_for("organisations.members"), "danger")


@bp.route("/members/<int:membership_id>/remove", methods=["POST"])
def remove_member(membership_id: int):
    organisation = g.organisation
    membership = get_in_tenant_or_404(Membership, membership_id)
    leaving = membership.user_id == current_user.id
    require(p.can_leave_organisation(current_user, membership) if leaving
            else p.can_remove_member(current_user, membership))
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    name = membership.user.name
    ops.remove_member(membership, actor=current_user)
    db.session.commit()
    if leaving:
        session.pop("org", None)
        return done(_("You have left %(organisation)s.", organisation=organisation.name), url_for("public.dashboard"))
    return done(_("%(name)s is no longer a member.", name=name), url_for("organisations.members"))


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["POST"])
def revoke_invitation(invitation_id: int):
    organisation = g.organisation
    invitation = get_in_tenant_or_404(Invitation, invitation_id)
    require(p.can_invite_member(current_user, organisation))
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.revoke_invitation(invitation, actor=current_user)
    db.session.commit()
    return done(_("The invitation is revoked."), url_for("organisations.members"))


# The Guichet ----------------------------------------------------------------------------------------

@guichet.route("/", endpoint="dashboard")
def guichet_dashboard():
    return render_template("guichet/dashboard.html", pending=queries.pending_registrations(),
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
    if form.validate_on_submit():
        try:
            organisation = ops.create_public_owner(form.values(), actor=current_user,
                                                   admin_email=form.admin_email.data,
                                                   admin_language=form.admin_language.data)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("%(organisation)s is created and its administrator is invited.",
                          organisation=organisation.name),
                        url_for("guichet.organisation", organisation_id=organisation.id))
    return render_form("guichet/new_owner.html", form)


def _organisation_page(organisation, *, reason_form=None, charter_form=None, status=200):
    return render_template(
        "guichet/organisation.html", organisation=organisation, history=history_of(organisation),
        members=queries.members_of(organisation),
        reason_form=reason_form or ReasonForm(formdata=None),
        charter_form=charter_form or CharterForm(formdata=None, signed_on=organisation.charter_signed_on),
        action_form=ActionForm(formdata=None),
    ), status


@guichet.route("/organisations/<int:organisation_id>")
def organisation(organisation_id: int):
    return _organisation_page(queries.organisation_or_404(organisation_id))


@guichet.route("/organisations/<int:organisation_id>/approve", methods=["POST"])
def approve(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_approve_organisation(current_user, organisation))
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.approve_organisation(organisation, actor=current_user)
    db.session.commit()
    return done(_("%(organisation)s is approved.", organisation=organisation.name),
                url_for("guichet.organisation", organisation_id=organisation.id))


def _with_reason(organisation_id: int, allowed, operation, message):
    organisation = queries.organisation_or_404(organisation_id)
    require(allowed(current_user, organisation))
    form = ReasonForm()
    if not form.validate_on_submit():
        return _organisation_page(organisation, reason_form=form, status=422)
    operation(organisation, actor=current_user, reason=form.reason.data)
    db.session.commit()
    return done(message % {"organisation": organisation.name},
                url_for("guichet.organisation", organisation_id=organisation.id))


@guichet.route("/organisations/<int:organisation_id>/reject", methods=["POST"])
def reject(organisation_id: int):
    return _with_reason(organisation_id, p.can_reject_organisation, ops.reject_organisation,
                        _("The registration of %(organisation)s is rejected."))


@guichet.route("/organisations/<int:organisation_id>/suspend", methods=["POST"])
def suspend(organisation_id: int):
    return _with_reason(organisation_id, p.can_suspend_organisation, ops.suspend_organisation,
                        _("%(organisation)s is suspended."))


@guichet.route("/organisations/<int:organisation_id>/reinstate", methods=["POST"])
def reinstate(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_reinstate_organisation(current_user, organisation))
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.reinstate_organisation(organisation, actor=current_user)
    db.session.commit()
    return done(_("%(organisation)s is active again.", organisation=organisation.name),
                url_for("guichet.organisation", organisation_id=organisation.id))


@guichet.route("/organisations/<int:organisation_id>/charter", methods=["POST"])
def charter(organisation_id: int):
    organisation = queries.organisation_or_404(organisation_id)
    require(p.can_record_charter_signature(current_user, organisation))
    form = CharterForm()
    if not form.validate_on_submit():
        return _organisation_page(organisation, charter_form=form, status=422)
    ops.record_charter_signature(organisation, signed_on=form.signed_on.data, actor=current_user)
    db.session.commit()
    return done(_("The Charter signature is saved."), url_for("guichet.organisation", organisation_id=organisation.id))
