"""The parties' pages of appeals: the applicant lodges one from its decided application; both the applicant and the
call's owner read it; the owner's admin answers."""
from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from calls.appeals import operations as ops
from calls.appeals import permissions as p
from calls.appeals import queries
from calls.appeals.forms import AnswerForm, LodgeForm
from calls.applications.queries import application_in_tenant_or_404
from portal import uploads
from portal.permissions import require
from portal.roles import WRITERS, role_in
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = tenant_blueprint("appeals", __name__, url_prefix="/appeals", template_folder="../templates")


@bp.route("/")
def index():
    require(role_in(current_user, g.organisation) in WRITERS)     # not the evaluators: the parties' writers
    return render_template("appeals/list.html", appeals=queries.appeals_of_organisation(g.organisation),
                           guichet=False)


@bp.route("/new/<int:application_id>", methods=["GET", "POST"])
def lodge(application_id: int):
    """The applicant contests the decision on its own application."""
    application = application_in_tenant_or_404(application_id)
    require(p.can_lodge(current_user, application))
    form = LodgeForm()
    if request.method == "POST":
        upload = request.files.get("document")
        appeal = submit(form, lambda: ops.lodge_appeal(
            application, reasons=form.reasons.data, document=upload.stream if upload and upload.filename else None,
            filename=upload.filename if upload else None, actor=current_user))
        if appeal is not REFUSED:
            return done(_("Your appeal is lodged: the owner's administrator answers it, and you are told."),
                        url_for("appeals.appeal", appeal_id=appeal.id))
    return render_template("appeals/lodge.html", form=form, application=application, call=application.call,
                           deadline=queries.appeal_deadline(application.call)), \
        422 if request.method == "POST" else 200


@bp.route("/<int:appeal_id>", methods=["GET", "POST"])
def appeal(appeal_id: int):
    appeal = queries.appeal_of_party_or_404(appeal_id)
    if not p.can_read_appeal(current_user, appeal):
        abort(404)
    form = AnswerForm()
    if request.method == "POST":
        require(p.can_answer(current_user, appeal))
        if submit(form, lambda: ops.answer_appeal(appeal, outcome=form.outcome.data, answer=form.answer.data,
                                                  actor=current_user)) is not REFUSED:
            return done(_("Your answer is recorded; the applicant and the Guichet are told."),
                        url_for("appeals.appeal", appeal_id=appeal.id))
    return render_template("appeals/appeal.html", appeal=appeal, form=form, guichet=False), \
        422 if request.method == "POST" else 200


@bp.route("/<int:appeal_id>/document")
def document(appeal_id: int):
    appeal = queries.appeal_of_party_or_404(appeal_id)
    if not p.can_read_appeal(current_user, appeal) or not appeal.document_file:
        abort(404)
    return send_document(appeal)


def send_document(appeal):
    response = uploads.send_upload(ops.AREA, appeal.document_file, mimetype=appeal.document_mimetype,
                                   download_name=appeal.document_name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
