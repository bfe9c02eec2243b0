"""The public owner's calls: /o/<slug>/calls/… (drafting, sending to the Guichet, addenda, answers, cancelling,
and the applications once the call has closed). Occupants ask questions through the same blueprint, acting
for their own organisation."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from calls import operations as ops
from calls import permissions as p
from calls import queries
from calls.forms import AddendumForm, AnswerForm, CallForm, CancelForm, QuestionForm
from calls.views.public import call_page
from calls.workflow import effective_status
from portal import clock
from portal.audit.queries import history_of
from portal.errors import OperationError
from portal.listing import query_id
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, act, done, field_error
from portal.ui.helpers import submit as submit_form  # `submit` is this blueprint's endpoint that sends a call

bp = tenant_blueprint("calls", __name__, url_prefix="/calls", template_folder="../templates")


def _call_url(call, anchor=""):
    return url_for("calls.call", call_id=call.id) + anchor


def _owner_only():
    if not g.organisation.is_owner:
        abort(404)


@bp.route("/")
def index():
    _owner_only()
    rows, now = queries.owner_calls(g.organisation), clock.now()
    return render_template("calls/owner/index.html", rows=rows, sites=queries.owner_sites(g.organisation),
                           statuses={row.call.id: effective_status(row.call, now) for row in rows})


def _show_problems(form, error: OperationError) -> None:
    """The call form's problems: the criteria's weights above their table, the visits under theirs."""
    for field, message in error.problems.items():
        if field == "criteria":
            form.criteria_problem = str(message)
        elif field == "visits":
            form.visits.errors = [str(message)]
        else:
            field_error(form, field, message)


def _editor(site, call=None):
    """The call form, and whether to save it: a button adds a criterion row without saving."""
    form = CallForm(obj=call).prepare(site.units)
    if call is not None and request.method == "GET":
        form.fill_from(call)
    if request.method == "POST" and "add_criterion" in request.form:
        form.add_criterion_row()
        return form, False
    return form, True


def _editor_page(form, **context):
    """422 when a POST was refused, by a field or by the criteria's weights (not when a row was added)."""
    refused = request.method == "POST" and "add_criterion" not in request.form and (
        form.errors or form.criteria_problem)
    return render_template("calls/owner/call_form.html", form=form, **context), 422 if refused else 200


@bp.route("/new", methods=["GET", "POST"])
def new():
    _owner_only()
    require(p.can_draft_calls(current_user, g.organisation))
    site_id = query_id("site_id", args=request.values)
    if site_id is None:
        return render_template("calls/owner/choose_site.html", sites=queries.owner_sites(g.organisation))
    site = queries.site_of_owner_or_404(g.organisation, site_id)
    require(p.can_draft_call(current_user, site))
    form, saving = _editor(site)
    if saving:
        call = submit_form(form, lambda: ops.create_call(
            site, form.values(), criteria=form.criteria_values(), conditions=form.condition_values(),
            unit_ids=form.unit_ids.data or [], visits=form.visit_values(), actor=current_user), show=_show_problems)
        if call is not REFUSED:
            return done(_("The call is saved as a draft. Send it to the Guichet when it is complete."),
                        _call_url(call))
    return _editor_page(form, site=site, call=None)


@bp.route("/<int:call_id>")
def call(call_id: int):
    _owner_only()
    return _call_page_with(queries.call_in_tenant_or_404(call_id), status=200)


@bp.route("/<int:call_id>/edit", methods=["GET", "POST"])
def edit(call_id: int):
    call = queries.call_in_tenant_or_404(call_id)
    require(p.can_edit_call(current_user, call))
    form, saving = _editor(call.site, call)
    if saving and submit_form(form, lambda: ops.update_call(
            call, form.values(), criteria=form.criteria_values(), conditions=form.condition_values(),
            unit_ids=form.unit_ids.data or [], visits=form.visit_values(), actor=current_user),
            show=_show_problems) is not REFUSED:
        return done(_("The call is saved."), _call_url(call))
    return _editor_page(form, site=call.site, call=call)


