"""The Guichet's reading of an application to a call it moderates, on the calls' Guichet blueprint, which this
feature extends (/guichet/calls/<id>/applications/<id>)."""
from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from calls import queries as call_queries
from calls.applications import permissions as p
from calls.applications import queries
from calls.views.guichet import bp
from portal import clock


@bp.route("/<int:call_id>/applications/<int:application_id>")
def application(call_id: int, application_id: int):
    call = call_queries.call_or_404(call_id)
    application = queries.application_of_call_or_404(call, application_id)
    if not p.can_read_application(current_user, application, clock.now()):
        abort(404)
    return render_template("applications/owner/application.html", call=call, application=application, guichet=True)
