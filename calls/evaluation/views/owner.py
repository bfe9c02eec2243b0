"""The evaluation of a closed call, in the owner's space: /o/<slug>/calls/<id>/evaluation/…

The overview (evaluators, progress), an evaluator's declarations, one application's eligibility, scores and
disagreements, the ranking with the proposed selection and the decision, and the evaluation report."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from calls import operations as call_ops
from calls import queries as call_queries
from calls.applications import queries as application_queries
from calls.evaluation import operations as ops
from calls.evaluation import permissions as p
from calls.evaluation import queries
from calls.evaluation.forms import (
    AssignForm,
    ConsensusForm,
    DecisionForm,
    LateConflictForm,
    SelectionForm,
    declare_form,
    eligibility_form,
    score_form,
)
from calls.evaluation.pdf import report_response
from calls.workflow import effective_status
from occupancies.permissions import can_manage_sites
from portal import clock
from portal.listing import page_number
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = tenant_blueprint("evaluation", __name__, url_prefix="/calls/<int:call_id>/evaluation",
                      template_folder="../templates")


def _call(call_id: int):
    """The tenant's call once closed, and the user's standing in its evaluation.

    A published call past its deadline is closed, before its closing job has run: a POST closes it with its
    operation (committed together by the write path, or rolled back together); a GET writes nothing, the call only
    reads as closed."""
    call = call_queries.call_in_tenant_or_404(call_id)
    if request.method == "POST":
        call_ops.close_call(call)
    else:
        call_queries.read_as_closed(call, clock.now())
    if call.status not in p.SHOWN:
        abort(404)
    standing = queries.standing(current_user, call)
    require(p.can_view_evaluation(current_user, call, standing))
    return call, standing


def _members(call):
    return queries.assignable_members(call)


@bp.route("/")
def overview(call_id: int):
    return _overview(*_call(call_id))


def _overview(call, standing, assign_form=None, status=200):
    call_queries.read_as_closed(call, clock.now())  # a refused POST rolled its closing back with its operation
    result = queries.board(call)
    selected = [line.application for line in result.selection] if result.decision else []
    return render_template(
        "evaluation/overview.html", call=call, standing=standing, board=result, selected=selected,
        agreements=queries.agreements_of(selected), drafts_agreements=can_manage_sites(current_user, call.owner),
        status=effective_status(call, clock.now()),
        see_ranking=p.can_see_ranking(current_user, call, standing,
                                      own_sheets_done=result.sheets_done(standing.evaluator)),
        assign_form=assign_form or AssignForm(formdata=None).prepare(_members(call), result.evaluators),
        problems=[ops.PROBLEM_MESSAGES[code] for code in result.problems()]), status


@bp.route("/evaluators", methods=["POST"])
def assign(call_id: int):
    call, standing = _call(call_id)
    require(p.can_assign_evaluators(current_user, call))
    form = AssignForm().prepare(_members(call), [])
    if submit(form, lambda: ops.assign_evaluators_by_id(call, form.evaluators.data or [],
                                                          actor=current_user)) is not REFUSED:
        return done(_("The evaluators are assigned and told. Each first declares any conflict of interest."),
                    url_for("evaluation.overview", call_id=call.id))
    return _overview(call, standing, assign_form=form, status=422)


@bp.route("/declare", methods=["GET", "POST"])
def declare(call_id: int):
    call, standing = _call(call_id)
    if not p.can_declare_conflicts(current_user, call, standing):
        return done(_("Your declarations are made; they are kept.") if standing.declared
                    else _("You are not an evaluator of this call."),
                    url_for("evaluation.overview", call_id=call.id), "info")
    applicants = [line.application.applicant for line in queries.board(call).lines]
    form = declare_form(applicants, formdata=None if request.method == "GET" else request.form)
    outcome = submit(form, lambda: ops.declare_conflicts(call, standing, form.answers(), actor=current_user))
    if outcome is not REFUSED:
        return done(_("Your declarations are recorded. You may now open the applications you have no conflict "
                      "with."), url_for("evaluation.overview", call_id=call.id))
    status = 422 if request.method == "POST" else 200
    return render_template("evaluation/declare.html", call=call, form=form), status


def _application(call, standing, application_id: int):
    application = application_queries.application_of_call_or_404(call, application_id)
    result = queries.board(call)
    line = result.line(application.id)
    if line is None or not p.may_open(current_user, call, application, standing):
        abort(404)  # a declared conflict, no declaration yet, or a draft: as if it did not exist
    return application, result, line


@bp.route("/applications/<int:application_id>")
def application(call_id: int, application_id: int):
    call, standing = _call(call_id)
    return _application_page(call, standing, *_application(call, standing, application_id))


def _application_page(call, standing, application, result, line, *, eligibility=None, scores=None,
                      consensus=None, conflict=None, status=200):
    call_queries.read_as_closed(call, clock.now())  # a refused POST rolled its closing back with its operation
    evaluator = standing.evaluator
    sheet = line.sheets.get(evaluator.id) if evaluator is not None else None
    submitted = sheet is not None and sheet.submitted_at is not None
    own = line.scores.get(evaluator.id, {}) if evaluator is not None else {}
    consensus_forms = {c.id: ConsensusForm(formdata=None, prefix=f"c{c.id}").prepare(call.scale)
                       for c in call.criteria}
    if consensus is not None:
        consensus_forms[consensus.criterion_id] = consensus
    for criterion_id, form in consensus_forms.items():
        agreed = line.consensus.get(criterion_id)
        if agreed is not None and consensus is None:
            form.outcome.data, form.score.data = agreed.outcome, str(agreed.score) if agreed.score is not None else ""
    numbers = {e: n for n, e in enumerate(line.expected, start=1)}
    return render_template(
        "evaluation/application.html", call=call, application=application, line=line, board=result,
        standing=standing, sheet=sheet, submitted=submitted, own=own, numbers=numbers,
        see_others=p.may_see_other_scores(current_user, call, application, standing, sheet_submitted=submitted),
        see_ranking=p.can_see_ranking(current_user, call, standing,
                                      own_sheets_done=result.sheets_done(standing.evaluator)),
        may_score=p.can_score(current_user, call, application, standing,
                              eligible=line.eligibility == queries.ELIGIBLE, sheet_submitted=submitted),
        eligibility_form=eligibility or eligibility_form(call.conditions, formdata=None).fill(line.marks),
        score_form=scores or score_form(call.criteria, call.scale, formdata=None).fill(own),
        consensus_forms=consensus_forms, conflict_form=conflict or LateConflictForm(formdata=None)), status


@bp.route("/applications/<int:application_id>/conflict", methods=["POST"])
def conflict(call_id: int, application_id: int):
    """A conflict of interest discovered after the declarations."""
    call, standing = _call(call_id)
    application, result, line = _application(call, standing, application_id)
    form = LateConflictForm()
    outcome = submit(form, lambda: ops.declare_late_conflict(application, standing, note=form.note.data or "",
                                                               actor=current_user))
    if outcome is not REFUSED:
        return done(_("Your conflict of interest is recorded: you no longer take part in the evaluation of "
                      "this application."), url_for("evaluation.overview", call_id=call.id))
    return _application_page(call, standing, application, result, line, conflict=form, status=422)


@bp.route("/applications/<int:application_id>/eligibility", methods=["POST"])
def eligibility(call_id: int, application_id: int):
    call, standing = _call(call_id)
    application, result, line = _application(call, standing, application_id)
    require(p.can_mark_eligibility(current_user, call, application, standing))
    form = eligibility_form(call.conditions)
    eligible = submit(form, lambda: ops.mark_eligibility(application, standing, form.marks(),
                                                           actor=current_user))
    if eligible is not REFUSED:
        return done(_("The application is eligible: the evaluators can score it.") if eligible else
                    _("The application is marked not eligible: it leaves the ranking, and its applicant will "
                      "read why."), url_for("evaluation.application", call_id=call.id,
                                            application_id=application.id))
    return _application_page(call, standing, application, result, line, eligibility=form, status=422)


@bp.route("/applications/<int:application_id>/scores", methods=["POST"])
def scores(call_id: int, application_id: int):
    call, standing = _call(call_id)
    application, result, line = _application(call, standing, application_id)
    form = score_form(call.criteria, call.scale)
    final = bool(form.submit.data)
    outcome = submit(form, lambda: ops.save_scores(application, standing, form.values(), actor=current_user,
                                                     submit=final))
    if outcome is not REFUSED:
        return done(_("Your scores are submitted. You now see the other evaluators' scores.") if final else
                    _("Your scores are saved as a draft; submit them when they are complete."),
                    url_for("evaluation.application", call_id=call.id, application_id=application.id))
    return _application_page(call, standing, application, result, line, scores=form, status=422)


@bp.route("/applications/<int:application_id>/consensus/<int:criterion_id>", methods=["POST"])
def consensus(call_id: int, application_id: int, criterion_id: int):
    call, standing = _call(call_id)
    application, result, line = _application(call, standing, application_id)
    criterion = next((c for c in call.criteria if c.id == criterion_id), None)
    if criterion is None:
        abort(404)
    require(p.can_record_consensus(current_user, call))
    form = ConsensusForm(prefix=f"c{criterion.id}").prepare(call.scale)
    form.criterion_id = criterion.id
    outcome = submit(form, lambda: ops.record_consensus(application, criterion, outcome=form.outcome.data or "",
                                                          score=form.agreed(), actor=current_user))
    if outcome is not REFUSED:
        return done(_("The outcome of the discussion is recorded."),
                    url_for("evaluation.application", call_id=call.id, application_id=application.id,
                            _anchor=f"criterion-{criterion.id}"))
    return _application_page(call, standing, application, result, line, consensus=form, status=422)


def _ranking_page(call, standing, result=None, selection=None, decision=None, status=200):
    """The ranking's page: of the board just built (`result`: a refused selection), else of the kept ranking."""
    call_queries.read_as_closed(call, clock.now())  # a refused POST rolled its closing back with its operation
    result = queries.ranking_of(result) if result is not None else queries.ranking(call)
    require(p.can_see_ranking(current_user, call, standing,
                              own_sheets_done=result.sheets_done(standing.evaluator)))
    page = queries.RankingPage.of(result, page_number())
    queries.attach_applications(result, page)
    selected = [line.application for line in result.selection] if result.decision else []
    return render_template(
        "evaluation/ranking.html", call=call, board=result, standing=standing, page=page,
        agreements=queries.agreements_of(selected),
        selection_form=selection or SelectionForm(formdata=None).prepare(page.lines, result.offered),
        decision_form=decision or DecisionForm(formdata=None),
        problems=[ops.PROBLEM_MESSAGES[code] for code in result.problems()]), status


