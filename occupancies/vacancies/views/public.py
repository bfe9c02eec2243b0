"""The public's side of the register: anyone reports a vacant place (confirmed by a link sent to their address,
rate-limited, then moderated by the commune), and the region's figures, never an address."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.vacancies import operations as ops
from occupancies.vacancies import queries
from occupancies.vacancies.forms import PublicSignalForm
from occupancies.vacancies.workflow import KIND_LABELS, STATUS_LABELS, PlaceKind, SignalStatus
from portal import clock
from portal.accounts.rules import normalise_email
from portal.extensions import client_address, limiter
from portal.forms import ActionForm
from portal.i18n import current_language
from portal.region import COMMUNES, commune_name
from portal.ui.caching import public_page
from portal.ui.helpers import REFUSED, act, done, render_form, submit

bp = Blueprint("vacancy_reports", __name__, template_folder="../templates")


def _email_typed() -> str:
    return "vacancy-email:" + normalise_email(request.form.get("email", ""))


@bp.route("/vacancies/report", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["VACANCY_LIMIT_PER_ADDRESS"], methods=["POST"], key_func=client_address,
               scope="vacancy-address", deduct_when=lambda response: response.status_code == 303)
@limiter.limit(lambda: current_app.config["VACANCY_LIMIT_PER_EMAIL"], methods=["POST"], key_func=_email_typed,
               scope="vacancy-email", deduct_when=lambda response: response.status_code == 303)
def report():
    form = PublicSignalForm().prepare()
    if request.method == "GET" and current_user.is_authenticated:
        form.email.data = current_user.email
    signal = submit(form, lambda: ops.report_from_public(
        form.values(), email=form.email.data, language=current_language(), photo=form.photo.data,
        confirm_link=lambda token: url_for("vacancy_reports.confirm", token=token, _external=True)))
    if signal is REFUSED:
        return render_form("vacancies/report.html", form, action=url_for("vacancy_reports.report"), public=True,
                           cancel=url_for("vacancy_reports.figures"))
    return done(_("We have sent a message to %(email)s. Follow its link within 24 hours: your report then goes to "
                  "the commune.", email=normalise_email(form.email.data)), url_for("vacancy_reports.sent"), "info")


@bp.route("/vacancies/report/sent")
def sent():
    return render_template("vacancies/sent.html")


@bp.route("/vacancies/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """The link sent to the public reporter: a page and its button (a GET never writes: mail scanners open
    links)."""
    if request.method == "POST":
        if act(lambda: ops.confirm_public_signal(token)) is REFUSED:
            return redirect(url_for("vacancy_reports.confirm", token=token), code=303)
        return done(_("Thank you: your report is confirmed and goes to the commune, which checks it. You will be "
                      "told by email what it decides."), url_for("vacancy_reports.figures"))
    signal = queries.signal_for_token(token, clock.now())
    if signal is None:
        return render_template("vacancies/confirm_invalid.html"), 410
    return render_template("vacancies/confirm.html", signal=signal, form=ActionForm())


@bp.route("/vacancies")
@public_page
def figures():
    counts = queries.figures()
    communes = sorted({commune for commune, _kind in counts["by_place"]}, key=lambda c: commune_name(c))
    return render_template("vacancies/figures.html", counts=counts, communes=communes, kinds=list(PlaceKind),
                           outcomes=[s for s in SignalStatus if s not in (SignalStatus.unconfirmed,
                                                                        SignalStatus.pending,
                                                                        SignalStatus.merged,
                                                                        SignalStatus.rejected)],
                           KIND_LABELS=KIND_LABELS, STATUS_LABELS=STATUS_LABELS, all_communes=COMMUNES)
