"""The public list and map of the published sites, and each site's public page."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from flask_login import current_user

from occupancies import permissions as p
from occupancies import queries
from occupancies.views.common import location_context, public_point, site_context
from portal import clock, uploads
from portal.i18n import current_language
from portal.listing import page_count, page_number
from portal.region import commune_options
from portal.ui.caching import public_page

bp = Blueprint("public_sites", __name__, template_folder="../templates")


@bp.route("/sites")
@public_page
def index():
    filters = queries.SiteFilters.from_args(request.args, default_availability="now")
    page = page_number()
    rows, total = queries.public_sites(filters, page)
    pages = page_count(total, queries.PAGE_SIZE)
    view = "table" if request.args.get("view") == "table" else "list"
    return render_template("occupancies/public/index.html", rows=rows, total=total, page=page, pages=pages,
                           filters=filters, view=view,
                           geojson_url=url_for("public_sites.map_data", **filters.args()),
                           options=lambda labels: [(getattr(k, "value", k), label) for k, label in labels.items()],
                           tile_url=current_app.config["MAP_TILE_URL"], communes=commune_options(current_language()),
                           attribution=current_app.config["MAP_ATTRIBUTION"], today=clock.today())


@bp.route("/sites.atom")
@public_page
def atom():
    """An Atom feed of the list's filters (the same defaults: available now), the most recently published first."""
    filters = queries.SiteFilters.from_args(request.args, default_availability="now")
    sites = queries.feed_sites(filters)
    updated = max((site.published_at for site in sites if site.published_at), default=clock.now())
    body = render_template("occupancies/public/sites.atom.xml", sites=sites, updated=clock.as_utc(updated),
                           as_utc=clock.as_utc, self_url=url_for("public_sites.atom", _external=True,
                                                                 **filters.args()),
                           list_url=url_for("public_sites.index", _external=True, **filters.args()))
    return Response(body, mimetype="application/atom+xml")


@bp.route("/sites/map.geojson")
@public_page
def map_data():
    filters = queries.SiteFilters.from_args(request.args, default_availability="now")  # as the list beside it
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(reversed(
            public_point(row.id, row.latitude, row.longitude, row.protected)))},
        "properties": {"id": row.id, "name": row.name, "url": url_for("public_sites.site", site_id=row.id)},
    } for row in queries.map_points(filters)]
    return jsonify({"type": "FeatureCollection", "features": features})


@bp.route("/sites/<int:site_id>")
@public_page
def site(site_id: int):
    site = queries.public_site_or_404(site_id)
    return render_template("occupancies/public/site.html", site=site, **site_context(site),
                           **location_context(site, warnings=False))


@bp.route("/photos/<int:photo_id>")
def photo(photo_id: int):
    photo = queries.photo_or_404(photo_id)
    if not p.can_see_photo(current_user, photo.site):
        abort(404)
    return uploads.send_upload("photos", photo.filename, mimetype="image/jpeg")


@bp.route("/occupancies/<int:occupancy_id>/agreement")
def agreement(occupancy_id: int):
    occupancy = queries.occupancy_or_404(occupancy_id)
    if not occupancy.agreement_file or not p.can_see_agreement_file(current_user, occupancy):
        abort(404)
    return uploads.send_upload("agreements", occupancy.agreement_file, mimetype="application/pdf",
                               download_name=f"agreement-{occupancy.id}.pdf")
