"""create_app(): configuration, extensions, blueprints, error pages, command line."""
from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, current_app, g, has_request_context, render_template, request, session
from flask_babel import lazy_gettext as _l
from flask_limiter import RateLimitExceeded
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from calls import feature as calls
from calls.appeals import feature as appeals
from calls.applications import feature as applications
from calls.evaluation import feature as evaluation
from calls.opendata import feature as calls_open_data
from occupancies import feature as sites
from occupancies.agreements import feature as agreements
from occupancies.dgp import feature as dgp
from occupancies.needs import feature as needs
from occupancies.reports import feature as reports
from occupancies.sharing import feature as sharing
from occupancies.vacancies import feature as vacancies
from portal import cli, features, region, roles
from portal import config as settings
from portal.accounts import feature as accounts
from portal.accounts.models import User
from portal.audit.labels import action_label
from portal.database import MAX_ID, configure_engine, is_conflict, write_intent
from portal.extensions import babel, cache, csrf, db, htmx, limiter, login_manager, migrate
from portal.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    current_language,
    format_day,
    format_moment,
    format_money,
    format_number,
    format_percent,
    localized,
    select_locale,
)
from portal.notifications import feature as notifications
from portal.notifications.queries import unread_count
from portal.organisations import feature as organisations
from portal.ui import caching
from portal.ui import feature as shell
from portal.ui.pdf import css_string
from portal.ui.richtext import markdown_html
from portal.workflow import InvalidTransition

ROOT = Path(__file__).resolve().parent.parent
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger(__name__)

# Every feature, from the shell up through the layers (docs/architecture.md): the order in which their blueprints
# are registered and their tasks and sections are shown.
FEATURES = (shell.FEATURE, accounts.FEATURE, organisations.FEATURE, notifications.FEATURE, sites.FEATURE,
            calls.FEATURE, applications.FEATURE, evaluation.FEATURE, appeals.FEATURE, calls_open_data.FEATURE,
            agreements.FEATURE, reports.FEATURE, sharing.FEATURE, vacancies.FEATURE, dgp.FEATURE, needs.FEATURE)


class Portal(Flask):
    """The portal's Flask: an absolute address (`url_for(…, _external=True)`, in a page, a feed, a calendar or an
    email) is always at BASE_URL, never at the Host header a request came with (`Host: evil.example`)."""

    def url_for(self, endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values) -> str:
        if not _external or not has_request_context():
            return super().url_for(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme, _external=_external,
                                   **values)
        path = super().url_for(endpoint, _anchor=_anchor, _method=_method, _external=False, **values)
        # The path under the script's root (an app served under a prefix), appended to the public address.
        return self.config["BASE_URL"] + path[len(request.script_root):]


def create_app(overrides: dict | None = None) -> Flask:
    app = Portal("portal", instance_path=str(ROOT / "instance"), root_path=str(ROOT / "portal"))
    app.config.update(settings.load(Path(app.instance_path), overrides))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "portal" / "translations")

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    with app.app_context():
        configure_engine(db.engine)

    _setup_login()
    app.wsgi_app = TrustedProxies(app)
    app.url_map.converters["int"] = IdConverter
    features.install(app, FEATURES)
    app.static_folder = str(ROOT / "portal" / "ui" / "static")
    app.template_folder = str(ROOT / "portal" / "ui" / "templates")
    _register_request_hooks(app)
    _register_template_helpers(app)
    _register_error_pages(app)
    _register_commands(app)
    return app


class TrustedProxies:
    """The client's address, scheme and prefix as the TRUSTED_PROXIES reverse proxies in front of the portal saw
    them (X-Forwarded-For, -Proto, -Prefix, read behind that many and no more); with none, those headers are the
    client's own claims and are ignored. Read at each request, from the app's settings."""

    def __init__(self, app: Flask):
        self.app, self.wsgi_app = app, app.wsgi_app

    def __call__(self, environ, start_response):
        trusted = self.app.config["TRUSTED_PROXIES"]
        if not trusted:
            return self.wsgi_app(environ, start_response)
        return ProxyFix(self.wsgi_app, x_for=trusted, x_proto=trusted, x_prefix=trusted)(environ, start_response)


