"""Pages of one organisation, for its members: /o/<slug>/…"""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock, features
from portal.audit.queries import history_of
from portal.organisations import operations as ops
from portal.organisations import permissions as p
from portal.organisations import queries
from portal.organisations.forms import AnswerForm, InviteForm, OrganisationFields, RoleForm, StatutesForm
from portal.organisations.models import Invitation, Membership
from portal.organisations.views.common import statutes_file
from portal.permissions import require
from portal.roles import Role
from portal.tenancy import get_in_tenant_or_404, tenant_blueprint
from portal.ui.helpers import REFUSED, act, done, render_form, submit

bp = tenant_blueprint("organisations", __name__, template_folder="../templates")


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


def _profile_page(*, answer_form=None, statutes_form=None, status=200):
    organisation = g.organisation
    return render_template("organisations/profile.html", organisation=organisation,
                           history=history_of(organisation),
                           answer_form=answer_form or AnswerForm(formdata=None),
                           statutes_form=statutes_form or StatutesForm(formdata=None)), status


@bp.route("/organisation")
def profile():
    return _profile_page()


@bp.route("/organisation/answer", methods=["POST"])
def answer_information():
    """The association's administrator answers the Guichet's question."""
    organisation = g.organisation
    require(p.can_answer_information_request(current_user, organisation))
    form = AnswerForm()
    if submit(form, lambda: ops.answer_information_request(organisation, actor=current_user,
                                                           answer=form.answer.data)) is REFUSED:
        return _profile_page(answer_form=form, status=422)
    return done(_("Your answer is sent to the Guichet, which is told."), url_for("organisations.profile"))


@bp.route("/organisation/statutes", methods=["POST"])
def upload_statutes():
    organisation = g.organisation
    require(p.can_upload_statutes(current_user, organisation))
    form = StatutesForm()
    upload = form.statutes.data
    if submit(form, lambda: ops.upload_statutes(organisation, upload.stream if upload else None,
                                                upload.filename if upload else None,
                                                actor=current_user)) is REFUSED:
        return _profile_page(statutes_form=form, status=422)
    return done(_("Your statutes are added: the Guichet reads them with your registration."),
                url_for("organisations.profile", _anchor="statutes-section"))


@bp.route("/organisation/statutes")
def statutes():
    """The statutes, to the association's members (and, on its own page, the Guichet); never a shared cache."""
    return statutes_file(g.organisation)


@bp.route("/organisation/edit", methods=["GET", "POST"])
def edit():
    organisation = g.organisation
    require(p.can_edit_organisation(current_user, organisation))
    form = OrganisationFields(obj=organisation).set_kind(organisation.kind)
    if submit(form, lambda: ops.update_organisation(organisation, form.values(), actor=current_user)) is not REFUSED:
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
    if submit(form, lambda: ops.invite_member(organisation, email=form.email.data, role=Role(form.role.data),
                                              language=form.language.data, actor=current_user)) is not REFUSED:
        return done(_("The invitation is sent to %(email)s. It is valid for %(days)s days.", email=form.email.data,
                      days=current_app.config["INVITATION_DAYS"]),
                    url_for("organisations.members"))
    return _members_page(form, 422)


def _flash_refusal(_form, error):
    flash(str(error.message), "danger")


@bp.route("/members/<int:membership_id>/role", methods=["POST"])
def change_role(membership_id: int):
    organisation = g.organisation
    membership = get_in_tenant_or_404(Membership, membership_id)
    require(p.can_change_role(current_user, membership))
    form = RoleForm().set_kind(organisation.kind)
    if submit(form, lambda: ops.change_member_role(membership, role=Role(form.role.data), actor=current_user),
              show=_flash_refusal) is not REFUSED:
        return done(_("The role of %(name)s is changed.", name=membership.user.name), url_for("organisations.members"))
    if form.errors:  # not a role of the list (a rule's refusal is already flashed, beside no field)
        flash(_("Choose a role from the list."), "danger")
    return redirect(url_for("organisations.members"), code=303)


@bp.route("/members/<int:membership_id>/remove", methods=["POST"])
def remove_member(membership_id: int):
    organisation = g.organisation
    membership = get_in_tenant_or_404(Membership, membership_id)
    leaving = membership.user_id == current_user.id
    require(p.can_leave_organisation(current_user, membership) if leaving
            else p.can_remove_member(current_user, membership))
    name = membership.user.name
    if act(lambda: ops.remove_member(membership, actor=current_user)) is REFUSED:
        return redirect(url_for("organisations.members"), code=303)
    if leaving:
        session.pop("org", None)
        return done(_("You have left %(organisation)s.", organisation=organisation.name), url_for("public.dashboard"))
    return done(_("%(name)s is no longer a member.", name=name), url_for("organisations.members"))


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["POST"])
def revoke_invitation(invitation_id: int):
    organisation = g.organisation
    invitation = get_in_tenant_or_404(Invitation, invitation_id)
    require(p.can_invite_member(current_user, organisation))
    if act(lambda: ops.revoke_invitation(invitation, actor=current_user)) is REFUSED:
        return redirect(url_for("organisations.members"), code=303)
    return done(_("The invitation is revoked."), url_for("organisations.members"))