@bp.route("/<int:call_id>/submit", methods=["POST"])
def submit(call_id: int):
    call = queries.call_in_tenant_or_404(call_id)
    require(p.can_submit_call(current_user, call))
    if act(lambda: ops.submit_call(call, actor=current_user), refused=lambda error: flash(
            _("The call cannot be sent yet: %(problem)s Correct it first.", problem=error.message),
            "danger")) is REFUSED:
        return redirect(url_for("calls.edit", call_id=call.id), code=303)
    return done(_("The call is sent to the Guichet, which will publish it or send it back."), _call_url(call))


def _call_page_with(call, status=422, answer_form=None, **forms):
    now = clock.now()
    questions = queries.questions_of(call, answered_only=False)
    answer_forms = {q.id: AnswerForm(formdata=None, prefix=f"q{q.id}") for q in questions if not q.answered_at}
    if answer_form is not None:
        answer_forms[answer_form.question_id] = answer_form
    context = dict(addendum_form=AddendumForm(formdata=None), cancel_form=CancelForm(formdata=None))
    context.update(forms)
    missing = ops.missing_before_sending(call) if p.can_submit_call(current_user, call) else []
    return render_template("calls/owner/call.html", call=call, status=effective_status(call, now), now=now,
                           history=history_of(call), questions=questions, answer_forms=answer_forms,
                           missing=missing, **context), status


@bp.route("/<int:call_id>/addendum", methods=["POST"])
def addendum(call_id: int):
    call = queries.call_in_tenant_or_404(call_id)
    require(p.can_publish_addendum(current_user, call, clock.now()))
    form = AddendumForm()
    if submit_form(form, lambda: ops.publish_addendum(
            call, text_fr=form.text_fr.data, text_nl=form.text_nl.data,
            new_deadline=clock.to_utc(form.new_deadline.data), actor=current_user)) is not REFUSED:
        return done(_("The addendum is published and everyone concerned is told."), _call_url(call, "#addenda"))
    return _call_page_with(call, addendum_form=form)


@bp.route("/<int:call_id>/cancel", methods=["POST"])
def cancel(call_id: int):
    call = queries.call_in_tenant_or_404(call_id)
    require(p.can_cancel_call(current_user, call))
    form = CancelForm()
    if submit_form(form, lambda: ops.cancel_call(call, actor=current_user, reason=form.reason.data)) is not REFUSED:
        return done(_("The call is cancelled. Applicants and followers are told why."), _call_url(call))
    return _call_page_with(call, cancel_form=form)


@bp.route("/<int:call_id>/questions/<int:question_id>/answer", methods=["POST"])
def answer(call_id: int, question_id: int):
    call = queries.call_in_tenant_or_404(call_id)
    question = queries.question_of_call_or_404(call, question_id)
    require(p.can_answer_question(current_user, call))
    form = AnswerForm(prefix=f"q{question.id}")
    answered = submit_form(form, lambda: ops.answer_question(question, call, answer_fr=form.answer_fr.data,
                                                             answer_nl=form.answer_nl.data, actor=current_user))
    if answered is not REFUSED:
        return done(_("The answer is published on the call's page."), _call_url(call, "#questions"))
    form.question_id = question.id
    return _call_page_with(call, answer_form=form)


# Occupants: questions and following, acting for their organisation (the call is another tenant's) -------

@bp.route("/<int:call_id>/ask", methods=["POST"])
def ask(call_id: int):
    call = queries.public_call_or_404(call_id)
    require(p.can_ask_question(current_user, g.organisation, call, clock.now()))
    form = QuestionForm()
    if submit_form(form, lambda: ops.ask_question(call, g.organisation, text=form.text.data,
                                                  actor=current_user)) is not REFUSED:
        return done(_("Your question is sent. The answer will be published on this page, without your name."),
                    url_for("public_calls.call", call_id=call.id, _anchor="questions"))
    return call_page(call, question_form=form, status=422)


@bp.route("/<int:call_id>/follow", methods=["POST"])
def follow(call_id: int):
    call = queries.public_call_or_404(call_id)
    url = url_for("public_calls.call", call_id=call.id)
    if act(lambda: ops.follow_call(call, g.organisation, actor=current_user)) is REFUSED:
        return redirect(url, code=303)
    return done(_("You follow this call: answers and addenda will reach your inbox."), url)
