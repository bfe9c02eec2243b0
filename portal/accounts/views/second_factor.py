"""One's own second factor, at /account/second-factor: set it up with a QR code, keep recovery codes, turn it off
where the roles allow it."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import clock
from portal.accounts import operations as ops
from portal.accounts import rules
from portal.accounts.forms import ConfirmCodeForm, TurnOffForm
from portal.ui.helpers import REFUSED, act, done, submit

second_factor = Blueprint("second_factor", __name__, url_prefix="/account/second-factor",
                          template_folder="../templates")


def _page(status: int = 200, **forms):
    user = current_user
    secret = user.totp_pending_secret
    setup = None
    if secret and not user.totp_secret:
        uri = rules.provisioning_uri(secret, user.email)
        setup = {"qr": rules.qr_svg(uri, _("QR code to scan with your authenticator application")),
                 "key": rules.group_secret(secret)}
    left = sum(1 for code in user.recovery_codes if code.used_at is None) if user.totp_secret else 0
    return render_template(
        "accounts/second_factor.html", setup=setup, left=left,
        standing=rules.second_factor_standing(user, clock.now()), required=rules.second_factor_required(user),
        confirm_form=forms.get("confirm_form") or ConfirmCodeForm(formdata=None),
        renew_form=forms.get("renew_form") or ConfirmCodeForm(formdata=None, prefix="renew"),
        off_form=forms.get("off_form") or TurnOffForm(formdata=None)), status


@second_factor.route("/")
@login_required
def page():
    return _page()


@second_factor.route("/start", methods=["POST"])
@login_required
def start():
    if act(lambda: ops.start_second_factor(current_user, actor=current_user)) is REFUSED:
        return redirect(url_for("second_factor.page"), code=303)
    return done(_("Scan the QR code with your authenticator application, then type the code it shows."),
                url_for("second_factor.page") + "#set-up", "info")


@second_factor.route("/confirm", methods=["POST"])
@login_required
def confirm():
    form = ConfirmCodeForm()
    codes = submit(form, lambda: ops.confirm_second_factor(current_user, code=form.code.data, actor=current_user))
    if codes is REFUSED:
        return _page(422, confirm_form=form)
    return _codes(codes, _("Your second factor is set up."))


@second_factor.route("/recovery-codes", methods=["POST"])
@login_required
def renew():
    form = ConfirmCodeForm(prefix="renew")
    codes = submit(form, lambda: ops.renew_recovery_codes(current_user, code=form.code.data, actor=current_user))
    if codes is REFUSED:
        return _page(422, renew_form=form)
    return _codes(codes, _("Your new recovery codes are ready: the old ones no longer work."))


def _codes(codes: list[str], message: str):
    """The recovery codes, shown this once: only their digests are kept."""
    return render_template("accounts/recovery_codes.html", codes=codes, message=message)


@second_factor.route("/off", methods=["POST"])
@login_required
def turn_off():
    form = TurnOffForm()
    if submit(form, lambda: ops.turn_off_second_factor(current_user, password=form.password.data,
                                                       actor=current_user)) is REFUSED:
        return _page(422, off_form=form)
    return done(_("Your second factor is turned off: signing in asks for your password only."),
                url_for("second_factor.page"))
