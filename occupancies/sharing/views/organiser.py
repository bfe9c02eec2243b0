"""The organiser's pages, in its own space (/o/<slug>/sessions/…: the Guichet's or a signatory owner's): its
sessions, the form of a session, and after it the attendance, the minutes and the resources."""
from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from occupancies.sharing import operations as ops
from occupancies.sharing import permissions as p
from occupancies.sharing import queries, rules
from occupancies.sharing.forms import (
    AttendanceForm,
    CancelSessionForm,
    MinutesForm,
    ResourceForm,
    SessionForm,
)
from occupancies.sharing.views.common import flash_refusal
from occupancies.sharing.workflow import NEXT_STEP, RegistrationStatus, place_of
from portal import clock
from portal.audit.queries import history_of
from portal.forms import ActionForm
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = tenant_blueprint("session_admin", __name__, url_prefix="/sessions", template_folder="../templates")


def _organiser():
    require(p.can_organise_sessions(current_user, g.organisation))


def _session_form(form=None, session=None):
    form = form or (SessionForm(formdata=None, obj=session).load(session) if session else SessionForm(formdata=None))
    return form.fill(queries.occupied_sites(), queries.facilitators(), session)


@bp.route("/")
def index():
    _organiser()
    now = clock.now()
    return render_template("sharing/organiser/index.html", rows=queries.organised_sessions(g.organisation),
                           phase_of=lambda row: rules.session_phase(row.session, row.registered, now))


@bp.route("/new", methods=["GET", "POST"])
def new():
    _organiser()
    form = _session_form(SessionForm() if request.method == "POST" else None)
    if request.method == "POST":
        session = submit(form, lambda: ops.create_session(g.organisation, form.values(), actor=current_user))
        if session is not REFUSED:
            return done(_("The session is published to its audience: registration is open."),
                        url_for("session_admin.manage", session_id=session.id))
    return render_template("sharing/organiser/form.html", form=form, session=None), 422 if form.errors else 200


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
def edit(session_id: int):
    session = queries.managed_session_or_404(session_id)
    require(p.can_manage_session(current_user, session))
    if not rules.before_start(clock.now(), session.status, session.starts_at):
        abort(409)
    form = _session_form(SessionForm() if request.method == "POST" else None, session)
    if request.method == "POST":
        changes = submit(form, lambda: ops.update_session(session, form.values(), actor=current_user))
        if changes is not REFUSED:
            return done(_("The session is saved.") if changes else _("Nothing changed."),
                        url_for("session_admin.manage", session_id=session.id))
    return render_template("sharing/organiser/form.html", form=form, session=session), 422 if form.errors else 200


def _manage_page(session, *, cancel_form=None, minutes_form=None, resource_form=None, status=200):
    now = clock.now()
    registrations = queries.registrations_of(session)
    registered = [r for r in registrations if r.status == RegistrationStatus.registered]
    waiting = [r for r in registrations if r.status == RegistrationStatus.waiting]
    row = queries.SessionRow(session, len(registered), len(waiting))
    phase = rules.session_phase(session, len(registered), now)
    attendance = AttendanceForm(formdata=None)
    attendance.present.data = [r.id for r in registered if r.attended or (
        r.attended is None and session.attendance_recorded_at is None)]
    minutes_form = minutes_form or MinutesForm(formdata=None, obj=session)
    step, whose = NEXT_STEP[phase]
    return render_template(
        "sharing/organiser/session.html", session=session, row=row, phase=phase, step=step, whose=whose, now=now,
        registered=registered, waiting=waiting, cancelled=[r for r in registrations
                                                          if r.status == RegistrationStatus.cancelled],
        recording=rules.after_start(now, session.status, session.starts_at),
        changeable=rules.before_start(now, session.status, session.starts_at),
        attendance=attendance, minutes_form=minutes_form,
        cancel_form=cancel_form or CancelSessionForm(formdata=None),
        resource_form=resource_form or ResourceForm(formdata=None, theme=session.theme.value),
        resources=queries.resources_of(session), history=history_of(session), place=place_of(session),
        action_form=ActionForm(formdata=None)), status


@bp.route("/<int:session_id>")
def manage(session_id: int):
    session = queries.managed_session_or_404(session_id)
    require(p.can_manage_session(current_user, session))
    return _manage_page(session)


def _managed(session_id: int):
    session = queries.managed_session_or_404(session_id)
    require(p.can_manage_session(current_user, session))
    return session


@bp.route("/<int:session_id>/cancel", methods=["POST"])
def cancel(session_id: int):
    session = _managed(session_id)
    form = CancelSessionForm()
    if submit(form, lambda: ops.cancel_session(session, form.reason.data, actor=current_user)) is REFUSED:
        return _manage_page(session, cancel_form=form, status=422)
    return done(_("The session is cancelled. The people registered and waiting are told."),
                url_for("session_admin.manage", session_id=session.id))


@bp.route("/<int:session_id>/attendance", methods=["POST"])
def attendance(session_id: int):
    session = _managed(session_id)
    form = AttendanceForm()
    present = submit(form, lambda: ops.record_attendance(session, set(form.present.data or []),
                                                          actor=current_user))
    if present is REFUSED:
        flash_refusal(form)
        return _manage_page(session, status=422)
    return done(ngettext("Attendance recorded: %(num)d person present.", "Attendance recorded: %(num)d people present.",
                         present),
                url_for("session_admin.manage", session_id=session.id))


@bp.route("/<int:session_id>/minutes", methods=["POST"])
def minutes(session_id: int):
    session = _managed(session_id)
    form = MinutesForm()
    first = submit(form, lambda: ops.publish_minutes(session, form.minutes_fr.data, form.minutes_nl.data,
                                                      actor=current_user))
    if first is REFUSED:
        return _manage_page(session, minutes_form=form, status=422)
    return done(_("The minutes are published; the people registered are told.") if first
                else _("The minutes are corrected."), url_for("session_admin.manage", session_id=session.id))


@bp.route("/<int:session_id>/resources", methods=["POST"])
def add_resource(session_id: int):
    session = _managed(session_id)
    form = ResourceForm()
    upload = request.files.get("upload")
    if submit(form, lambda: ops.add_resource(session, form.values(), upload, actor=current_user)) is REFUSED:
        return _manage_page(session, resource_form=form, status=422)
    return done(_("The resource is shared with the session's audience and listed in the library."),
                url_for("session_admin.manage", session_id=session.id))


@bp.route("/<int:session_id>/resources/<int:resource_id>/remove", methods=["POST"])
def remove_resource(session_id: int, resource_id: int):
    session = _managed(session_id)
    resource = next((r for r in queries.resources_of(session) if r.id == resource_id), None)
    if resource is None:
        abort(404)
    # Through submit, not act: an expired token is said on the page (422), like a refusal, rather than a 400.
    form = ActionForm()
    if submit(form, lambda: ops.remove_resource(resource, actor=current_user)) is REFUSED:
        flash_refusal(form)
        return _manage_page(session, status=422)
    return done(_("The resource is removed."), url_for("session_admin.manage", session_id=session.id))
