"""Sharing sessions for everyone they are meant for (/sessions, the calendar feed /sessions.ics, registration),
the library (/library), the registry of initiatives (/initiatives) and the facilitators (/facilitators); the
organiser's pages live in its space (organiser.py), the Guichet's toolbox in /guichet/library (guichet.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from occupancies.sharing import operations as ops
from occupancies.sharing import permissions as p
from occupancies.sharing import queries, rules
from occupancies.sharing.forms import RegisterForm
from occupancies.sharing.views.common import flash_refusal
from occupancies.sharing.workflow import (
    NEXT_STEP,
    PLACE_LABELS,
    PlaceKind,
    RegistrationStatus,
    ResourceKind,
    Theme,
    place_of,
)
from portal import clock, uploads
from portal.accounts.queries import feed_holder
from portal.accounts.rules import make_feed_token
from portal.exports import calendar_response
from portal.forms import ActionForm
from portal.i18n import current_language, localized
from portal.listing import page_count, page_number
from portal.permissions import require
from portal.region import commune_options
from portal.ui.caching import public_page
from portal.ui.helpers import REFUSED, done, submit

bp = Blueprint("sessions", __name__, template_folder="../templates")


def _theme() -> Theme | None:
    value = request.args.get("theme", "")
    return Theme(value) if value in Theme.__members__ else None


@bp.route("/sessions/")
@public_page
def index():
    past = request.args.get("when") == "past"
    page, theme = page_number(), _theme()
    rows, total = queries.visible_sessions(current_user, past=past, theme=theme, page=page)
    now = clock.now()
    return render_template("sharing/index.html", rows=rows, total=total, past=past, theme=theme, page=page,
                           pages=page_count(total, queries.PAGE), now=now,
                           hidden=0 if past else queries.hidden_upcoming_count(current_user, theme=theme),
                           phases={row.session.id: rules.session_phase(row.session, row.registered, now)
                                   for row in rows},
                           organisers=[m.organisation for m in current_user.memberships
                                       if p.can_organise_sessions(current_user, m.organisation)]
                           if current_user.is_authenticated else [],
                           personal_feed=feed_link(current_user) if current_user.is_authenticated else None)


MINE_SHOWN = 20  # registrations of one's organisations listed at first; a link lists them all


def _register_form(session, form=None):
    """The registration form: the organisation (chosen, or the first allowed) and those of its members not yet
    on the session; None when the organisation has used its places."""
    organisations = p.eligible_organisations(current_user, session)
    refused = form is not None           # a refused registration shows its form and messages, whatever is left
    form = form or RegisterForm(formdata=None)
    chosen = form.organisation_id.data or request.args.get("organisation", type=int)
    organisation = next((o for o in organisations if o.id == chosen), organisations[0] if organisations else None)
    if organisation is None:
        return None, None, 0, []
    left = rules.allowance(session.places_per_organisation,
                           queries.active_count(session, organisation_id=organisation.id))
    members = sorted(queries.members_not_on(session, organisation),
                     key=lambda u: (u.id != current_user.id, u.name.lower()))
    form.organisation_id.choices = [(o.id, o.name) for o in organisations]
    form.organisation_id.data = organisation.id
    form.people.choices = [(u.id, _("%(name)s (you)", name=u.name) if u.id == current_user.id else u.name)
                           for u in members]
    if form.people.data is None:
        form.people.data = [current_user.id] if any(u.id == current_user.id for u in members) else []
    return (form if refused or (members and left) else None), organisation, left, organisations


def _session_page(session, *, form=None, status=200):
    """A session's page does the same work whatever the number of people registered: their counts, and the
    registrations of the reader's organisations, MINE_SHOWN of them unless all are asked for."""
    now = clock.now()
    counted = queries.counts([session.id])[session.id]
    registered, waiting = counted[RegistrationStatus.registered], counted[RegistrationStatus.waiting]
    mine_orgs = {m.organisation_id for m in current_user.memberships} if current_user.is_authenticated else set()
    me = getattr(current_user, "id", None)
    every = request.args.get("registrations") == "all"
    yours = queries.yours(session, me, mine_orgs, None if every else MINE_SHOWN)
    mine, mine_count, position = yours.shown, yours.count, yours.positions
    row = queries.SessionRow(session, registered, waiting)
    phase = rules.session_phase(session, registered, now)
    is_open = rules.registration_open(now, session.status, session.starts_at, session.registration_deadline)
    refused = form
    organisation, left, organisations = None, 0, []
    if is_open and p.can_register_for_session(current_user, session):
        form, organisation, left, organisations = _register_form(session, form)
    else:
        form = None
    # One's own registration comes first among those shown: whether one has a place is read from it.
    has_place = any(r.user_id == me and r.status == RegistrationStatus.registered for r in mine)
    step, whose = NEXT_STEP[phase]
    # A refused registration whose form is no longer offered (registration closed meanwhile): its messages on top.
    unshown = [str(e) for errors in refused.errors.values() for e in errors] + list(refused.form_errors) \
        if refused is not None and form is None else []
    return render_template(
        "sharing/session.html", unshown=unshown, session=session, phase=phase, step=step, whose=whose, row=row,
        now=now, mine=mine, mine_count=mine_count, position=position, form=form, organisation=organisation, left=left,
        organisations=organisations, free=rules.free_places(session.capacity, registered),
        show_link=p.can_see_online_link(current_user, session, has_place),
        resources=queries.resources_of(session), place=place_of(session),
        closes=rules.registration_closes(session.starts_at, session.registration_deadline),
        can_cancel=rules.before_start(now, session.status, session.starts_at), is_open=is_open,
        online_label=PLACE_LABELS[PlaceKind.online]), status


