"""A signed-in person's saved searches of the public sites and calls: /searches/… (their own only)."""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from occupancies.needs import operations as ops
from occupancies.needs import queries, words
from occupancies.needs.forms import SaveSearchForm
from portal.forms import ActionForm
from portal.ui.helpers import REFUSED, act, done, submit

bp = Blueprint("searches", __name__, url_prefix="/searches", template_folder="../templates")


@bp.before_request
@login_required
def _signed_in():
    """Every page here is a person's own."""


def _list_url(search) -> str:
    endpoint = "public_sites.index" if search.target == "sites" else "public_calls.index"
    return url_for(endpoint, **dict(parse_qsl(search.query)))


def _feed_url(search) -> str:
    endpoint = "public_sites.atom" if search.target == "sites" else "public_calls.atom"
    return url_for(endpoint, _external=True, **dict(parse_qsl(search.query)))


@bp.route("/")
def index():
    return render_template("needs/searches.html", searches=queries.searches_of(current_user),
                           list_url=_list_url, feed_url=_feed_url, action_form=ActionForm(),
                           most=ops.SEARCHES_MAX)


@bp.route("/", methods=["POST"])
def save():
    """Keep the filters of the list the person is on; back to that list when refused (already saved, too many),
    the reason flashed. The query string posted is only ever read through the list's own filters."""
    form = SaveSearchForm()
    target = form.target.data if form.target.data in ("sites", "calls") else None
    args = dict(parse_qsl(form.query.data or ""))
    filters = ops.filters_of(target, args) if target else None
    back = url_for("public_sites.index" if target == "sites" else "public_calls.index", **filters.args()) \
        if target else url_for("searches.index")
    name = (form.name.data or "").strip() or (words.search_summary(target, filters) if target else "")
    saved = submit(form, lambda: ops.save_search(current_user, form.target.data, args, name, actor=current_user),
                   show=lambda _form, error: flash(str(error.message), "danger"))
    if saved is REFUSED:
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "danger")
        return redirect(back, code=303)
    return done(_("Your search is saved: you are told when a new place it keeps is published."),
                url_for("searches.index"))


@bp.route("/<int:search_id>/alert", methods=["POST"])
def alert(search_id: int):
    search = queries.own_search_or_404(current_user, search_id)
    act(lambda: ops.set_alert(search, not search.alert, actor=current_user))
    return done(_("Alerts are on for this search.") if search.alert else _("Alerts are off for this search."),
                url_for("searches.index"))


@bp.route("/<int:search_id>/delete", methods=["POST"])
def delete(search_id: int):
    search = queries.own_search_or_404(current_user, search_id)
    if act(lambda: ops.delete_search(search, actor=current_user)) is REFUSED:
        abort(409)
    return done(_("The search is deleted."), url_for("searches.index"))
