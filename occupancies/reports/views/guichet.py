"""The region's figures, for the Guichet (/guichet/figures): each figure a chart followed by its table, and each
downloadable as CSV or Excel with its filters."""
from __future__ import annotations

from flask import render_template
from flask_login import current_user

from occupancies.reports import figures
from occupancies.reports import permissions as p
from occupancies.reports.views.common import download, export_context, figure_filters, years
from portal import clock
from portal.permissions import require
from portal.tenancy import guichet_blueprint

bp = guichet_blueprint("guichet_figures", __name__, "/figures", template_folder="../templates")


@bp.route("/")
def region():
    require(p.can_read_region(current_user))
    filters, names = figure_filters(), figures.filter_names()
    found, computed_at = figures.region(filters, clock.today(), names)
    return render_template("reports/figures.html", figures=found, computed_at=computed_at, filters=filters,
                           names=names, years=years(), region=True, page="guichet_figures.region",
                           download="guichet_figures.region_download")


@bp.route("/<key>.<fmt>")
def region_download(key: str, fmt: str):
    require(p.can_read_region(current_user))
    filters, names = figure_filters(), figures.filter_names()
    found, _computed_at = figures.region(filters, clock.today(), names)
    return download(found, key, fmt, export_context(filters, names))
