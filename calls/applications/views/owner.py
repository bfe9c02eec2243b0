"""The owner's reading of the applications to one of its calls, once the call has closed: pages under the call's
own address (/o/<slug>/calls/<id>/applications…), on the calls' blueprint, which this feature extends."""
from __future__ import annotations

from flask import abort, g, render_template
from flask_login import current_user

from calls import queries as call_queries
from calls import rules as call_rules
from calls.applications import queries
from calls.views.owner import bp
from calls.workflow import effective_status
from portal import clock


@bp.route("/<int:call_id>/applications")
def applications(call_id: int):
    call = call_queries.call_in_tenant_or_404(call_id)
    if not g.organisation.is_owner:
        abort(404)
    now = clock.now()
    sealed = call_rules.sealed(call.submission_deadline, now)
    submitted, drafts = queries.counts_of(call)
    rows = [] if sealed else queries.received_applications(call)
    return render_template("applications/owner/applications.html", call=call, status=effective_status(call, now),
                           sealed=sealed, submitted=submitted, drafts=drafts, rows=rows,
                           closed=queries.closed_to(current_user, call, [a for a, _count in rows]))


@bp.route("/<int:call_id>/applications/<int:application_id>")
def application(call_id: int, application_id: int):
    call = call_queries.call_in_tenant_or_404(call_id)
    application = queries.application_of_call_or_404(call, application_id)
    if not queries.may_read(current_user, application, clock.now()):
        abort(404)  # sealed until the deadline, never a draft, never to a conflicted evaluator: as if absent
    return render_template("applications/owner/application.html", call=call, application=application)
