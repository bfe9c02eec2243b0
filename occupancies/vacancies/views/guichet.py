"""The region's register for the Guichet's staff (no private owner's identity); they moderate the signals of the
communes that have no organisation on the portal: /guichet/vacancies/…"""
from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from occupancies.vacancies import permissions as p
from occupancies.vacancies import queries
from occupancies.vacancies.operations import AREA
from occupancies.vacancies.views.common import chosen_status, decide, list_page, report, signal_page
from portal.i18n import current_language
from portal.listing import page_number
from portal.permissions import require
from portal.region import COMMUNES, commune_options
from portal.tenancy import guichet_blueprint
from portal.uploads import send_upload

bp = guichet_blueprint("guichet_vacancies", __name__, url_prefix="/vacancies", template_folder="../templates")
PREFIX = "guichet_vacancies"


@bp.route("/")
def index():
    require(p.can_report_for_region(current_user))
    status = chosen_status(request.args.get("status"))
    commune = request.args.get("commune") if request.args.get("commune") in COMMUNES else None
    return list_page(queries.region_signals(page_number(), status=status, commune=commune), PREFIX,
                     status=status, commune=commune, communes=commune_options(current_language()),
                     may_report=True, of_the_commune=True,
                     waiting_for_guichet=queries.waiting_for_guichet())


@bp.route("/new", methods=["GET", "POST"])
def new():
    require(p.can_report_for_region(current_user))
    return report(None, PREFIX)


@bp.route("/<int:signal_id>")
def signal(signal_id: int):
    found = queries.signal_for_guichet_or_404(signal_id)
    require(p.can_read_signal(current_user, found))
    return signal_page(found, PREFIX)


@bp.route("/<int:signal_id>/decision", methods=["POST"])
def decision(signal_id: int):
    found = queries.signal_for_guichet_or_404(signal_id)
    require(p.can_moderate(current_user, found, queries.commune_organisation(found.commune) is not None))
    return decide(found, PREFIX)


@bp.route("/<int:signal_id>/photo")
def photo(signal_id: int):
    found = queries.signal_for_guichet_or_404(signal_id)
    if not p.can_read_photo(current_user, found):
        abort(404)
    return send_upload(AREA, found.photo_file, mimetype="image/jpeg")
