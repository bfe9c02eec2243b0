"""Pages at the root for everyone: sign in and out, a forgotten password, and one's own account."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal import clock
from portal.accounts import operations as ops
from portal.accounts import queries
from portal.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
)
from portal.accounts.rules import TokenError
from portal.extensions import client_address, limiter
from portal.forms import ActionForm
from portal.ui.helpers import REFUSED, commit, done, render_form, safe_next, show_problems, submit

bp = Blueprint("accounts", __name__, template_folder="../templates")


def _failed(response) -> bool:
    return response.status_code != 303  # only failed sign-ins count against the limit


def _sign_in_step(form, operation, template: str, email: str):
    """(result, None) once the step's operation passes; (REFUSED, the page to answer) otherwise, each problem beside
    its field. A sign-in held back answers 429, with the seconds to wait when there are."""
    held, refused = [], []

    def show(form, error):
        if isinstance(error, ops.SignInHeld):
            held.append(error)
        if isinstance(error, ops.SignInRefused):
            refused.append(error)
        show_problems(form, error)

    result = submit(form, operation, show=show)
    if refused:       # the refusal rolled back: its record for the Guichet is written on its own
        commit(lambda: ops.record_refused_sign_in(email, address=client_address(), outcome=refused[0].outcome))
    if held:
        headers = {"Retry-After": str(held[0].retry_after)} if held[0].retry_after else {}
        return REFUSED, (render_template(template, form=form), 429, headers)
    return result, (render_form(template, form) if result is REFUSED else None)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT_PER_ADDRESS"], methods=["POST"], key_func=client_address,
               scope="signin-address", deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(url_for("public.dashboard")))
    form = LoginForm()
    checked, page = _sign_in_step(form, lambda: ops.sign_in_with_password(form.email.data, form.password.data,
                                                                          address=client_address()),
                                  "accounts/login.html", form.email.data or "")
    if checked is REFUSED:
        return page
    target = safe_next(url_for("public.dashboard"))
    _new_session()
    if checked.code_needed:     # the password was right: the code of the second factor comes next
        session[PENDING] = {"user": checked.user.id, "version": checked.user.session_version, "next": target,
                            "until": int(clock.now().timestamp()) + current_app.config["SECOND_FACTOR_PENDING_SECONDS"]}
        return redirect(url_for("accounts.login_code"), code=303)
    return _signed_in(checked.user, target)


PENDING = "second_factor_pending"


def _new_session() -> None:
    lang = session.get("lang")
    session.clear()  # a new session at sign-in
    if lang:
        session["lang"] = lang


def _signed_in(user, target: str):
    login_user(user)
    session.permanent = True
    return redirect(target, code=303)


def _pending_sign_in() -> dict | None:
    """The sign-in waiting for its code in this session, while it lasts (the session is signed: its values are
    ours)."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("until"), int) \
            or pending["until"] < clock.now().timestamp():
        return None
    return pending


def _pending_email(pending: dict) -> str:
    user = queries.user_by_id(pending.get("user"))
    return user.email if user is not None else ""


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNIN_LIMIT_PER_ADDRESS"], methods=["POST"], key_func=client_address,
               scope="signin-address", deduct_when=_failed)
def login_code():
    """The second step of a sign-in: a code of the person's authenticator, or one of their recovery codes."""
    if current_user.is_authenticated:
        return redirect(url_for("public.dashboard"))
    pending = _pending_sign_in()
    if pending is None:
        session.pop(PENDING, None)
        return done(_("Sign in again: the code must be typed within five minutes of the password."),
                    url_for("accounts.login"), "info")
    form = CodeForm()
    user, page = _sign_in_step(form, lambda: ops.sign_in_with_code(pending["user"], pending["version"],
                                                                   form.code.data, address=client_address()),
                               "accounts/login_code.html", _pending_email(pending))
    if user is REFUSED:
        return page
    _new_session()
    return _signed_in(user, pending["next"])


@bp.route("/logout", methods=["POST"])
def logout():
    # Signing out always works; only a valid token also closes the user's other sessions (hence no 400 here).
    if current_user.is_authenticated:
        submit(ActionForm(), lambda: ops.sign_out_everywhere(current_user))
    logout_user()
    session.clear()
    return done(_("You are signed out."), url_for("public.landing"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_LIMIT"], methods=["POST"], key_func=client_address,
               scope="password-forgot")
def forgot_password():
    form = ForgotPasswordForm()
    if submit(form, lambda: ops.request_password_reset(form.email.data)) is not REFUSED:
        return done(_("If an account exists for this address, we have sent it a link to choose a new "
                      "password. The link is valid for one hour."), url_for("accounts.login"), "info")
    return render_form("accounts/forgot_password.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        person = queries.user_for_reset_token(token)
    except TokenError as error:
        messages = {
            "expired": _("This link has expired: links to reset a password are valid for one hour."),
            "used": _("This link has already been used."),
            "invalid": _("This link is not valid."),
        }
        return render_template("accounts/reset_invalid.html", message=messages[error.code]), 410
    form = ResetPasswordForm()
    form.password_context = queries.password_context(person)
    if submit(form, lambda: ops.reset_password(token, new_password=form.password.data)) is not REFUSED:
        logout_user()
        return done(_("Your password is changed. Sign in with the new one."), url_for("accounts.login"))
    return render_form("accounts/reset_password.html", form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ProfileForm(obj=current_user)
    if submit(form, lambda: ops.update_profile(current_user, name=form.name.data, language=form.language.data,
                                               actor=current_user)) is not REFUSED:
        session["lang"] = current_user.language
        return done(_("Your profile is saved."), url_for("accounts.account"))
    return render_form("accounts/account.html", form, password_form=ChangePasswordForm(formdata=None))


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    form.password_context = queries.password_context(current_user)
    if submit(form, lambda: ops.change_password(current_user, current_password=form.current_password.data,
                                                new_password=form.password.data, actor=current_user)) is not REFUSED:
        # This session carries on with the new version; the others end.
        login_user(current_user._get_current_object())
        return done(_("Your password is changed. Your other sessions have been closed."),
                    url_for("accounts.account"))
    return render_template("accounts/account.html", form=ProfileForm(obj=current_user, formdata=None),
                           password_form=form), 422
