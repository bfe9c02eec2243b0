"""What the members' pages and the Guichet's pages of an organisation both answer."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal import uploads
from portal.organisations import operations as ops
from portal.organisations import permissions as p


def statutes_file(organisation):
    """The association's statutes to those who may read them (404 to others); never kept by a shared cache."""
    if not p.can_read_statutes(current_user, organisation):
        abort(404)
    response = uploads.send_upload(ops.STATUTES_AREA, organisation.statutes_file, mimetype="application/pdf",
                                   download_name=organisation.statutes_name or "statutes.pdf")
    response.headers["Cache-Control"] = "private, no-store"
    return response
