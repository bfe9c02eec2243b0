"""The public shell: landing page, the pages every public service has (contact, help, privacy notice,
accessibility statement), the way to one's dashboard, health check."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, jsonify, redirect, render_template, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import text

from portal import features
from portal.extensions import db
from portal.jobs.queue import redis_connection
from portal.tenancy import guichet_membership
from portal.ui.caching import public_page

bp = Blueprint("public", __name__, template_folder="../templates")

# When the privacy notice and the accessibility statement were last reviewed: change it with their text.
REVIEWED_ON = date(2026, 12, 3)


@bp.route("/")
@public_page
def landing():
    return render_template("public/landing.html")


def _guichet():
    """The Guichet's organisation (its address, e-mail and phone, kept by the Guichet on its own profile), or None
    on a portal that has none yet: the organisations feature provides it."""
    return features.provided("guichet_contact", default=lambda: None)()


@bp.route("/contact")
@public_page
def contact():
    return render_template("public/contact.html", guichet=_guichet())


@bp.route("/help", endpoint="help")
@public_page
def help_page():
    return render_template("public/help.html", guichet=_guichet())


@bp.route("/privacy")
@public_page
def privacy():
    return render_template("public/privacy.html", guichet=_guichet(), updated=REVIEWED_ON)


@bp.route("/accessibility")
@public_page
def accessibility():
    return render_template("public/accessibility.html", guichet=_guichet(), updated=REVIEWED_ON)


@bp.route("/dashboard")
@login_required
def dashboard():
    """Where a signed-in user starts: the organisation they last acted for, else their first one."""
    memberships = current_user.memberships
    if not memberships:
        return render_template("public/no_organisation.html")
    chosen = next((m for m in memberships if m.organisation.slug == session.get("org")), memberships[0])
    if chosen.organisation.is_guichet and guichet_membership(current_user) is not None:
        return redirect(url_for("guichet.dashboard"))
    return redirect(url_for("organisations.dashboard", org_slug=chosen.organisation.slug))


@bp.route("/healthz")
def healthz():
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception:  # any failure is a failed check, never a 500 (the session ends with the request)
        checks["database"] = "unavailable"
    if current_app.config.get("REDIS_URL"):
        try:
            redis_connection().ping()
            checks["redis"] = "ok"
        except Exception:
            checks["redis"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return jsonify(status="ok" if healthy else "unavailable", checks=checks), 200 if healthy else 503
