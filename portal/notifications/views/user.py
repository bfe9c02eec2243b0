"""Every signed-in user's own inbox, at the root: /inbox/…, and their choice of e-mails: /inbox/preferences."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectField

from portal.extensions import htmx
from portal.features import notification_kinds
from portal.forms import ActionForm, BaseForm
from portal.i18n import current_language
from portal.notifications import operations as ops
from portal.notifications import queries
from portal.notifications.registry import FREQUENCY_LABELS, TOPIC_LABELS, label_of, render, topics
from portal.notifications.rules import Frequency
from portal.ui.helpers import REFUSED, act, done, render_form, submit

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


def _preferences_form(chosen: dict):
    """A select for each kind a person may choose for, named after its code (dots as "__")."""

    class PreferencesForm(BaseForm):
        pass

    options = [(code, label) for code, label in FREQUENCY_LABELS.items()]
    for _topic, codes in topics():
        for code in codes:
            setattr(PreferencesForm, code.replace(".", "__"),
                    SelectField(label_of(code), choices=options, default=chosen.get(code, Frequency.immediate.value)))
    return PreferencesForm()


@bp.route("/inbox/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Which e-mails a person receives, and when: at once, in a daily or weekly digest, or not at all."""
    form = _preferences_form(queries.preferences_of(current_user))
    saved = submit(form, lambda: ops.set_preferences(
        current_user, {code: form[code.replace(".", "__")].data for _t, codes in topics() for code in codes},
        actor=current_user))
    if saved is REFUSED:
        return render_form("notifications/preferences.html", form, topics=topics(), TOPIC_LABELS=TOPIC_LABELS,
                           essential=[label_of(code) for code in sorted(notification_kinds())
                                      if notification_kinds()[code].essential and not code.startswith("user.")])
    return done(_("Your choices are saved."), url_for("notifications.preferences"))
