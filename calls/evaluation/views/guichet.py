"""The evaluation report of a decided call for the Guichet, on the calls' Guichet blueprint, which this feature
extends (/guichet/calls/<id>/evaluation-report.pdf; the owner reads it in its own space)."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from calls import queries as call_queries
from calls.evaluation import permissions as p
from calls.evaluation.pdf import report_response
from calls.views.guichet import bp
from portal.permissions import require


@bp.route("/<int:call_id>/evaluation-report.pdf")
def report(call_id: int):
    call = call_queries.call_or_404(call_id)
    require(p.can_read_report(current_user, call))
    return report_response(call, request.args.get("language"))
