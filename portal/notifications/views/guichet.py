"""The outbox the Guichet reads outside production: /guichet/outbox/…"""
from __future__ import annotations

from flask import abort, current_app, render_template
from flask_login import current_user

from portal.notifications import queries
from portal.notifications.permissions import can_read_outbox
from portal.permissions import require
from portal.tenancy import guichet_blueprint

outbox_bp = guichet_blueprint("outbox", __name__, url_prefix="/outbox", template_folder="../templates")


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
