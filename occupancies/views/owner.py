"""The public owner's register of its vacant spaces: /o/<slug>/sites/…"""
from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies import operations as ops
from occupancies import permissions as p
from occupancies import queries
from occupancies.forms import OccupancyForm, PhotoForm, SiteForm, UnitForm
from occupancies.views.common import site_context
from portal import features
from portal.audit.queries import history_of
from portal.errors import OperationError
from portal.extensions import db
from portal.forms import ActionForm
from portal.organisations.forms import ReasonForm
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import done, field_error, render_form

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
    if form.validate_on_submit():
        try:
            site = ops.create_site(g.organisation, form.values(), actor=current_user)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The site is created. Now add its units."), _site_url(site))
    return render_form("occupancies/owner/site_form.html", form, site=None)


def _site_page(site, *, unit_form=None, photo_form=None, reason_form=None, status=200):
    require(p.can_view_site(current_user, site))
    context = site_context(site)
    return render_template(
        "occupancies/owner/site.html", site=site, history=history_of(site),
        unit_form=unit_form or UnitForm(formdata=None).prepare(),
        photo_form=photo_form or PhotoForm(formdata=None),
        reason_form=reason_form or ReasonForm(formdata=None),
        **context,
        panels=features.site_panels(site, current_user, "owner"),
        actions=features.site_actions(site, current_user, context["units"]),
    ), status


@bp.route("/<int:site_id>")
def site(site_id: int):
    return _site_page(queries.site_in_tenant_or_404(site_id))


@bp.route("/<int:site_id>/edit", methods=["GET", "POST"])
def edit(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_edit_site(current_user, site))
    form = SiteForm(obj=site).prepare()
    if form.validate_on_submit():
        try:
            ops.update_site(site, form.values(), actor=current_user)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The site is saved."), _site_url(site))
    return render_form("occupancies/owner/site_form.html", form, site=site)


@bp.route("/<int:site_id>/units", methods=["POST"])
def add_unit(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_edit_site(current_user, site))
    form = UnitForm().prepare()
    if form.validate_on_submit():
        ops.add_unit(site, form.values(), actor=current_user)
        db.session.commit()
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
    if form.validate_on_submit():
        ops.update_unit(unit, form.values(), actor=current_user)
        db.session.commit()
        return done(_("The unit is saved."), _site_url(site) + "#units")
    return render_form("occupancies/owner/unit_form.html", form, site=site, unit=unit)


@bp.route("/<int:site_id>/units/<int:unit_id>/remove", methods=["POST"])
def remove_unit(site_id: int, unit_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    unit = queries.unit_of_site_or_404(site, unit_id)
    require(p.can_edit_site(current_user, site))
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.remove_unit(unit, actor=current_user)
    except OperationError as error:
        return done(error.message, _site_url(site) + "#units", "danger")
    db.session.commit()
    return done(_("The unit is removed."), _site_url(site) + "#units")


@bp.route("/<int:site_id>/photos", methods=["POST"])
def add_photo(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_edit_site(current_user, site))
    form = PhotoForm()
    if form.validate_on_submit():
        try:
            ops.add_photo(site, form.photo.data.stream, caption=form.caption.data or "", actor=current_user)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The photo is added."), _site_url(site) + "#photos")
    return _site_page(site, photo_form=form, status=422)


@bp.route("/<int:site_id>/photos/<int:photo_id>/remove", methods=["POST"])
def remove_photo(site_id: int, photo_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    photo = queries.photo_or_404(photo_id)
    if photo.site_id != site.id:
        abort(404)
    require(p.can_edit_site(current_user, site))
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.remove_photo(photo, actor=current_user)
    db.session.commit()
    return done(_("The photo is removed."), _site_url(site) + "#photos")


@bp.route("/<int:site_id>/request-publication", methods=["POST"])
def request_publication(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_request_publication(current_user, site))
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ops.request_publication(site, actor=current_user)
    except OperationError as error:
        return done(error.message, _site_url(site), "danger")
    db.session.commit()
    return done(_("The Guichet is asked to publish the site."), _site_url(site))


@bp.route("/<int:site_id>/withdraw", methods=["POST"])
def withdraw(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_withdraw_publication(current_user, site))
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.withdraw_publication(site, actor=current_user)
    db.session.commit()
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


@bp.route("/<int:site_id>/occupancies/new", methods=["GET", "POST"])
def new_occupancy(site_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    require(p.can_record_occupancy(current_user, site))
    form = _occupancy_form(site)
    if form.validate_on_submit():
        try:
            ops.record_occupancy(site, form.values(), actor=current_user,
                                 agreement=form.agreement_file.data.stream if form.agreement_file.data else None)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The occupancy is recorded."), _site_url(site) + "#timeline")
    return render_form("occupancies/owner/occupancy_form.html", form, site=site, occupancy=None)


@bp.route("/<int:site_id>/occupancies/<int:occupancy_id>/edit", methods=["GET", "POST"])
def edit_occupancy(site_id: int, occupancy_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    occupancy = queries.occupancy_of_site_or_404(site, occupancy_id)
    require(p.can_record_occupancy(current_user, site))
    form = _occupancy_form(site, occupancy)
    if form.validate_on_submit():
        try:
            ops.update_occupancy(occupancy, form.values(), actor=current_user,
                                 agreement=form.agreement_file.data.stream if form.agreement_file.data else None)
        except OperationError as error:
            field_error(form, error.field, error.message)
        else:
            db.session.commit()
            return done(_("The occupancy is saved."), _site_url(site) + "#timeline")
    return render_form("occupancies/owner/occupancy_form.html", form, site=site, occupancy=occupancy,
                       reason_form=ReasonForm(formdata=None))


@bp.route("/<int:site_id>/occupancies/<int:occupancy_id>/remove", methods=["POST"])
def remove_occupancy(site_id: int, occupancy_id: int):
    site = queries.site_in_tenant_or_404(site_id)
    occupancy = queries.occupancy_of_site_or_404(site, occupancy_id)
    require(p.can_record_occupancy(current_user, site))
    form = ReasonForm()
    if not form.validate_on_submit():
        return render_template("occupancies/owner/occupancy_form.html", site=site, occupancy=occupancy,
                               form=_occupancy_form(site, occupancy, fresh=True), reason_form=form), 422
    try:
        ops.remove_occupancy(occupancy, actor=current_user, reason=form.reason.data)
    except OperationError as error:
        db.session.rollback()
        return done(error.message, _site_url(site) + "#timeline", "danger")
    db.session.commit()
    return done(_("The occupancy is removed."), _site_url(site) + "#timeline")
