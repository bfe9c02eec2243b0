"""The maximum rents of the public management right, public: /dgp/rents?year=…; the deadlines of an operator's
cases as a personal calendar feed: /dgp/deadlines.ics?key=… (calendar applications send no cookie)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.dgp import queries, rules
from occupancies.dgp.workflow import DEADLINE_LABELS, KIND_LABELS, WHOSE_LABELS
from portal import clock
from portal.accounts.queries import feed_holder
from portal.accounts.rules import make_feed_token
from portal.exports import calendar_response
from portal.region import commune_name
from portal.ui.caching import public_page

bp = Blueprint("dgp", __name__, template_folder="../templates")


@bp.route("/dgp/rents")
@public_page
def rents():
    years = queries.years_with_rents()
    year = rules.rents_year(request.args.get("year", type=int), years, clock.today().year)
    return render_template("dgp/rents.html", table=queries.rent_table(year), years=years, KIND_LABELS=KIND_LABELS)


FEED_SALT = "dgp-deadlines"      # a link to this feed opens no other (portal.accounts.rules.make_feed_token)


def deadlines_link(user) -> str:
    """The address of the user's feed of deadlines: those of every operator's cases the user is a member of."""
    return url_for("dgp.deadlines", key=make_feed_token(current_app.config["SECRET_KEY"], user.id,
                                                          user.password_hash, FEED_SALT), _external=True)


@bp.route("/dgp/deadlines.ics")
def deadlines():
    """The running deadlines of the reader's cases, in the reader's language: the holder of the personal link, or
    the person signed in. Without either, or for someone who keeps no case, there is no such feed."""
    key = request.args.get("key")
    reader = feed_holder(key, FEED_SALT) if key else (current_user if current_user.is_authenticated else None)
    if reader is None:
        abort(404)
    host = urlsplit(current_app.config["BASE_URL"]).netloc
    with force_locale(reader.language):
        events = [rules.DayEvent(
            uid=f"dgp-{case.id}-{deadline.kind}@{host}", day=deadline.due,
            summary=f"{case.reference} · {DEADLINE_LABELS[deadline.kind]}",
            url=url_for("dgp_cases.case", org_slug=case.operator_slug, case_id=case.id, _external=True),
            description=f"{case.address}, {case.postcode} {commune_name(case.commune, reader.language)} · "
                        f"{WHOSE_LABELS[deadline.whose]}")
            for case in queries.calendar_cases(reader) for deadline in rules.deadlines(rules.case_dates(case.steps))]
        name = _("Entretemps: public management deadlines")
    return calendar_response(rules.deadline_calendar(events, name, clock.now()), "entretemps-dgp-deadlines.ics")
