"""An owner's figures, its sites' (/o/<slug>/reports/figures, on the reports blueprint of member.py): each figure a
chart followed by its table, and each downloadable as CSV or Excel with its filters."""
from __future__ import annotations

from flask import abort, g, render_template
from flask_login import current_user

from occupancies import queries as site_queries
from occupancies.reports import figures
from occupancies.reports import permissions as p
from occupancies.reports.views.common import download, export_context, figure_filters, years
from occupancies.reports.views.member import bp
from portal import clock


def _owner():
    if not p.can_read_figures(current_user, g.organisation):
        abort(404)
    sites = [row.site for row in site_queries.owner_sites(g.organisation)]
    filters = figure_filters(owner_id=g.organisation.id, sites=sites)
    return filters, sites, figures.owner_figures(filters, clock.today(), {s.id: s.name for s in sites})


@bp.route("/figures")
def figures_page():
    filters, sites, (found, computed_at) = _owner()
    return render_template("reports/figures.html", figures=found, computed_at=computed_at,
                           filters=filters, names=None, sites=sites, years=years(), region=False,
                           page="reports.figures_page", download="reports.figures_download")


@bp.route("/figures/<key>.<fmt>")
def figures_download(key: str, fmt: str):
    filters, sites, (found, _computed_at) = _owner()
    context = export_context(filters, {"owners": {g.organisation.id: g.organisation.name}, "communes": {}}, sites)
    return download(found, key, fmt, context)
