"""The Guichet's moderation of calls before publication: /guichet/calls/…"""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from calls import operations as ops
from calls import permissions as p
from calls import queries
from calls.forms import ApproveForm, SendBackForm
from calls.workflow import CallStatus, effective_status
from portal import clock
from portal.audit.queries import history_of
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = guichet_blueprint("guichet_calls", __name__, url_prefix="/calls", template_folder="../templates")


@bp.route("/")
def index():
    return render_template("calls/guichet/index.html", waiting=queries.calls_to_moderate(),
                           approved=queries.calls_to_be_published(), recent=queries.recent_calls(), now=clock.now())


def _review(call, reason_form=None, approve_form=None, status=200):
    return render_template("calls/guichet/review.html", call=call, status=effective_status(call, clock.now()),
                           now=clock.now(), history=history_of(call),
                           reason_form=reason_form or SendBackForm(formdata=None),
                           approve_form=approve_form or ApproveForm(formdata=None)), status


@bp.route("/<int:call_id>")
def review(call_id: int):
    return _review(queries.call_or_404(call_id))


@bp.route("/<int:call_id>/publish", methods=["POST"])
def publish(call_id: int):
    call = queries.call_or_404(call_id)
    require(p.can_moderate_call(current_user, call))
    form = ApproveForm()
    if submit(form, lambda: ops.approve_call(call, actor=current_user)) is REFUSED:  # not confirmed, or a rule
        return _review(call, approve_form=form, status=422)
    if call.status == CallStatus.published:
        return done(_("The call is published, with its site. It closes by itself at its submission deadline."),
                    url_for("guichet_calls.index"))
    return done(_("The call is approved. It goes public by itself on %(date)s (Brussels time), with its site, as "
                  "its owner planned.", date=format_datetime(call.publication_at, "short")),
                url_for("guichet_calls.index"))


@bp.route("/<int:call_id>/send-back", methods=["POST"])
def send_back(call_id: int):
    call = queries.call_or_404(call_id)
    require(p.can_return_call(current_user, call))
    form = SendBackForm()
    if submit(form, lambda: ops.return_call(call, actor=current_user, reason=form.reason.data)) is not REFUSED:
        return done(_("The call is sent back to its owner with your reason."), url_for("guichet_calls.index"))
    return _review(call, reason_form=form, status=422)
