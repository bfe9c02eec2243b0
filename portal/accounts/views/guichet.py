"""The Guichet's admins manage accounts across the region: /guichet/users/…"""
from __future__ import annotations

import csv
import io
import json

from flask import Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import operations as ops
from portal.accounts import queries, rules
from portal.accounts.forms import DisableForm, ResetSecondFactorForm
from portal.accounts.notifications import security_labels
from portal.accounts.permissions import can_disable_user, can_manage_accounts, can_reset_second_factor
from portal.exports import spreadsheet_text
from portal.listing import page_count, page_number
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, act, done, submit

guichet_users = guichet_blueprint("guichet_users", __name__, url_prefix="/users", template_folder="../templates")


@guichet_users.before_request
def _admins_only():
    require(can_manage_accounts(current_user))


def _users_page(reason_form=None, status=200, failed_user=None, reset_form=None):
    q = request.args.get("q", "")[:100]
    return render_template("accounts/guichet_users.html", users=queries.users_for_guichet(q), q=q,
                           reason_form=reason_form or DisableForm(formdata=None), failed_user=failed_user,
                           reset_form=reset_form or ResetSecondFactorForm(formdata=None, prefix="reset")), status


@guichet_users.route("/")
def users():
    return _users_page()


@guichet_users.route("/<int:user_id>/disable", methods=["POST"])
def disable(user_id: int):
    user = queries.user_or_404(user_id)
    require(can_disable_user(current_user, user))
    form = DisableForm()
    if submit(form, lambda: ops.disable_user(user, actor=current_user, reason=form.reason.data)) is REFUSED:
        return _users_page(form, 422, failed_user=user.id)
    return done(_("The account of %(name)s is disabled; its sessions are closed.", name=user.name),
                url_for("guichet_users.users"))


@guichet_users.route("/<int:user_id>/enable", methods=["POST"])
def enable(user_id: int):
    user = queries.user_or_404(user_id)
    require(can_disable_user(current_user, user))
    if act(lambda: ops.enable_user(user, actor=current_user)) is REFUSED:
        return redirect(url_for("guichet_users.users"), code=303)
    return done(_("The account of %(name)s is enabled again.", name=user.name), url_for("guichet_users.users"))


@guichet_users.route("/<int:user_id>/second-factor/reset", methods=["POST"])
def reset_second_factor(user_id: int):
    user = queries.user_or_404(user_id)
    require(can_reset_second_factor(current_user, user))
    form = ResetSecondFactorForm(prefix="reset")
    if submit(form, lambda: ops.reset_second_factor(user, actor=current_user, reason=form.reason.data)) is REFUSED:
        return _users_page(status=422, failed_user=user.id, reset_form=form)
    return done(_("The second factor of %(name)s is reset: they are told, and sign in with their password to set "
                  "up a new one.", name=user.name), url_for("guichet_users.users"))


SECURITY_PAGE = 100
SECURITY_EXPORT = 10_000


@guichet_users.route("/security")
def security():
    """The security record: sign-ins, refused or not, and the changes to accounts, second factors, personal data and
    roles, filtered by theme, person and days."""
    filters = queries.SecurityFilters.from_args(request.args)
    page = page_number()
    rows, total = queries.security_record(filters, page, SECURITY_PAGE)
    return render_template("accounts/security_record.html", rows=rows, total=total, filters=filters, page=page,
                           pages=page_count(total, SECURITY_PAGE), themes=rules.SECURITY_THEMES,
                           labels=security_labels())


@guichet_users.route("/security.csv")
def security_csv():
    """The same rows as a CSV file (at most SECURITY_EXPORT, newest first), every cell a person wrote neutralised."""
    filters = queries.SecurityFilters.from_args(request.args)
    labels = security_labels()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(["at", "event", "person", "typed_address", "by", "organisation", "network", "details"])
    for row in queries.security_rows_for_export(filters, SECURITY_EXPORT):
        writer.writerow([row.at.isoformat(), str(labels.get(row.kind, row.kind)),
                         spreadsheet_text(row.person.email if row.person else ""), spreadsheet_text(row.email),
                         spreadsheet_text(row.actor.email if row.actor else ""),
                         spreadsheet_text(row.organisation.name if row.organisation else ""), row.network,
                         spreadsheet_text(json.dumps(row.changes, ensure_ascii=False) if row.changes else "")])
    return Response(buffer.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=security-record.csv", "Cache-Control": "private, no-store"})
