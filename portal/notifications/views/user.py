"""Every signed-in user's own inbox, at the root: /inbox/…"""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.extensions import htmx
from portal.forms import ActionForm
from portal.i18n import current_language
from portal.notifications import operations as ops
from portal.notifications import queries
from portal.notifications.registry import render
from portal.ui.helpers import REFUSED, act, done

bp = Blueprint("notifications", __name__, template_folder="../templates")


def _rendered(notification):
    title, body = render(notification.kind, notification.params, current_language())
    return {"n": notification, "title": title, "body": body}


@bp.route("/inbox")
@login_required
def inbox():
    items = [_rendered(n) for n in queries.inbox(current_user)]
    return render_template("notifications/inbox.html", items=items, action_form=ActionForm(formdata=None))


@bp.route("/inbox/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    notification = queries.own_notification_or_404(current_user, notification_id)
    if act(lambda: ops.mark_read(notification, actor=current_user)) is REFUSED:
        return redirect(url_for("notifications.inbox"), code=303)
    if htmx and notification.link:     # "Open": htmx follows the link as a whole page
        return "", 200, {"HX-Redirect": notification.link}
    if htmx:                            # "Mark as read": the line only, read
        return render_template("notifications/partials/_item.html", item=_rendered(notification),
                               action_form=ActionForm(formdata=None))
    return redirect(notification.link or url_for("notifications.inbox"), code=303)


@bp.route("/inbox/read-all", methods=["POST"])
@login_required
def mark_all_read():
    if act(lambda: ops.mark_all_read(actor=current_user)) is REFUSED:
        return redirect(url_for("notifications.inbox"), code=303)
    return done(_("All notifications are marked as read."), url_for("notifications.inbox"))
