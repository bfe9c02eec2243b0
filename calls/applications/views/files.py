"""The documents of applications: /application-files/<id>, one address for all who may read the application
(the applicant, the call's owner and the Guichet once the deadline has passed, the evaluators allowed)."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from calls.applications import queries
from portal import clock, uploads

bp = Blueprint("application_files", __name__)


@bp.route("/application-files/<int:attachment_id>")
def attachment(attachment_id: int):
    """A document of an application, to those who may read the application; to anyone else it does not exist."""
    attachment = queries.attachment_or_404(attachment_id)
    if not queries.may_read(current_user, attachment.application, clock.now()):
        abort(404)
    response = uploads.send_upload("attachments", attachment.filename, mimetype=attachment.mimetype,
                                   download_name=attachment.original_name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
