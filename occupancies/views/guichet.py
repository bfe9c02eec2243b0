"""The Guichet decides what the public sees: /guichet/sites/…"""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies import operations as ops
from occupancies import permissions as p
from occupancies import queries
from occupancies.forms import PublishSiteForm
from occupancies.views.common import location_context, site_context
from portal.audit.queries import history_of
from portal.organisations.forms import ReasonForm
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, act, done, submit

bp = guichet_blueprint("guichet_sites", __name__, url_prefix="/sites", template_folder="../templates")


@bp.route("/")
def index():
    return render_template("occupancies/guichet/index.html", sites=queries.sites_to_review())


def _review_page(site, reason_form=None, publish_form=None, status=200):
    return render_template("occupancies/guichet/review.html", site=site, history=history_of(site),
                           reason_form=reason_form or ReasonForm(formdata=None),
                           publish_form=publish_form or PublishSiteForm(formdata=None), **site_context(site),
                           **location_context(site, warnings=True)), status


@bp.route("/<int:site_id>")
def review(site_id: int):
    return _review_page(queries.any_site_or_404(site_id))


@bp.route("/<int:site_id>/publish", methods=["POST"])
def publish(site_id: int):
    site = queries.any_site_or_404(site_id)
    require(p.can_moderate_site(current_user, site))
    form = PublishSiteForm()
    if submit(form, lambda: ops.publish_site(site, actor=current_user)) is REFUSED:
        return _review_page(site, publish_form=form, status=422)
    return done(_("%(site)s is published.", site=site.name), url_for("guichet_sites.index"))


def _with_reason(site_id: int, allowed, operation, message: str, next_url):
    """A Guichet decision that needs a reason: refused beside the field without one."""
    site = queries.any_site_or_404(site_id)
    require(allowed(current_user, site))
    form = ReasonForm()
    if submit(form, lambda: operation(site, actor=current_user, reason=form.reason.data)) is REFUSED:
        return _review_page(site, form, status=422)
    return done(message % {"site": site.name}, next_url(site))


@bp.route("/<int:site_id>/return", methods=["POST"])
def send_back(site_id: int):
    return _with_reason(site_id, p.can_moderate_site, ops.return_site, _("%(site)s is sent back to its owner."),
                        lambda site: url_for("guichet_sites.index"))


@bp.route("/<int:site_id>/protection", methods=["POST"])
def protection(site_id: int):
    """Mark the site protected, or lift it (the button says which)."""
    site = queries.any_site_or_404(site_id)
    protected = not site.protected
    if act(lambda: ops.set_protection(site, protected, actor=current_user)) is REFUSED:
        return redirect(url_for("guichet_sites.review", site_id=site.id), code=303)
    return done(_("%(site)s is now a protected place: the public no longer reads its address.", site=site.name)
                if protected else _("%(site)s is no longer a protected place.", site=site.name),
                url_for("guichet_sites.review", site_id=site.id))


@bp.route("/<int:site_id>/withdraw", methods=["POST"])
def withdraw(site_id: int):
    return _with_reason(site_id, p.can_withdraw_publication, ops.withdraw_publication,
                        _("%(site)s is no longer public."),
                        lambda site: url_for("guichet_sites.review", site_id=site.id))
