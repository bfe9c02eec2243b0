"""The register of an organisation: its commune's signals for a commune or a CPAS, its own reports for an
association: /o/<slug>/vacancies/…"""
from __future__ import annotations

from flask import abort, g, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.vacancies import operations as ops
from occupancies.vacancies import permissions as p
from occupancies.vacancies import queries, rules
from occupancies.vacancies.forms import OutcomeForm
from occupancies.vacancies.operations import AREA
from occupancies.vacancies.views.common import chosen_status, decide, list_page, report, signal_page
from occupancies.vacancies.workflow import SignalStatus
from portal.listing import page_number
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, submit
from portal.uploads import send_upload

bp = tenant_blueprint("vacancies", __name__, url_prefix="/vacancies", template_folder="../templates")
PREFIX = "vacancies"


@bp.route("/")
def index():
    organisation = g.organisation
    status = chosen_status(request.args.get("status"))
    return list_page(queries.signals_of_organisation(organisation, page_number(), status=status), PREFIX,
                     status=status, organisation=organisation,
                     of_the_commune=rules.concerns(organisation, organisation.commune),
                     may_report=p.can_report(current_user, organisation))


@bp.route("/new", methods=["GET", "POST"])
def new():
    require(p.can_report(current_user, g.organisation))
    return report(g.organisation, PREFIX)


@bp.route("/<int:signal_id>")
def signal(signal_id: int):
    found = queries.signal_for_organisation_or_404(g.organisation, signal_id)
    require(p.can_read_signal(current_user, found))
    return signal_page(found, PREFIX, sites=queries.organisation_sites(g.organisation))


@bp.route("/<int:signal_id>/decision", methods=["POST"])
def decision(signal_id: int):
    found = queries.signal_for_organisation_or_404(g.organisation, signal_id)
    require(p.can_moderate(current_user, found, queries.commune_organisation(found.commune) is not None))
    return decide(found, PREFIX)


@bp.route("/<int:signal_id>/outcome", methods=["POST"])
def outcome(signal_id: int):
    found = queries.signal_for_organisation_or_404(g.organisation, signal_id)
    require(p.can_record_outcome(current_user, found))
    sites = queries.organisation_sites(g.organisation)
    form = OutcomeForm().prepare(sites)
    site = next((s for s in sites if s.id == form.site_id.data), None)
    done_ = submit(form, lambda: ops.record_outcome(found, SignalStatus(form.outcome.data), site=site,
                                                    closure=form.chosen_closure(), reason=form.reason.data,
                                                    actor=current_user))
    if done_ is REFUSED:
        return signal_page(found, PREFIX, sites=sites, outcome_form=form, status=422)
    return done(_("What became of it is recorded."), url_for("vacancies.signal", signal_id=found.id))


@bp.route("/<int:signal_id>/photo")
def photo(signal_id: int):
    found = queries.signal_for_organisation_or_404(g.organisation, signal_id)
    if not p.can_read_photo(current_user, found):
        abort(404)
    return send_upload(AREA, found.photo_file, mimetype="image/jpeg")
