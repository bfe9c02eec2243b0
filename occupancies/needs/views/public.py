"""The current needs, for whoever may read them: /needs, /needs/<id>. The public reads the public ones; the public
owners' members and the Guichet's staff read those kept for the owners too."""
from __future__ import annotations

from flask import Blueprint, render_template, session
from flask_login import current_user

from occupancies.needs import permissions as p
from occupancies.needs import queries, rules
from portal import clock
from portal.listing import page_number

bp = Blueprint("public_needs", __name__, template_folder="../templates")


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
