"""An association's needs: /o/<slug>/needs/…"""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.needs import operations as ops
from occupancies.needs import permissions as p
from occupancies.needs import queries, rules, words
from occupancies.needs.forms import NeedForm
from portal import clock
from portal.database import MAX_ID
from portal.forms import ActionForm
from portal.permissions import require
from portal.roles import OrganisationKind
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, act, done, render_form, submit

bp = tenant_blueprint("needs", __name__, url_prefix="/needs", template_folder="../templates")


@bp.before_request
def _associations_only():
    """Only an association publishes needs: for any other organisation, these pages are not there."""
    if g.get("organisation") is not None and g.organisation.kind != OrganisationKind.occupant:
        abort(404)


@bp.route("/")
def index():
    today = clock.today()
    return render_template("needs/index.html", needs=queries.needs_of(g.organisation), today=today,
                           counts=queries.match_counts(g.organisation),
                           may_publish=p.can_publish_need(current_user, g.organisation), action_form=ActionForm(),
                           expires_on=rules.expires_on, is_listed=rules.is_listed)


@bp.route("/matches")
def matches():
    """The places on offer that met the association's needs (or one of them: ?need=), newest first, each with why."""
    need_id = request.args.get("need", type=int)
    found = queries.matches_of_association(g.organisation, need_id if need_id and 0 < need_id <= MAX_ID else None)
    return render_template("needs/matches.html", matches=found, sentence=words.sentence, today=clock.today(),
                           need_id=need_id)


@bp.route("/new", methods=["GET", "POST"])
def new():
    require(p.can_publish_need(current_user, g.organisation))
    form = NeedForm().prepare()
    if not form.is_submitted():
        form.start_on.data = clock.today()
    need = submit(form, lambda: ops.publish_need(g.organisation, form.values(), actor=current_user))
    if need is REFUSED:
        return render_form("needs/form.html", form, need=None)
    return done(_("Your need is published for 3 months; confirm it before then to keep it."),
                url_for("needs.index"))


@bp.route("/<int:need_id>/edit", methods=["GET", "POST"])
def edit(need_id: int):
    need = queries.need_in_tenant_or_404(need_id)
    require(p.can_publish_need(current_user, g.organisation))
    form = (NeedForm.of(need) if not NeedForm().is_submitted() else NeedForm()).prepare()
    saved = submit(form, lambda: ops.update_need(need, form.values(), actor=current_user))
    if saved is REFUSED:
        return render_form("needs/form.html", form, need=need)
    return done(_("Your need is updated."), url_for("needs.index"))


@bp.route("/<int:need_id>/confirm", methods=["POST"])
def confirm(need_id: int):
    return _act_on_need(need_id, ops.confirm_need, _("Your need is confirmed for 3 more months."))


@bp.route("/<int:need_id>/withdraw", methods=["POST"])
def withdraw(need_id: int):
    return _act_on_need(need_id, ops.withdraw_need, _("Your need is withdrawn."))


def _act_on_need(need_id: int, operation, message):
    """A button of a need on the association's page: the operation, then the page again (a refusal is flashed)."""
    need = queries.need_in_tenant_or_404(need_id)
    if act(lambda: operation(need, actor=current_user)) is REFUSED:
        return redirect(url_for("needs.index"), code=303)
    return done(message, url_for("needs.index"))