@bp.route("/ranking")
def ranking(call_id: int):
    return _ranking_page(*_call(call_id))


@bp.route("/selection", methods=["POST"])
def selection(call_id: int):
    """The picks of the page of the ranking the form was on (?page=); the selection on the other pages is kept."""
    call, standing = _call(call_id)
    require(p.can_decide(current_user, call))
    result = queries.board(call)
    page = queries.RankingPage.of(result, page_number())
    form = SelectionForm().prepare(page.lines, result.offered, request.form, elsewhere=page.selected_elsewhere)
    mix = submit(form, lambda: ops.propose_selection(call, form.picks(), actor=current_user),
                  show=SelectionForm.show_problems)
    if mix is not REFUSED:
        return done(_("The selection is saved and meets the call's targets.") if mix.ok else
                    _("The selection is saved, but it misses a target of the call: read the warning before "
                      "deciding."), url_for("evaluation.ranking", call_id=call.id, page=page.link_number,
                                            _anchor="mix"),
                    "success" if mix.ok else "warning")
    return _ranking_page(call, standing, result, selection=form, status=422)


@bp.route("/decision", methods=["POST"])
def decide(call_id: int):
    call, standing = _call(call_id)
    require(p.can_decide(current_user, call))
    form = DecisionForm()
    outcome = submit(form, lambda: ops.decide(call, reasons_fr=form.reasons_fr.data,
                                                reasons_nl=form.reasons_nl.data,
                                                accept_missed_targets=form.accept_missed_targets.data,
                                                actor=current_user))
    if outcome is not REFUSED:
        return done(_("The decision is recorded. Every applicant is told their own result; the selected "
                      "projects are named on the call's public page."),
                    url_for("evaluation.overview", call_id=call.id))
    return _ranking_page(call, standing, decision=form, status=422)


@bp.route("/report.pdf")
def report(call_id: int):
    call = call_queries.call_in_tenant_or_404(call_id)
    require(p.can_read_report(current_user, call))
    return report_response(call, request.args.get("language"))
