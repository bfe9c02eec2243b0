"""What the figures' pages share, an owner's (owner.py, its sites) and the Guichet's (guichet.py, the region): the
filters read from the address, the lines that say them in an exported file, and the download of one figure as CSV
or Excel."""
from __future__ import annotations

from flask import Response, abort, request
from flask_babel import gettext as _

from occupancies.reports import exports, figures
from occupancies.workflow import USE_LABELS, UseCategory
from portal import clock
from portal.listing import query_id, query_int
from portal.region import COMMUNES

FORMATS = {"csv": ("text/csv", exports.as_csv),  # Werkzeug adds the charset of a text/ type
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.as_xlsx)}
FIRST_YEAR = 2015


def figure_filters(*, owner_id=None, sites=()) -> figures.Filters:
    """The period (whole years, two by default) and the filters asked for (a commune of the region, a use, an owner,
    a site of the owner's); anything else is ignored, so that the figures kept are those of real choices."""
    this_year = clock.today().year
    first = query_int("from", this_year - 2)
    last = query_int("to", this_year)
    first, last = sorted((min(max(first, FIRST_YEAR), this_year), min(max(last, FIRST_YEAR), this_year)))
    first = max(first, last - 9)
    use = request.args.get("use") if request.args.get("use") in UseCategory.__members__ else None
    site_id, commune = query_id("site"), request.args.get("commune")
    return figures.Filters(first, last, use=UseCategory(use) if use else None,
                           commune=commune if commune in COMMUNES and owner_id is None else None,
                           owner_id=owner_id if owner_id is not None else query_id("owner"),
                           site_id=site_id if site_id in {s.id for s in sites} else None)


def export_context(filters, names, sites=()) -> list[tuple[str, str]]:
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


def download(found, key: str, fmt: str, context):
    """One of the figures found, as a file in the format asked for (404 for an unknown figure or format)."""
    figure = next((f for f in found if f.key == key), None)
    if figure is None or fmt not in FORMATS:
        abort(404)
    mimetype, render = FORMATS[fmt]
    name = f"entretemps-{figure.key}-{context[0][1].replace(' – ', '-')}.{fmt}"
    return Response(render(figure, context), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def years() -> list[int]:
    """The years a period may start or end on, the latest first."""
    return list(range(clock.today().year, FIRST_YEAR - 1, -1))
