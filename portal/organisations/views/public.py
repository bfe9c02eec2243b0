"""Public pages at the root: an association registers; an invited person accepts."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal import clock
from portal.accounts.queries import sign_up_for_token
from portal.accounts.rules import normalise_email
from portal.extensions import client_address, limiter
from portal.forms import ActionForm
from portal.organisations import operations as ops
from portal.organisations import queries
from portal.organisations.forms import AcceptInvitationForm, RegistrationForm
from portal.roles import OrganisationKind
from portal.ui.helpers import REFUSED, act, done, render_form, submit

public = Blueprint("registration", __name__, template_folder="../templates")


def _registration_form():
    form = RegistrationForm().set_kind(OrganisationKind.occupant)
    if current_user.is_authenticated:  # an existing user registers another organisation
        for name in ("admin_name", "admin_email", "admin_language", "password", "confirm"):
            del form[name]
    return form


def _register(form):
    """The signed-in user registers another organisation; anyone else registers with a new account."""
    if current_user.is_authenticated:
        return ops.register_association(form.values(), admin=current_user._get_current_object())
    return ops.register_association(form.values(), admin_email=form.admin_email.data,
                                    admin_name=form.admin_name.data, password=form.password.data,
                                    language=form.admin_language.data)


def _accept(invitation, form):
    """The signed-in user joins with their account; anyone else with a new one."""
    if current_user.is_authenticated:
        return ops.accept_invitation(invitation, user=current_user._get_current_object())
    return ops.accept_invitation(invitation, name=form.name.data, password=form.password.data,
                                 language=form.language.data)


def _email_typed() -> str:
    return "register-email:" + normalise_email(request.form.get("admin_email", ""))


@public.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRATION_LIMIT_PER_ADDRESS"], methods=["POST"],
               key_func=client_address, scope="register-address")
@limiter.limit(lambda: current_app.config["REGISTRATION_LIMIT_PER_EMAIL"], methods=["POST"], key_func=_email_typed,
               scope="register-email", deduct_when=lambda response: response.status_code == 303,
               exempt_when=lambda: current_user.is_authenticated)
def register():
    form = _registration_form()
    organisation = submit(form, lambda: _register(form))
    if organisation is REFUSED:
        return render_form("organisations/register.html", form)
    if organisation is None:   # a new account: the same answer whether the address has one or not
        return done(_("We have sent a message to %(email)s. Follow its link within 24 hours to confirm the "
                      "address and finish the registration.", email=normalise_email(form.admin_email.data)),
                    url_for("registration.sent"), "info")
    return done(_("Your registration is received. The Guichet will check it and tell you by email."),
                url_for("organisations.dashboard", org_slug=organisation.slug))


@public.route("/register/sent")
def sent():
    return render_template("organisations/register_sent.html")


@public.route("/register/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """The link sent to a new administrator: a page that says what will be created, and its button (a GET never
    writes: mail scanners open links)."""
    if request.method == "POST":
        organisation = act(lambda: ops.confirm_registration(token))
        if organisation is REFUSED:
            return redirect(url_for("registration.confirm", token=token), code=303)
        lang = session.get("lang")
        session.clear()  # a new session for the new account, in the visit's language
        if lang:
            session["lang"] = lang
        login_user(organisation.memberships[0].user)
        return done(_("Your address is confirmed and your registration received. The Guichet will check it and "
                      "tell you by email."), url_for("organisations.dashboard", org_slug=organisation.slug))
    sign_up = sign_up_for_token(token, clock.now())
    if sign_up is None:
        return render_template("organisations/register_invalid.html"), 410
    return render_template("organisations/register_confirm.html", sign_up=sign_up, form=ActionForm())


@public.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = queries.invitation_for_token(token)
    if invitation is None:
        return render_template("organisations/invitation_invalid.html"), 410
    organisation = invitation.organisation
    signed_in = current_user.is_authenticated
    wrong_account = signed_in and current_user.email != invitation.email
    form = ActionForm() if signed_in else AcceptInvitationForm()
    form.password_context = {"email": invitation.email, "organisation": organisation.name_fr or organisation.name_nl}
    if request.method == "POST" and wrong_account:
        abort(403)
    user = submit(form, lambda: _accept(invitation, form))
    if user is not REFUSED:
        if not signed_in:
            session.clear()
            login_user(user)
        return done(_("Welcome to %(organisation)s.", organisation=organisation.name),
                    url_for("organisations.dashboard", org_slug=organisation.slug))
    return render_form("organisations/accept_invitation.html", form, invitation=invitation,
                       wrong_account=wrong_account)
