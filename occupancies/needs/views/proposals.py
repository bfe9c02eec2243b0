"""Proposals of a site to a need: /o/<slug>/proposals/… for the owner who sends them and the association that
answers them (each reads only its own), /guichet/proposals/… for the Guichet's staff (read only)."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.needs import operations as ops
from occupancies.needs import permissions as p
from occupancies.needs import queries
from occupancies.needs.forms import DeclineForm, MessageForm, ProposalForm
from portal import clock
from portal.forms import ActionForm
from portal.permissions import require
from portal.roles import OrganisationKind
from portal.tenancy import guichet_blueprint, tenant_blueprint
from portal.ui.helpers import REFUSED, act, done, render_form, submit

bp = tenant_blueprint("proposals", __name__, url_prefix="/proposals", template_folder="../templates")
guichet_bp = guichet_blueprint("guichet_proposals", __name__, url_prefix="/proposals",
                               template_folder="../templates")


@bp.before_request
def _parties_only():
    """Owners send proposals and associations receive them: for any other organisation, these pages are not there."""
    if g.get("organisation") is not None and g.organisation.kind not in (OrganisationKind.public_owner,
                                                                         OrganisationKind.occupant):
        abort(404)


@bp.route("/")
def index():
    return render_template("needs/proposals.html", proposals=queries.proposals_of(g.organisation),
                           as_owner=g.organisation.kind == OrganisationKind.public_owner)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """The owner proposes one of its sites to a need: ?need= (from the need's page or the site's), ?site= once
    chosen."""
    require(p.can_propose(current_user, g.organisation))
    need = queries.readable_need_or_404(current_user, request.args.get("need", 0, type=int), clock.today())
    sites = queries.sites_to_propose(g.organisation)
    site = queries.site_to_propose(g.organisation, request.args.get("site", type=int))
    form = ProposalForm().prepare(need, site)
    if not form.is_submitted():
        form.start_date.data = max(need.start_on, clock.today())
        if len(form.use_category.choices) == 1:
            form.use_category.data = form.use_category.choices[0][0]
    if site is None:
        return render_template("needs/proposal_form.html", form=form, need=need, sites=sites, site=None)
    proposal = submit(form, lambda: ops.propose_site(g.organisation, need, site, form.values(), actor=current_user))
    if proposal is REFUSED:
        return render_form("needs/proposal_form.html", form, need=need, sites=sites, site=site)
    return done(_("Your proposal is sent to %(association)s.", association=need.organisation.name),
                url_for("proposals.proposal", proposal_id=proposal.id))


@bp.route("/<int:proposal_id>")
def proposal(proposal_id: int):
    found = queries.proposal_of_party_or_404(proposal_id)
    return _page(found)


def _page(found, *, message_form=None, decline_form=None, status=200):
    return render_template("needs/proposal.html", proposal=found, action_form=ActionForm(),
                           message_form=message_form or MessageForm(formdata=None),
                           decline_form=decline_form or DeclineForm(formdata=None), guichet=False), status


@bp.route("/<int:proposal_id>/messages", methods=["POST"])
def write(proposal_id: int):
    found = queries.proposal_of_party_or_404(proposal_id)
    require(p.can_write_about(current_user, found))
    form = MessageForm()
    if submit(form, lambda: ops.write_about(found, form.text.data, actor=current_user)) is REFUSED:
        return _page(found, message_form=form, status=422)
    return done(_("Your message is sent."), url_for("proposals.proposal", proposal_id=found.id, _anchor="messages"))


@bp.route("/<int:proposal_id>/accept", methods=["POST"])
def accept(proposal_id: int):
    found = queries.proposal_of_party_or_404(proposal_id)
    agreement = act(lambda: ops.accept_proposal(found, actor=current_user))
    if agreement is REFUSED:
        return redirect(url_for("proposals.proposal", proposal_id=found.id), code=303)
    return done(_("You accept the proposal: the agreement %(reference)s is drafted. The owner completes it and sends "
                  "it to you for signature.", reference=agreement.reference),
                url_for("agreements.agreement", agreement_id=agreement.id))


@bp.route("/<int:proposal_id>/decline", methods=["POST"])
def decline(proposal_id: int):
    found = queries.proposal_of_party_or_404(proposal_id)
    require(p.can_answer_proposal(current_user, found))
    form = DeclineForm()
    if submit(form, lambda: ops.decline_proposal(found, form.reason.data, actor=current_user)) is REFUSED:
        return _page(found, decline_form=form, status=422)
    return done(_("You decline the proposal; the owner is told why."),
                url_for("proposals.proposal", proposal_id=found.id))


@bp.route("/<int:proposal_id>/withdraw", methods=["POST"])
def withdraw(proposal_id: int):
    found = queries.proposal_of_party_or_404(proposal_id)
    if act(lambda: ops.withdraw_proposal(found, actor=current_user)) is REFUSED:
        return redirect(url_for("proposals.proposal", proposal_id=found.id), code=303)
    return done(_("Your proposal is withdrawn."), url_for("proposals.proposal", proposal_id=found.id))


@guichet_bp.route("/")
def guichet_index():
    return render_template("needs/proposals.html", proposals=queries.all_proposals(), as_owner=None)


@guichet_bp.route("/<int:proposal_id>")
def guichet_proposal(proposal_id: int):
    return render_template("needs/proposal.html", proposal=queries.any_proposal_or_404(proposal_id), guichet=True)
