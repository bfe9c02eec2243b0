"""The current needs, for whoever may read them: /needs, /needs/<id>. The public reads the public ones; the public
owners' members and the Guichet's staff read those kept for the owners too. The figures of supply and demand, for
everyone: /figures, each figure as CSV or Excel."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, session
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.needs import figures, queries, rules
from occupancies.needs import permissions as p
from occupancies.reports.exports import as_csv, as_xlsx
from portal import clock
from portal.i18n import format_day
from portal.listing import page_number
from portal.roles import is_guichet_staff
from portal.ui.caching import public_page

bp = Blueprint("public_needs", __name__, template_folder="../templates")
FORMATS = {"csv": ("text/csv", as_csv), "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                               as_xlsx)}


@bp.route("/needs")
def index():
    today = clock.today()
    return render_template("needs/list.html", page=queries.current_needs(current_user, today, page_number()),
                           today=today)


@bp.route("/needs/<int:need_id>")
def need(need_id: int):
    today = clock.today()
    found = queries.readable_need_or_404(current_user, need_id, today)
    return render_template("needs/need.html", need=found, today=today, expires_on=rules.expires_on(found.confirmed_on),
                           propose_as=p.proposing_organisation(current_user, session.get("org")))


def _figures(today):
    found, computed_at = figures.supply_and_demand(today)
    if is_guichet_staff(current_user):
        found = [*found, figures.needs_by_association(today).plain()]
    return found, computed_at


@bp.route("/figures")
@public_page
def supply():
    """Supply and demand, for everyone (the Guichet's staff also read the needs by association)."""
    today = clock.today()
    found, computed_at = _figures(today)
    return render_template("needs/figures.html", figures=found, computed_at=computed_at, today=today)


@bp.route("/figures/<key>.<fmt>")
@public_page
def figure_file(key: str, fmt: str):
    """One figure as CSV or Excel, its date above the table (404 for an unknown figure or format)."""
    today = clock.today()
    figure = next((f for f in _figures(today)[0] if f.key == key), None)
    if figure is None or fmt not in FORMATS:
        abort(404)
    mimetype, render = FORMATS[fmt]
    context = [(_("Figures of supply and demand"), format_day(today)), (_("Exported on"), today.strftime("%d/%m/%Y"))]
    return Response(render(figure, context), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="entretemps-{figure.key}-{today}.{fmt}"'})
