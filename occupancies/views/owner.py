"""The public owner's register of its vacant spaces: /o/<slug>/sites/…"""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies import operations as ops
from occupancies import permissions as p
from occupancies import queries
from occupancies.forms import OccupancyForm, PhotoForm, SiteForm, UnitForm
from occupancies.views.common import flash_location_warnings, location_context, site_context
from portal.audit.queries import history_of
from portal.organisations.forms import ReasonForm
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, act, done, render_form, submit

bp = tenant_blueprint("sites", __name__, url_prefix="/sites", template_folder="../templates")


def _site_url(site):
    return url_for("sites.site", site_id=site.id)


@bp.route("/")
def index():
    organisation = g.organisation
    if not organisation.is_owner:
        abort(404)
    return render_template("occupancies/owner/index.html", rows=queries.owner_sites(organisation),
                           organisation=organisation)


@bp.route("/new", methods=["GET", "POST"])
def new():
    require(p.can_manage_sites(current_user, g.organisation))
    form = SiteForm().prepare()
    site = submit(form, lambda: ops.create_site(g.organisation, form.values(), actor=current_user))
    if site is not REFUSED:
        response = done(_("The site is created. Now add its units."), _site_url(site))
        flash_location_warnings(site)  # after the confirmation, before the page that shows them again
        return response
    return render_form("occupancies/owner/site_form.html", form, site=None)


def _site_page(site, *, unit_form=None, photo_form=None, reason_form=None, status=200):
    require(p.can_view_site(current_user, site))
    return render_template(
        "occupancies/owner/site.html", site=site, history=history_of(site),
        unit_form=unit_form or UnitForm(formdata=None).prepare(),
        photo_form=photo_form or PhotoForm(formdata=None),
        reason_form=reason_form or ReasonForm(formdata=None),
        **site_context(site), **location_context(site, warnings=True),
    ), status


@bp.route("/<int:site_id>")
def site(site_id: int):
    return _site_page(queries.site_in_tenant_or_404(site_id))


@bp.route("/<int:site_id>/edit", methods=["GET", "POST"])
def edit(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_edit_site(current_user, site))
    form = SiteForm(obj=site).prepare()
    if submit(form, lambda: ops.update_site(site, form.values(), actor=current_user)) is not REFUSED:
        response = done(_("The site is saved."), _site_url(site))
        flash_location_warnings(site)
        return response
    return render_form("occupancies/owner/site_form.html", form, site=site)


@bp.route("/<int:site_id>/units", methods=["POST"])
def add_unit(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_edit_site(current_user, site))
    form = UnitForm().prepare()
    if submit(form, lambda: ops.add_unit(site, form.values(), actor=current_user)) is not REFUSED:
        return done(_("The unit is added."), _site_url(site) + "#units")
    return _site_page(site, unit_form=form, status=422)


