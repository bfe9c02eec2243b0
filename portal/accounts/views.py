from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts import operations as ops
from portal.accounts import queries
from portal.accounts.forms import (
    ChangePasswordForm,
    DisableForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
)
from portal.accounts.permissions import can_disable_user, can_manage_accounts
from portal.accounts.rules import TokenError, normalise_email
from portal.extensions import client_address, db, limiter
from portal.forms import ActionForm
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import done, field_error, render_form, safe_next

bp = Blueprint("accounts", __name__, template_folder="templates")


def _account_key() -> str:
    return "account:" + normalise_email(request.form.get("email", ""))


def _failed(response) -> bool:
    return response.status_code != 303  # only failed sign-ins count against the limits


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT_PER_ADDRESS"], methods=["POST"], key_func=client_address,
               scope="signin-address", deduct_when=_failed)
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT_PER_ACCOUNT"], methods=["POST"], key_func=_account_key,
               scope="signin-account", deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(url_for("public.dashboard")))
    form = LoginForm()
    if form.validate_on_submit():
        user = ops.authenticate(form.email.data, form.password.data)
        if user is None:
            field_error(form, "password", _("Wrong email address or password."))
        else:
            ops.sign_in(user)
            db.session.commit()
            lang = session.get("lang")
            session.clear()  # a new session at sign-in
            if lang:
                session["lang"] = lang
            login_user(user)
            session.permanent = True
            return redirect(safe_next(url_for("public.dashboard")), code=303)
    return render_form("accounts/login.html", form)


@bp.route("/logout", methods=["POST"])
def logout():
    form = ActionForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        ops.sign_out_everywhere(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    return done(_("You are signed out."), url_for("public.landing"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_LIMIT"], methods=["POST"], key_func=client_address,
               scope="password-forgot")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        ops.request_password_reset(form.email.data)
        db.session.commit()
        return done(_("If an account exists for this address, we have sent it a link to choose a new "
                      "password. The link is valid for one hour."), url_for("accounts.login"), "info")
    return render_form("accounts/forgot_password.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        ops.user_for_reset_token(token)
    except TokenError as error:
        messages = {
            "expired": _("This link has expired: links to reset a password are valid for one hour."),
            "used": _("This link has already been used."),
            "invalid": _("This link is not valid."),
        }
        return render_template("accounts/reset_invalid.html", message=messages[error.code]), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        ops.reset_password(token, new_password=form.password.data)
        db.session.commit()
        logout_user()
        return done(_("Your password is changed. Sign in with the new one."), url_for("accounts.login"))
    return render_form("accounts/reset_password.html", form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        ops.update_profile(current_user, name=form.name.data, language=form.language.data, actor=current_user)
        db.session.commit()
        session["lang"] = current_user.language
        return done(_("Your profile is saved."), url_for("accounts.account"))
    return render_form("accounts/account.html", form, password_form=ChangePasswordForm(formdata=None))


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if ops.authenticate(current_user.email, form.current_password.data) is None:
            field_error(form, "current_password", _("This is not your current password."))
        else:
            ops.change_password(current_user, new_password=form.password.data, actor=current_user)
            db.session.commit()
            # This session carries on with the new version; the others end.
            login_user(current_user._get_current_object())
            return done(_("Your password is changed. Your other sessions have been closed."),
                        url_for("accounts.account"))
    return render_template("accounts/account.html", form=ProfileForm(obj=current_user, formdata=None),
                           password_form=form), 422


# The Guichet's admins manage accounts across the region -------------------------------------------

guichet_users = guichet_blueprint("guichet_users", __name__, url_prefix="/users", template_folder="templates")


@guichet_users.before_request
def _admins_only():
    require(can_manage_accounts(current_user))


def _users_page(reason_form=None, status=200, failed_user=None):
    q = request.args.get("q", "")[:100]
    return render_template("accounts/guichet_users.html", users=queries.users_for_guichet(q), q=q,
                           reason_form=reason_form or DisableForm(formdata=None), failed_user=failed_user), status


@guichet_users.route("/")
def users():
    return _users_page()


@guichet_users.route("/<int:user_id>/disable", methods=["POST"])
def disable(user_id: int):
    user = queries.user_or_404(user_id)
    require(can_disable_user(current_user, user))
    form = DisableForm()
    if not form.validate_on_submit():
        return _users_page(form, 422, failed_user=user.id)
    ops.disable_user(user, actor=current_user, reason=form.reason.data)
    db.session.commit()
    return done(_("The account of %(name)s is disabled; its sessions are closed.", name=user.name),
                url_for("guichet_users.users"))


@guichet_users.route("/<int:user_id>/enable", methods=["POST"])
def enable(user_id: int):
    user = queries.user_or_404(user_id)
    require(can_disable_user(current_user, user))
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.enable_user(user, actor=current_user)
    db.session.commit()
    return done(_("The account of %(name)s is enabled again.", name=user.name), url_for("guichet_users.users"))
