"""Reports in each party's space: /o/<slug>/reports/… for the occupant, who fills them in, and for the owner, who
follows its sites (each reaches only its own agreements' reports). The owner's figures live on the same blueprint
(owner.py)."""
from __future__ import annotations

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies import queries as site_queries
from occupancies.reports import operations as ops
from occupancies.reports import permissions as p
from occupancies.reports import queries, rules
from occupancies.reports.forms import AcknowledgeForm, ReportForm, ReturnForm
from occupancies.reports.workflow import FIELD_LABELS, NEXT_STEP, ReportStatus
from portal import clock
from portal.audit.queries import history_of
from portal.listing import page_number, query_id
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = tenant_blueprint("reports", __name__, url_prefix="/reports", template_folder="../templates")


@bp.route("/")
def index():
    today = clock.today()
    status = request.args.get("status", "")
    site_id = query_id("site")
    page = page_number()
    reports, total = queries.reports_of(
        g.organisation, site_id=site_id, page=page,
        status=status if status in ReportStatus.__members__ else None,
        overdue_on=today if status == "overdue" else None)
    sites = [row.site for row in site_queries.owner_sites(g.organisation)] if g.organisation.is_owner else []
    return render_template("reports/index.html", reports=reports, total=total, today=today, status=status,
                           site_id=site_id, sites=sites, page=page,
                           page_size=queries.PAGE)


def _page(report, *, form=None, acknowledge_form=None, return_form=None, status=200):
    editing = p.can_fill_report(current_user, report)
    if form is None:
        form = ReportForm(formdata=None, obj=report)
    step, whose = NEXT_STEP[report.status]
    counts, texts = form.fields_for(report.kind)
    today = clock.today()
    return render_template(
        "reports/report.html", report=report, form=form, counts=counts, texts=texts, editing=editing,
        can_submit=p.can_submit_report(current_user, report, today),
        submittable_from=rules.submittable_from(report.period_end),
        warning=None if editing else queries.consistency_warning(report),
        previous=queries.previous_report(report), step=step, whose=whose, today=today,
        history=history_of(report), labels=FIELD_LABELS,
        acknowledge_form=acknowledge_form or AcknowledgeForm(formdata=None),
        return_form=return_form or ReturnForm(formdata=None)), status


@bp.route("/<int:report_id>")
def report(report_id: int):
    report = queries.report_of_party_or_404(report_id)
    require(p.can_read_occupancy_report(current_user, report))
    return _page(report)


@bp.route("/<int:report_id>", methods=["POST"])
def save(report_id: int):
    """Saved as a draft, or submitted (the button pressed says which)."""
    report = queries.report_of_party_or_404(report_id)
    require(p.can_fill_report(current_user, report))
    form = ReportForm()
    submitting = request.form.get("action") == "submit"
    operation = ops.submit_report if submitting else ops.save_report
    if submit(form, lambda: operation(report, form.values(report.kind), actor=current_user)) is REFUSED:
        return _page(report, form=form, status=422)
    if submitting:
        return done(_("The report is submitted. The owner is told and reads it."), url_for("reports.index"))
    if p.can_submit_report(current_user, report, clock.today()):
        saved = _("The report is saved as a draft. Submit it by %(date)s.", date=report.due_on.strftime("%d/%m/%Y"))
    else:
        saved = _("The report is saved as a draft. It can be submitted from %(from)s and is due by %(date)s.",
                  date=report.due_on.strftime("%d/%m/%Y"),
                  **{"from": rules.submittable_from(report.period_end).strftime("%d/%m/%Y")})
    return done(saved, url_for("reports.report", report_id=report.id))


@bp.route("/<int:report_id>/acknowledge", methods=["POST"])
def acknowledge(report_id: int):
    report = queries.report_of_party_or_404(report_id)
    require(p.can_review_report(current_user, report))
    form = AcknowledgeForm()
    if submit(form, lambda: ops.acknowledge_report(report, form.comment.data, actor=current_user)) is REFUSED:
        return _page(report, acknowledge_form=form, status=422)
    return done(_("The report is acknowledged. The occupant is told."), url_for("reports.report",
                                                                              report_id=report.id))


@bp.route("/<int:report_id>/return", methods=["POST"])
def return_(report_id: int):
    report = queries.report_of_party_or_404(report_id)
    require(p.can_review_report(current_user, report))
    form = ReturnForm()
    if submit(form, lambda: ops.return_report(report, form.question.data, actor=current_user)) is REFUSED:
        return _page(report, return_form=form, status=422)
    return done(_("The report is returned with your question. The occupant is told."),
                url_for("reports.report", report_id=report.id))
