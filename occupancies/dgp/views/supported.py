"""The cases an organisation is invited to support (Bruxelles Logement's Réhabilitation cell): /o/<slug>/dgp/supported/…

Its members read each case without its owner's identity, ledger or letters, and record the steps of the phases it
supports (rules.SUPPORT_PHASES) and the loan; the region's figures of the cases head the list."""
from __future__ import annotations

from flask import abort, g, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.dgp import operations as ops
from occupancies.dgp import permissions as p
from occupancies.dgp import queries, rules
from occupancies.dgp.forms import LoanForm, StepForm
from occupancies.dgp.views.operator import case_context, record_step_of, send_document
from portal import cache, clock
from portal.listing import page_number
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = tenant_blueprint("dgp_supported", __name__, url_prefix="/dgp/supported", template_folder="../templates")


def region_figures() -> dict:
    """The region's cases by phase, the dwellings let and the median days per phase (kept until the next
    operation): what the Guichet and the supporting organisations read, never an owner."""
    phases, let = cache.until_next_operation("dgp-region-counts", queries.region_counts)
    return {"phases": phases, "let": let,
            "medians": cache.until_next_operation("dgp-region-medians", queries.median_phase_days)}


def _supporting():
    """Only an organisation that may support cases has these pages: for any other, they are not there."""
    if not p.may_support(g.organisation):
        abort(404)
    require(p.can_read_supported(current_user, g.organisation))


@bp.route("/")
def index():
    _supporting()
    return render_template("dgp/supported.html", page=queries.supported_cases(g.organisation, page_number()),
                           today=clock.today(), **region_figures())


def _page(case, *, step_form=None, loan_form=None, status=200):
    may_support = p.can_support_case(current_user, case) and case.phase != rules.Phase.stopped
    return render_template(
        "dgp/supported_case.html", **case_context(case, clock.today()), may_support=may_support,
        step_form=step_form or StepForm(formdata=None).prepare(rules.SUPPORT_PHASES),
        loan_form=loan_form or LoanForm(formdata=None, obj=case)), status


@bp.route("/<int:case_id>")
def case(case_id: int):
    _supporting()
    return _page(queries.supported_case_or_404(g.organisation, case_id))


def _act(case_id: int, slot: str, form, operation, message):
    _supporting()
    found = queries.supported_case_or_404(g.organisation, case_id)
    require(p.can_support_case(current_user, found))
    if submit(form, lambda: operation(found, form)) is REFUSED:
        return _page(found, status=422, **{slot: form})
    return done(message, url_for("dgp_supported.case", case_id=found.id))


@bp.route("/<int:case_id>/steps", methods=["POST"])
def record_step(case_id: int):
    return _act(case_id, "step_form", StepForm().prepare(rules.SUPPORT_PHASES), record_step_of,
                _("The step is recorded."))


@bp.route("/<int:case_id>/documents/<int:document_id>")
def document(case_id: int, document_id: int):
    _supporting()
    return send_document(queries.supported_case_or_404(g.organisation, case_id), document_id)


@bp.route("/<int:case_id>/loan", methods=["POST"])
def save_loan(case_id: int):
    return _act(case_id, "loan_form", LoanForm(),
                lambda case, form: ops.save_loan(case, form.values(), actor=current_user), _("The loan is saved."))