class IdConverter(IntegerConverter):
    """<int:…> in every route: at most what an INTEGER column holds, so that /sites/99999999999999999999 is not
    found rather than an overflow in the database (a 500 on SQLite, an error on PostgreSQL)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _setup_login() -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(value: str):
        try:
            user_id, version = (int(part) for part in value.split(":"))
        except (ValueError, AttributeError):
            return None
        # The user and their memberships (every page reads them: the menu, the permissions) in one query.
        user = db.session.get(User, user_id, options=[joinedload(User.memberships)])
        # A raised version (sign-out, password change, disabling) ends this session on the server.
        if user is None or not user.active or user.session_version != version:
            return None
        return user


def _register_request_hooks(app: Flask) -> None:
    @app.url_value_preprocessor
    def _start_request(endpoint, values):
        # Runs before anything reads the database: a request that may write takes the write lock up front.
        write_intent.set(request.method not in SAFE_METHODS)
        asked = request.args.get("lang")
        if asked in LANGUAGES:
            # The visit's language, kept in its signed cookie: a link never changes the account's own language,
            # which its holder changes in the account form (a GET never writes).
            session["lang"] = asked

    tile = urlsplit(app.config["MAP_TILE_URL"].replace("{s}", "a"))
    tile_origin = f"{tile.scheme}://{tile.netloc}" if tile.netloc else ""

    app.before_request(caching.before_request)
    app.after_request(caching.after_request)

    @app.teardown_request
    def _end_request(_error):
        write_intent.set(True)  # what follows in this thread (a job, a command, a test) may write

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; img-src 'self' data: {tile_origin}; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        if app.config["STRICT_TRANSPORT_SECURITY"]:
            response.headers.setdefault("Strict-Transport-Security", app.config["STRICT_TRANSPORT_SECURITY"])
        if request.method == "GET" and current_user.is_authenticated:
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


def _register_template_helpers(app: Flask) -> None:
    """The shell's own helpers; each feature's live in its namespace (portal.features)."""
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["markdown"] = markdown_html
    app.jinja_env.filters["css_string"] = css_string
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES, current_language=current_language,
        localized=localized, action_label=action_label, commune_name=region.commune_name,
        is_guichet_staff=roles.is_guichet_staff, is_guichet_admin=roles.is_guichet_admin,
        panels=features.panels, shared_page=caching.shared_page,
    )

    def lang_url(code: str) -> str:
        args = request.args.to_dict(flat=False)
        args["lang"] = [code]
        return f"{request.path}?{urlencode(args, doseq=True)}"

    app.jinja_env.globals["lang_url"] = lang_url
    # Numbers, days and moments in the reader's language (portal.i18n): "1er septembre 2026", "33,3 %".
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_moment(value, fmt) if value else ""
    app.jinja_env.filters["decimal"] = lambda value, digits=None: format_number(value, digits)
    # A score on 100 or a mean: always two decimals, as computed (calls.evaluation.rules).
    app.jinja_env.filters["score"] = lambda value: format_number(value, 2) if value is not None else "—"
    # A share: a fraction (0.333), or hundredths with of_hundred=True (33.3 %); at most `digits` decimals.
    app.jinja_env.filters["percent"] = lambda value, digits=1, of_hundred=False: format_percent(
        value, digits, of_hundred=of_hundred)
    app.jinja_env.filters["money"] = lambda value: format_money(value)
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_day(value, fmt) if value else ""

    @app.context_processor
    def _shell():
        if not has_request_context():  # an email rendered by a worker
            return {}
        if not current_user.is_authenticated:
            return {"acting_organisation": g.get("organisation"), "unread_count": 0}
        acting = g.get("organisation")
        if acting is None and session.get("org"):
            membership = next((m for m in current_user.memberships if m.organisation.slug == session["org"]), None)
            acting = membership.organisation if membership else None
        return {"acting_organisation": acting, "unread_count": unread_count(current_user)}


API_PREFIX = "/api/"


def problem(status: int, detail: str | None = None, members: dict | None = None, headers=()) -> Response:
    """An error of the API as problem details (RFC 9457, application/problem+json): the status's own title, what
    went wrong, and the members the error carries (a 400 names the parameters refused in `invalid_params`)."""
    body = {"type": "about:blank", "title": HTTP_STATUS_CODES.get(status, "Error"), "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(members or {})
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status=status,
                                          mimetype="application/problem+json", headers=list(headers))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _error_headers(error: HTTPException) -> list[tuple[str, str]]:
    """The headers an error carries besides its body: `Allow` on a 405, `Retry-After` on a 429 of the limiter…"""
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    if isinstance(error, RateLimitExceeded) and limiter.current_limit is not None:
        headers.append(("Retry-After", str(max(1, math.ceil(limiter.current_limit.reset_at - time.time())))))
    return headers


def _register_error_pages(app: Flask) -> None:
    def page(status: int, title, message, headers=()):
        db.session.rollback()
        if has_request_context() and request.path.startswith(API_PREFIX):
            return problem(status, str(message), headers=headers)
        body = render_template("errors/error.html", status=status, title=title, message=message)
        return body, status, list(headers)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        titles = {
            400: _l("The request could not be understood"),
            403: _l("You may not do this"),
            404: _l("Page not found"),
            405: _l("This action is not possible here"),
            409: _l("Someone else changed this at the same time"),
            410: _l("This link is no longer valid"),
            413: _l("The file is too large"),
            429: _l("Too many attempts"),
        }
        messages = {
            403: _l("This action is not possible for you here, or no longer at this stage: reload the page to see "
                    "where the file stands."),
            404: _l("The page does not exist, or you do not have access to it."),
            429: _l("For your security, wait a few minutes before trying again."),
        }
        status = error.code or 500
        headers = _error_headers(error)
        if request.path.startswith(API_PREFIX):
            db.session.rollback()
            return problem(status, error.description if status < 500 else None, getattr(error, "problem", None),
                           headers)
        if status >= 500:
            return page(status, _l("Something went wrong"), _l("Try again in a moment."), headers)
        if status == 403 and g.get("organisation") is not None:
            # On an organisation's page, the real cause when it is the organisation's standing or the user's role.
            refusal = roles.write_refusal(current_user, g.organisation)
            if refusal is not None:
                return page(status, titles[403], roles.refusal_text(refusal, g.organisation), headers)
        return page(status, titles.get(status, _l("The request could not be handled")),
                    messages.get(status, _l("Go back and try again.")), headers)

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return page(400, _l("The form has expired"), _l("Go back, reload the page and submit the form again."))

    @app.errorhandler(InvalidTransition)
    def _invalid_transition(error):
        return page(409, _l("Someone else changed this at the same time"),
                    _l("The dossier has moved on since you opened it. Reload the page to see where it stands."))

    @app.errorhandler(StaleDataError)
    @app.errorhandler(OperationalError)
    @app.errorhandler(IntegrityError)
    @app.errorhandler(DBAPIError)
    def _database_error(error):
        if is_conflict(error):
            return page(409, _l("Someone else changed this at the same time"),
                        _l("Your change was not saved because another change happened at the same moment. "
                           "Reload the page and try again."))
        log.exception("database error")
        return page(503, _l("The service is temporarily unavailable"), _l("Try again in a moment."))

    @app.errorhandler(Exception)
    def _unexpected(error):
        log.exception("unexpected error")
        return page(500, _l("Something went wrong"), _l("Try again in a moment."))


def _register_commands(app: Flask) -> None:
    cli.register(app)
