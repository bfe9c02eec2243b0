"""The maximum rents of the public management right, public: /dgp/rents?year=…"""
from __future__ import annotations

from flask import Blueprint, render_template, request

from occupancies.dgp import queries, rules
from occupancies.dgp.workflow import KIND_LABELS
from portal import clock
from portal.ui.caching import public_page

bp = Blueprint("dgp", __name__, template_folder="../templates")


@bp.route("/dgp/rents")
@public_page
def rents():
    years = queries.years_with_rents()
    year = rules.rents_year(request.args.get("year", type=int), years, clock.today().year)
    return render_template("dgp/rents.html", table=queries.rent_table(year), years=years, KIND_LABELS=KIND_LABELS)
