"""The occupant's applications: /o/<slug>/applications/… (prepared with autosave, documents attached, submitted with
a receipt, withdrawn); the receipt also for the call's owner and the Guichet, each through its own address."""
from __future__ import annotations

from babel.units import format_unit
from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import format_time, format_timedelta, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from calls import rules as call_rules
from calls.applications import operations as ops
from calls.applications import permissions as p
from calls.applications import queries, rules
from calls.applications.forms import AttachmentForm, SubmitForm, WithdrawForm, application_form
from calls.applications.pdf import receipt_response
from calls.applications.workflow import RECEIVED, ApplicationStatus, next_step
from calls.workflow import CallStatus
from portal import clock
from portal.audit.queries import history_of
from portal.i18n import format_moment
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, act, done
from portal.ui.helpers import submit as submit_form  # `submit` is this blueprint's endpoint that submits

bp = tenant_blueprint("applications", __name__, url_prefix="/applications", template_folder="../templates")

A = ApplicationStatus


@bp.app_template_filter("filesize")
def filesize(size: int) -> str:
    """A file's size in the reader's language: "45 o", "12,5 ko", "1,2 MB"."""
    for unit, factor in (("digital-megabyte", 1024 * 1024), ("digital-kilobyte", 1024)):
        if size >= factor:
            return format_unit(size / factor, unit, length="short", format="#,##0.#", locale=get_locale())
    return format_unit(size, "digital-byte", length="short", locale=get_locale())


def _time_left(delta) -> str:
    """"in 10 days", "in 3 weeks", "in 30 hours": a unit changes once there are two of the next one."""
    return format_timedelta(delta, threshold=2, add_direction=True)


def _url(application, anchor=None) -> str:
    return url_for("applications.edit", application_id=application.id, _anchor=anchor)


REFUSALS = {
    "deadline_withdraw": _l("The deadline has passed: the application can no longer be withdrawn."),
    "deadline": _l("The deadline has passed: the application can no longer change."),
    "call_not_open": _l("The call is no longer open for applications."),
    "not_submitted": _l("Only a submitted application can be withdrawn."),
    "already_submitted": _l("This application is already submitted."),
    "frozen": _l("This application is submitted, so it no longer changes. To correct it, withdraw it, then submit "
                 "it again before the deadline."),
}
GUARDS = {"edit": p.can_edit_application, "submit": p.can_submit_application,
          "withdraw": p.can_withdraw_application}


def _refusal(application, now, action: str) -> str | None:
    """Why the deadline or the state refuses this action now, in words (None: they allow it)."""
    code = rules.refusal(application.status, application.call.status == CallStatus.published,
                         application.call.submission_deadline, now, action)
    return str(REFUSALS[code]) if code else None


def _refused(application, action: str):
    """The page saying why the deadline or the state refuses the action (409), else None once the user's role
    has been checked. The server decides, whatever the browser sends."""
    now = clock.now()
    refused = _refusal(application, now, action)
    if refused:
        return _page(application, refused=refused, status=409)
    require(GUARDS[action](current_user, application, now))
    return None


def _page(application, *, form=None, attachment_form=None, withdraw_form=None, submit_form=None, refused=None,
          status=200):
    """The application page: the form while it may change, the read-only application and its receipt after."""
    now = clock.now()
    call = application.call
    editable = p.can_edit_application(current_user, application, now)
    if form is None and editable:
        form = application_form(call, queries.offered_units(call), formdata=False).fill(application)
    step, whose = next_step(application, now)
    left = clock.as_utc(call.submission_deadline) - now
    is_open = call_rules.submissions_open(call.submission_deadline, now)
    return render_template(
        "applications/edit.html", application=application, call=call, form=form, editable=editable,
        attachment_form=attachment_form or AttachmentForm(formdata=None),
        withdraw_form=withdraw_form or WithdrawForm(formdata=None),
        submit_form=submit_form or SubmitForm(formdata=None),
        refused=refused, step=step, whose=whose, now=now, history=history_of(application),
        time_left=_time_left(left) if is_open else None, approaching=is_open and left <= queries.APPROACHING,
        updated_at=clock.as_utc(application.updated_at).isoformat(), max_attachments=ops.MAX_ATTACHMENTS,
    ), status


@bp.route("/")
def index():
    organisation = g.organisation
    if not organisation.is_occupant:
        abort(404)
    now = clock.now()
    return render_template("applications/index.html", organisation=organisation, now=now,
                           groups=queries.occupant_applications(organisation, now), time_left=_time_left)


@bp.route("/start/<int:call_id>", methods=["POST"])
def start(call_id: int):
    call = queries.published_call_or_404(call_id)
    application = act(lambda: ops.start_application(call, g.organisation, actor=current_user))
    if application is REFUSED:
        return redirect(url_for("public_calls.call", call_id=call.id), code=303)
    return done(_("Your application is open. It is saved as you type; submit it before the deadline."),
                _url(application))


@bp.route("/<int:application_id>", methods=["GET", "POST"])
def edit(application_id: int):
    application = queries.application_in_tenant_or_404(application_id)
    if not p.can_read_application(current_user, application, clock.now()):
        abort(404)
    if request.method == "GET":
        return _page(application)
    refusal = _refused(application, "edit")
    if refusal:
        return refusal
    form = application_form(application.call, queries.offered_units(application.call))
    refusals = []
    if submit_form(form, lambda: ops.save_application(application, form.values(), actor=current_user,
                                                      version=form.version.data),
                   show=lambda _form, error: refusals.append(error)) is not REFUSED:
        return done(_("Your draft is saved."), _url(application))
    if refusals and isinstance(refusals[0], ops.StaleApplication):
        form.version.data = application.version  # saving again keeps what is on the screen
        form.form_errors.append(str(refusals[0].message) + " " + _(
            "Your text is shown below as you wrote it: check it, then save again to keep it."))
        return _page(application, form=form, status=409)
    for error in refusals:
        for field, message in error.problems.items():
            form.show_error(field, message)
    return _page(application, form=form, status=422)