@bp.route("/<int:site_id>/units/<int:unit_id>/edit", methods=["GET", "POST"])
def edit_unit(site_id: int, unit_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    unit = queries.unit_of_site_or_404(site, unit_id)
    require(p.can_edit_site(current_user, site))
    form = UnitForm(obj=unit).prepare()
    if request.method == "GET":
        form.kind.data = unit.kind.value
    if submit(form, lambda: ops.update_unit(unit, form.values(), actor=current_user)) is not REFUSED:
        return done(_("The unit is saved."), _site_url(site) + "#units")
    return render_form("occupancies/owner/unit_form.html", form, site=site, unit=unit)


@bp.route("/<int:site_id>/units/<int:unit_id>/remove", methods=["POST"])
def remove_unit(site_id: int, unit_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    unit = queries.unit_of_site_or_404(site, unit_id)
    require(p.can_edit_site(current_user, site))
    if act(lambda: ops.remove_unit(unit, actor=current_user)) is REFUSED:
        return redirect(_site_url(site) + "#units", code=303)
    return done(_("The unit is removed."), _site_url(site) + "#units")


@bp.route("/<int:site_id>/photos", methods=["POST"])
def add_photo(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_edit_site(current_user, site))
    form = PhotoForm()
    if submit(form, lambda: ops.add_photo(site, form.photo.data.stream, caption=form.caption.data or "",
                                          actor=current_user)) is not REFUSED:
        return done(_("The photo is added."), _site_url(site) + "#photos")
    return _site_page(site, photo_form=form, status=422)


@bp.route("/<int:site_id>/photos/<int:photo_id>/remove", methods=["POST"])
def remove_photo(site_id: int, photo_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    photo = queries.photo_or_404(photo_id)
    if photo.site_id != site.id:
        abort(404)
    require(p.can_edit_site(current_user, site))
    if act(lambda: ops.remove_photo(photo, actor=current_user)) is REFUSED:
        return redirect(_site_url(site) + "#photos", code=303)
    return done(_("The photo is removed."), _site_url(site) + "#photos")


@bp.route("/<int:site_id>/request-publication", methods=["POST"])
def request_publication(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_request_publication(current_user, site))
    if act(lambda: ops.request_publication(site, actor=current_user)) is REFUSED:
        return redirect(_site_url(site), code=303)
    return done(_("The Guichet is asked to publish the site."), _site_url(site))


@bp.route("/<int:site_id>/withdraw", methods=["POST"])
def withdraw(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_withdraw_publication(current_user, site))
    if act(lambda: ops.withdraw_publication(site, actor=current_user)) is REFUSED:
        return redirect(_site_url(site), code=303)
    return done(_("The site is no longer public."), _site_url(site))


def _occupancy_form(site, obj=None, fresh=False):
    """The occupancy form; `fresh` builds it from the object only (when another form was posted)."""
    kwargs = {"formdata": None} if fresh else {}
    form = OccupancyForm(obj=obj, **kwargs).prepare(queries.units_of(site), queries.occupant_organisations())
    if obj is not None and (request.method == "GET" or fresh):
        form.unit_ids.data = obj.unit_ids
        form.use_category.data = obj.use_category.value
        form.occupant_type.data = obj.occupant_type.value
    return form


def _agreement_stream(form):
    return form.agreement_file.data.stream if form.agreement_file.data else None


@bp.route("/<int:site_id>/occupancies/new", methods=["GET", "POST"])
def new_occupancy(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_record_occupancy(current_user, site))
    form = _occupancy_form(site)
    if submit(form, lambda: ops.record_occupancy(site, form.values(), actor=current_user,
                                                 agreement=_agreement_stream(form))) is not REFUSED:
        return done(_("The occupancy is recorded."), _site_url(site) + "#timeline")
    return render_form("occupancies/owner/occupancy_form.html", form, site=site, occupancy=None)


@bp.route("/<int:site_id>/occupancies/<int:occupancy_id>/edit", methods=["GET", "POST"])
def edit_occupancy(site_id: int, occupancy_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    occupancy = queries.occupancy_of_site_or_404(site, occupancy_id)
    require(p.can_record_occupancy(current_user, site))
    form = _occupancy_form(site, occupancy)
    if submit(form, lambda: ops.update_occupancy(occupancy, form.values(), actor=current_user,
                                                 agreement=_agreement_stream(form))) is not REFUSED:
        return done(_("The occupancy is saved."), _site_url(site) + "#timeline")
    return render_form("occupancies/owner/occupancy_form.html", form, site=site, occupancy=occupancy,
                       reason_form=ReasonForm(formdata=None))


@bp.route("/<int:site_id>/occupancies/<int:occupancy_id>/remove", methods=["POST"])
def remove_occupancy(site_id: int, occupancy_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    occupancy = queries.occupancy_of_site_or_404(site, occupancy_id)
    require(p.can_record_occupancy(current_user, site))
    form = ReasonForm()
    # A refusal by a rule is said at the top of the site's page; an invalid form comes back beside its field.
    if submit(form, lambda: ops.remove_occupancy(occupancy, actor=current_user, reason=form.reason.data),
              show=lambda _form, error: flash(str(error.message), "danger")) is not REFUSED:
        return done(_("The occupancy is removed."), _site_url(site) + "#timeline")
    if form.errors:
        return render_template("occupancies/owner/occupancy_form.html", site=site, occupancy=occupancy,
                               form=_occupancy_form(site, occupancy, fresh=True), reason_form=form), 422
    return redirect(_site_url(site) + "#timeline", code=303)
