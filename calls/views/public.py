"""The public list of calls, each call's public page (criteria, dates, addenda, answered questions), and the
Atom and iCalendar feeds."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from icalendar import Event

from calls import queries
from calls.forms import QuestionForm
from calls.workflow import effective_status
from occupancies.workflow import USE_LABELS
from portal import clock
from portal.exports import calendar_response, new_calendar
from portal.i18n import current_language, localized
from portal.listing import page_count, page_number
from portal.region import commune_options
from portal.roles import OrganisationKind
from portal.ui.caching import public_page

bp = Blueprint("public_calls", __name__, template_folder="../templates")


@bp.route("/calls")
@public_page
def index():
    filters = queries.CallFilters.from_args(request.args)
    page = page_number()
    calls, total = queries.public_calls(filters, page)
    now = clock.now()
    return render_template("calls/public/index.html", calls=calls, total=total, page=page, filters=filters,
                           pages=page_count(total, queries.PAGE_SIZE), now=now,
                           communes=commune_options(current_language()),
                           statuses={call.id: effective_status(call, now) for call in calls},
                           use_options=[(key.value, label) for key, label in USE_LABELS.items()])


def _acting_occupant():
    """The occupant organisation the signed-in user acts for on a public page (the one chosen in the header,
    else their first association), or None."""
    if not current_user.is_authenticated:
        return None
    occupants = [m.organisation for m in current_user.memberships
                 if m.organisation.kind == OrganisationKind.occupant]
    return next((o for o in occupants if o.slug == session.get("org")), occupants[0] if occupants else None)


def call_page(call, *, question_form=None, status=200):
    now = clock.now()
    occupant = _acting_occupant()
    return render_template(
        "calls/public/call.html", call=call, status=effective_status(call, now), now=now, occupant=occupant,
        questions=queries.questions_of(call, answered_only=True),
        # A form (and its CSRF token, kept in the visit's cookie) only for someone who may ask: the page of a
        # visitor stays the same for all, and shareable (portal.ui.caching).
        question_form=question_form or (QuestionForm(formdata=None) if occupant else None),
    ), status


@bp.route("/calls/<int:call_id>")
@public_page
def call(call_id: int):
    return call_page(queries.public_call_or_404(call_id))


@bp.route("/calls.atom")
@public_page
def atom():
    """The published calls, or those of the list's filters when the address carries them (a saved search)."""
    filters = queries.CallFilters.from_args(request.args)
    calls = queries.feed_calls_of(filters) if filters.args() else queries.feed_calls()
    updated = max((c.addenda[-1].published_at if c.addenda else c.published_at for c in calls),
                  default=clock.now())
    body = render_template("calls/public/calls.atom.xml", calls=calls, updated=clock.as_utc(updated),
                           as_utc=clock.as_utc, self_url=url_for("public_calls.atom", _external=True,
                                                                 **filters.args()))
    return Response(body, mimetype="application/atom+xml")


def _event(uid: str, summary: str, start, url: str, minutes: int) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    start = clock.in_brussels(start)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("dtstamp", clock.now())
    event.add("url", url)
    return event


@bp.route("/calls.ics")
@public_page
def ics():
    calendar = new_calendar("Calls", _("Entretemps: open calls"))
    host = urlsplit(current_app.config["BASE_URL"]).netloc  # the portal's, whatever the Host header says
    for call in queries.feed_calls():
        url = url_for("public_calls.call", call_id=call.id, _external=True)
        title = localized(call, "title")
        calendar.add_component(_event(f"call-{call.id}-deadline@{host}", _("Deadline: %(call)s", call=title),
                                      call.submission_deadline, url, 0))
        for visit in call.visits:
            calendar.add_component(_event(f"call-{call.id}-visit-{visit.id}@{host}",
                                          _("Visit: %(call)s", call=title), visit.starts_at, url, 90))
    calendar.add_missing_timezones()
    return calendar_response(calendar.to_ical(), "entretemps-calls.ics")
