"""The Guichet reads every appeal of the region: /guichet/appeals/…"""
from __future__ import annotations

from flask import abort, render_template

from calls.appeals import queries
from calls.appeals.views.member import send_document
from portal.tenancy import guichet_blueprint

bp = guichet_blueprint("guichet_appeals", __name__, url_prefix="/appeals", template_folder="../templates")


@bp.route("/")
def index():
    return render_template("appeals/list.html", appeals=queries.all_appeals(), guichet=True)


@bp.route("/<int:appeal_id>")
def appeal(appeal_id: int):
    return render_template("appeals/appeal.html", appeal=queries.appeal_or_404(appeal_id), form=None, guichet=True)


@bp.route("/<int:appeal_id>/document")
def document(appeal_id: int):
    appeal = queries.appeal_or_404(appeal_id)
    if not appeal.document_file:
        abort(404)
    return send_document(appeal)