@bp.route("/sessions/<int:session_id>")
def session_page(session_id: int):
    return _session_page(queries.session_or_404(current_user, session_id))


@bp.route("/sessions/<int:session_id>/register", methods=["POST"])
def register(session_id: int):
    session = queries.session_or_404(current_user, session_id)
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=url_for("sessions.session_page", session_id=session.id)))
    require(p.can_register_for_session(current_user, session))
    form = RegisterForm()
    organisations = {o.id: o for o in p.eligible_organisations(current_user, session)}
    organisation = organisations.get(form.organisation_id.data)
    people = queries.people(form.people.data or [])
    made = submit(form, lambda: ops.register_for_session(session, organisation, people, actor=current_user))
    if made is REFUSED:
        return _session_page(session, form=form, status=422)
    waiting = sum(1 for r in made if r.status == RegistrationStatus.waiting)
    if not waiting:
        message = ngettext("Registered: %(num)d person. The day before, a reminder is sent.",
                           "Registered: %(num)d people. The day before, a reminder is sent.", len(made))
    else:
        message = _("Registered: %(registered)d; on the waiting list: %(waiting)d. Each person waiting is told at "
                    "once if a place frees up.", registered=len(made) - waiting, waiting=waiting)
    return done(message, url_for("sessions.session_page", session_id=session.id))


@bp.route("/sessions/<int:session_id>/registrations/<int:registration_id>/cancel", methods=["POST"])
def cancel_registration(session_id: int, registration_id: int):
    session = queries.session_or_404(current_user, session_id)
    registration = queries.registration_or_404(session, registration_id)
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=url_for("sessions.session_page", session_id=session.id)))
    if not p.can_cancel_registration(current_user, registration):
        abort(403 if registration.status != RegistrationStatus.cancelled else 409)
    form = ActionForm()
    promoted = submit(form, lambda: ops.cancel_registration(registration, actor=current_user))
    if promoted is REFUSED:
        flash_refusal(form)
        return _session_page(session, status=409)
    message = _("The registration is cancelled.")
    if promoted:
        message += " " + _("The first person on the waiting list takes the place and is told.")
    return done(message, url_for("sessions.session_page", session_id=session.id))


def _ics_events(sessions):
    events = []
    host = urlsplit(current_app.config["BASE_URL"]).netloc  # the portal's, whatever the Host header says
    for session in sessions:
        place = place_of(session)
        events.append(rules.CalendarEvent(
            uid=f"session-{session.id}@{host}", summary=localized(session, "title"),
            start=clock.as_utc(session.starts_at), end=clock.as_utc(session.ends_at),
            url=url_for("sessions.session_page", session_id=session.id, _external=True),
            description=localized(session, "agenda"),
            location=place if isinstance(place, str) else place[current_language()],
            cancelled=session.status != "planned", sequence=session.lock))
    return events


def _calendar(sessions, name: str, filename: str) -> Response:
    return calendar_response(rules.calendar(_ics_events(sessions), name, clock.BRUSSELS, clock.now()), filename)


@bp.route("/sessions/<int:session_id>.ics")
def session_ics(session_id: int):
    session = queries.session_or_404(current_user, session_id)
    return _calendar([session], _("Entretemps: sharing sessions"), f"entretemps-session-{session.id}.ics")


def _feed_reader():
    """Whom the feed is for: the holder of a personal link (?key=…), else the visitor. A key that is not (or no
    longer) valid finds nothing."""
    key = request.args.get("key")
    if not key:
        return current_user
    return feed_holder(key) or abort(404)


def feed_link(user) -> str:
    """The personal feed's address: the sessions the user may see, for their calendar application."""
    return url_for("sessions.feed", key=make_feed_token(current_app.config["SECRET_KEY"], user.id,
                                                          user.password_hash), _external=True)


@bp.route("/sessions.ics")
def feed():
    return _calendar(queries.feed_sessions(_feed_reader()), _("Entretemps: sharing sessions"),
                     "entretemps-sessions.ics")


@bp.route("/library")
@public_page
def library():
    text, theme, page = (request.args.get("q") or "").strip()[:100], _theme(), page_number()
    resources, total = queries.library(current_user, text=text, theme=theme, page=page)
    return render_template("sharing/library.html", resources=resources, total=total, text=text, theme=theme,
                           page=page, pages=page_count(total, queries.LIBRARY_PAGE))


@bp.route("/library/<int:resource_id>")
def resource(resource_id: int):
    resource = queries.resource_or_404(current_user, resource_id)
    if resource.kind == ResourceKind.minutes:
        return redirect(url_for("sessions.session_page", session_id=resource.session_id, _anchor="minutes"))
    if resource.kind == ResourceKind.link:
        return redirect(resource.url)
    return uploads.send_upload("library", resource.file, mimetype=resource.mimetype,
                               download_name=resource.original_name)


@bp.route("/initiatives")
@public_page
def initiatives():
    commune = request.args.get("commune") or None
    communes = commune_options(current_language())
    commune = commune if commune in dict(communes) else None
    return render_template("sharing/initiatives.html", initiatives=queries.initiatives(commune=commune),
                           communes=communes, commune=commune, today=clock.today())


@bp.route("/facilitators")
@public_page
def facilitators():
    return render_template("sharing/facilitators.html", facilitators=queries.facilitators())

