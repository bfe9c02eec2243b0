from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.extensions import db, htmx
from portal.forms import ActionForm
from portal.i18n import current_language
from portal.notifications import operations as ops
from portal.notifications import queries
from portal.notifications.permissions import can_read_outbox
from portal.notifications.registry import render
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import done

bp = Blueprint("notifications", __name__, template_folder="templates")
outbox_bp = guichet_blueprint("outbox", __name__, url_prefix="/outbox", template_folder="templates")


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
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.mark_read(notification, actor=current_user)
    db.session.commit()
    if htmx:
        return render_template("notifications/partials/_item.html", item=_rendered(notification),
                               action_form=ActionForm(formdata=None))
    return redirect(notification.link or url_for("notifications.inbox"), code=303)


@bp.route("/inbox/read-all", methods=["POST"])
@login_required
def mark_all_read():
    if not ActionForm().validate_on_submit():
        abort(400)
    ops.mark_all_read(actor=current_user)
    db.session.commit()
    return done(_("All notifications are marked as read."), url_for("notifications.inbox"))


@outbox_bp.before_request
def _only_outside_production():
    if not current_app.config["SHOW_OUTBOX"]:
        abort(404)


@outbox_bp.route("/")
def outbox():
    require(can_read_outbox(current_user))
    return render_template("notifications/outbox.html", mails=queries.outbox())


@outbox_bp.route("/<int:mail_id>")
def outbox_mail(mail_id: int):
    require(can_read_outbox(current_user))
    return render_template("notifications/outbox_mail.html", mail=queries.outbox_mail_or_404(mail_id))