def _saved_status(message, *, state: str, status: int = 200, version=None, updated_at=None):
    return render_template("applications/partials/_autosave_status.html", message=message, state=state,
                           version=version, updated_at=updated_at), status


@bp.route("/<int:application_id>/autosave", methods=["POST"])
def partial_autosave(application_id: int):
    """The draft saved as the applicant types (htmx): a short status in return; 409 when it may no longer
    change or was changed elsewhere, so that the browser keeps its copy."""
    application = queries.application_in_tenant_or_404(application_id)
    now = clock.now()
    refused = _refusal(application, now, "edit")
    if refused:
        return _saved_status(_("Not saved.") + " " + refused, state="refused", status=409)
    require(p.can_edit_application(current_user, application, now))
    form = application_form(application.call, queries.offered_units(application.call))
    stale = _("Not saved: this application was changed elsewhere (in another window, or by a colleague). Your "
              "text is kept in this browser; reload the page to compare and restore it.")
    refusals = []
    saved = submit_form(form, lambda: ops.autosave_application(application, form.values(), actor=current_user,
                                                               version=form.version.data),
                        show=lambda _form, error: refusals.append(error))
    if saved is REFUSED:
        if not refusals:  # the form is invalid: its first problem, in words
            field, errors = next(iter(form.errors.items()))
            label = form[field].label.text if field and field in form else ""
            message = f"{label}: {errors[0]}" if label else errors[0]
            return _saved_status(_("Not saved.") + " " + message, state="invalid", status=422)
        if isinstance(refusals[0], ops.StaleApplication):
            return _saved_status(stale, state="stale", status=409)
        return _saved_status(_("Not saved.") + " " + str(refusals[0].message), state="invalid", status=422)
    return _saved_status(_("Saved at %(time)s.", time=format_time(clock.now(), "short")), state="saved",
                         version=application.version, updated_at=clock.as_utc(application.updated_at).isoformat())


@bp.route("/<int:application_id>/attachments", methods=["POST"])
def add_attachment(application_id: int):
    application = queries.application_in_tenant_or_404(application_id)
    refusal = _refused(application, "edit")
    if refusal:
        return refusal
    form = AttachmentForm()
    attachment = submit_form(form, lambda: ops.add_attachment(application, form.file.data.stream,
                                                              form.file.data.filename, actor=current_user))
    if attachment is not REFUSED:
        return done(_("The document %(name)s is added.", name=attachment.original_name),
                    _url(application, "attachments"))
    return _page(application, attachment_form=form, status=422)


@bp.route("/<int:application_id>/attachments/<int:attachment_id>/remove", methods=["POST"])
def remove_attachment(application_id: int, attachment_id: int):
    application = queries.application_in_tenant_or_404(application_id)
    attachment = queries.attachment_of_or_404(application, attachment_id)
    refusal = _refused(application, "edit")
    if refusal:
        return refusal
    name = attachment.original_name
    if act(lambda: ops.remove_attachment(attachment, actor=current_user)) is REFUSED:
        return redirect(_url(application, "attachments"), code=303)
    return done(_("The document %(name)s is removed.", name=name), _url(application, "attachments"))


@bp.route("/<int:application_id>/submit", methods=["POST"])
def submit(application_id: int):
    application = queries.application_in_tenant_or_404(application_id)
    refusal = _refused(application, "submit")
    if refusal:
        return refusal
    refusals = []
    confirmed = SubmitForm()
    # The moment is read before the commit, as the operation set it (aware, in UTC), not reloaded after.
    receipt = submit_form(confirmed, lambda: (ops.submit_application(application, actor=current_user),
                                              application.submitted_at),
                          show=lambda _form, error: refusals.append(error))
    if receipt is REFUSED:
        form = application_form(application.call, queries.offered_units(application.call), formdata=False)
        form.fill(application)
        # Not confirmed: what is still missing is said at once too, so that the next attempt is the last.
        problems = {field: message for error in refusals for field, message in error.problems.items()} \
            if refusals else ops.missing_answers(application)
        for field, message in problems.items():
            form.show_error(field, message)
        return _page(application, form=form, submit_form=confirmed, status=422)
    digest, submitted_at = receipt
    return done(_("Your application is submitted. Receipt: submitted on %(when)s (Brussels time); SHA-256 digest "
                  "of the content: %(digest)s.", when=format_moment(submitted_at, "medium"), digest=digest),
                _url(application))


@bp.route("/<int:application_id>/withdraw", methods=["POST"])
def withdraw(application_id: int):
    application = queries.application_in_tenant_or_404(application_id)
    refusal = _refused(application, "withdraw")
    if refusal:
        return refusal
    form = WithdrawForm()
    if submit_form(form, lambda: ops.withdraw_application(application, actor=current_user,
                                                          reason=form.reason.data or None)) is REFUSED:
        return _page(application, withdraw_form=form, status=422)
    return done(_("Your application is withdrawn. You may correct it and submit it again until the deadline."),
                _url(application))


@bp.route("/<int:application_id>/receipt.pdf")
def receipt(application_id: int):
    """The receipt, for the applicant, and for the call's owner and the Guichet once the deadline has passed
    (each through its own address: /o/<its slug>/applications/<id>/receipt.pdf)."""
    application = queries.readable_application_or_404(application_id, current_user, clock.now())
    if application.status not in RECEIVED:
        abort(404)
    return receipt_response(application)
