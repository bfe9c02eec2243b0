"""The figures' pages: an owner's (/o/<slug>/reports/figures, its sites) and the Guichet's (/guichet/figures, the
region), each figure a chart followed by its table, and each downloadable as CSV or Excel with its filters."""
from __future__ import annotations

from flask import Response, abort, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.reports import exports, figures
from occupancies.reports import permissions as p
from occupancies.workflow import USE_LABELS, UseCategory
from portal import clock
from portal.permissions import require
from portal.tenancy import guichet_blueprint

guichet_bp = guichet_blueprint("guichet_figures", __name__, "/figures", template_folder="templates")
FORMATS = {"csv": ("text/csv; charset=utf-8", exports.as_csv),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.as_xlsx)}
FIRST_YEAR = 2015


def _filters(*, owner_id=None, sites=()) -> figures.Filters:
    """The period (whole years, two by default) and the filters asked for; anything else is ignored."""
    this_year = clock.today().year
    first = request.args.get("from", this_year - 2, type=int)
    last = request.args.get("to", this_year, type=int)
    first, last = sorted((min(max(first, FIRST_YEAR), this_year), min(max(last, FIRST_YEAR), this_year)))
    first = max(first, last - 9)
    use = request.args.get("use") if request.args.get("use") in UseCategory.__members__ else None
    site_id = request.args.get("site", type=int)
    return figures.Filters(first, last, use=UseCategory(use) if use else None,
                           commune=request.args.get("commune") or None if owner_id is None else None,
                           owner_id=owner_id if owner_id is not None else request.args.get("owner", type=int),
                           site_id=site_id if site_id in {s.id for s in sites} else None)


def _context(filters, names, sites=()) -> list[tuple[str, str]]:
    """The period and filters, as written in an exported file."""
    lines = [(_("Period"), f"{filters.first_year} – {filters.last_year}"),
             (_("Exported on"), clock.today().strftime("%d/%m/%Y"))]
    if filters.commune:
        lines.append((_("Commune"), names["communes"].get(filters.commune, filters.commune)))
    if filters.owner_id:
        lines.append((_("Owner"), names["owners"].get(filters.owner_id, str(filters.owner_id))))
    if filters.use:
        lines.append((_("Use"), str(USE_LABELS[filters.use])))
    if filters.site_id:
        lines.append((_("Site"), next(s.name for s in sites if s.id == filters.site_id)))
    return lines


def _download(found, key: str, fmt: str, context):
    figure = next((f for f in found if f.key == key), None)
    if figure is None or fmt not in FORMATS:
        abort(404)
    mimetype, render = FORMATS[fmt]
    name = f"entretemps-{figure.key}-{context[0][1].replace(' – ', '-')}.{fmt}"
    return Response(render(figure, context), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _years():
    return list(range(clock.today().year, FIRST_YEAR - 1, -1))


@guichet_bp.route("/")
def region():
    require(p.can_read_region(current_user))
    filters, names = _filters(), figures.filter_names()
    return render_template("reports/figures.html", figures=figures.region(filters, clock.today(), names),
                           filters=filters, names=names, years=_years(), region=True, page="guichet_figures.region",
                           download="guichet_figures.region_download")


@guichet_bp.route("/<key>.<fmt>")
def region_download(key: str, fmt: str):
    require(p.can_read_region(current_user))
    filters, names = _filters(), figures.filter_names()
    return _download(figures.region(filters, clock.today(), names), key, fmt, _context(filters, names))


def routes(bp) -> None:
    """The owner's figures, in its own space."""

    def _owner():
        if not p.can_read_figures(current_user, g.organisation):
            abort(404)
        from occupancies import queries as site_queries

        sites = [row.site for row in site_queries.owner_sites(g.organisation)]
        filters = _filters(owner_id=g.organisation.id, sites=sites)
        return filters, sites, figures.owner_figures(filters, clock.today(), {s.id: s.name for s in sites})

    @bp.route("/figures")
    def figures_page():
        filters, sites, found = _owner()
        return render_template("reports/figures.html", figures=found,
                               filters=filters, names=None, sites=sites, years=_years(), region=False,
                               page="reports.figures_page", download="reports.figures_download")

    @bp.route("/figures/<key>.<fmt>")
    def figures_download(key: str, fmt: str):
        filters, sites, found = _owner()
        context = _context(filters, {"owners": {g.organisation.id: g.organisation.name}, "communes": {}}, sites)
        return _download(found, key, fmt, context)
