"""create_app(): configuration, extensions, blueprints, error pages, command line."""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask, g, has_request_context, render_template, request, session
from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from portal import config as settings
from portal import region, roles
from portal.database import MAX_ID, configure_engine, is_conflict, write_intent
from portal.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate
from portal.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, localized, select_locale
from portal.workflow import InvalidTransition

ROOT = Path(__file__).resolve().parent.parent
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger(__name__)


def _import_models() -> None:
    """Every model, so that the metadata (and Alembic) knows every table."""
    import calls.applications.models  # noqa: F401
    import calls.evaluation.models  # noqa: F401
    import calls.models  # noqa: F401
    import occupancies.agreements.models  # noqa: F401
    import occupancies.models  # noqa: F401
    import occupancies.reports.models  # noqa: F401
    import occupancies.sharing.models  # noqa: F401
    import portal.accounts.models  # noqa: F401
    import portal.audit.models  # noqa: F401
    import portal.jobs.models  # noqa: F401
    import portal.notifications.models  # noqa: F401
    import portal.organisations.models  # noqa: F401


def _register_catalogues() -> None:
    """Each feature's notification kinds and audit labels."""
    import calls.applications.notifications  # noqa: F401
    import calls.evaluation.notifications  # noqa: F401
    import calls.notifications  # noqa: F401
    import occupancies.agreements.notifications  # noqa: F401
    import occupancies.notifications  # noqa: F401
    import occupancies.reports.notifications  # noqa: F401
    import occupancies.sharing.notifications  # noqa: F401
    import portal.accounts.notifications  # noqa: F401
    import portal.organisations.notifications  # noqa: F401


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask("portal", instance_path=str(ROOT / "instance"), root_path=str(ROOT / "portal"))
    app.config.update(settings.load(Path(app.instance_path), overrides))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "portal" / "translations")

    _import_models()
    _register_catalogues()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    with app.app_context():
        configure_engine(db.engine)

    _setup_login()
    app.url_map.converters["int"] = IdConverter
    _register_blueprints(app)
    _register_request_hooks(app)
    _register_template_helpers(app)
    _register_error_pages(app)
    _register_commands(app)
    return app


class IdConverter(IntegerConverter):
    """<int:…> in every route: at most what an INTEGER column holds, so that /sites/99999999999999999999 is not
    found rather than an overflow in the database (a 500 on SQLite, an error on PostgreSQL)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _setup_login() -> None:
    from portal.accounts.models import User

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
        user = db.session.get(User, user_id)
        # A raised version (sign-out, password change, disabling) ends this session on the server.
        if user is None or not user.active or user.session_version != version:
            return None
        return user


def _register_blueprints(app: Flask) -> None:
    from calls.applications.views import BLUEPRINTS as application_blueprints
    from calls.evaluation.views import BLUEPRINTS as evaluation_blueprints
    from calls.views import BLUEPRINTS as call_blueprints
    from occupancies.agreements.views import BLUEPRINTS as agreement_blueprints
    from occupancies.reports.views import BLUEPRINTS as report_blueprints
    from occupancies.sharing.views import BLUEPRINTS as sharing_blueprints
    from occupancies.views import BLUEPRINTS as occupancy_blueprints
    from portal.accounts.views import bp as accounts
    from portal.accounts.views import guichet_users
    from portal.notifications.views import bp as notifications
    from portal.notifications.views import outbox_bp
    from portal.organisations.views import bp as organisations
    from portal.organisations.views import guichet
    from portal.organisations.views import public as registration
    from portal.ui.views import bp as public

    for blueprint in (public, accounts, registration, organisations, guichet, guichet_users, notifications,
                      outbox_bp, *occupancy_blueprints, *call_blueprints, *application_blueprints,
                      *evaluation_blueprints, *agreement_blueprints, *report_blueprints, *sharing_blueprints):
        app.register_blueprint(blueprint)
    app.static_folder = str(ROOT / "portal" / "ui" / "static")
    app.template_folder = str(ROOT / "portal" / "ui" / "templates")


def _register_request_hooks(app: Flask) -> None:
    @app.url_value_preprocessor
    def _start_request(endpoint, values):
        # Runs before anything reads the database: a request that may write takes the write lock up front.
        write_intent.set(request.method not in SAFE_METHODS or "lang" in request.args)
        asked = request.args.get("lang")
        if asked in LANGUAGES:
            session["lang"] = asked
            if current_user.is_authenticated and current_user.language != asked:
                from portal.accounts.operations import set_language

                set_language(current_user, asked)
                db.session.commit()

    tile = urlsplit(app.config["MAP_TILE_URL"].replace("{s}", "a"))
    tile_origin = f"{tile.scheme}://{tile.netloc}" if tile.netloc else ""

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
            f"default-src 'self'; img-src 'self' data: {tile_origin}; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
        )
        if request.method == "GET" and current_user.is_authenticated:
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


def _register_template_helpers(app: Flask) -> None:
    from calls import permissions as call_permissions
    from calls import workflow as call_workflow
    from calls.applications import permissions as application_permissions
    from calls.applications import workflow as application_workflow
    from calls.evaluation import permissions as evaluation_permissions
    from occupancies import permissions as site_permissions
    from occupancies import workflow as site_workflow
    from occupancies.agreements import permissions as agreement_permissions
    from occupancies.agreements import workflow as agreement_workflow
    from occupancies.reports import permissions as report_permissions
    from occupancies.reports import workflow as report_workflow
    from occupancies.rules import SOCIAL_PURPOSE_USES
    from occupancies.sharing import permissions as sharing_permissions
    from occupancies.sharing import workflow as sharing_workflow
    from occupancies.sharing.views import task_line as session_task_line
    from portal.accounts import permissions as account_permissions
    from portal.audit.labels import action_label
    from portal.notifications import permissions as notification_permissions
    from portal.organisations import permissions as org_permissions
    from portal.organisations import rules as org_rules
    from portal.organisations import workflow as org_workflow
    from portal.ui.richtext import markdown_html

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(org_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(can_manage_accounts=account_permissions.can_manage_accounts,
                                 can_disable_user=account_permissions.can_disable_user,
                                 can_read_outbox=notification_permissions.can_read_outbox,
                                 is_guichet_staff=roles.is_guichet_staff, is_guichet_admin=roles.is_guichet_admin)
    app.jinja_env.globals.update(site_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(call_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(application_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(evaluation_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(agreement_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(report_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(sharing_permissions.JINJA_GLOBALS)
    app.jinja_env.globals.update(AUDIENCE_LABELS=sharing_workflow.AUDIENCE_LABELS,
                                 PLACE_LABELS=sharing_workflow.PLACE_LABELS,
                                 THEME_LABELS=sharing_workflow.THEME_LABELS,
                                 REGISTRATION_LABELS=sharing_workflow.REGISTRATION_LABELS,
                                 PHASE_LABELS=sharing_workflow.PHASE_LABELS, PHASE_BADGES=sharing_workflow.BADGES)
    app.jinja_env.filters["markdown"] = markdown_html
    app.jinja_env.globals["session_task"] = session_task_line
    app.jinja_env.globals.update(REPORT_STATUS_LABELS=report_workflow.STATUS_LABELS,
                                 REPORT_KIND_LABELS=report_workflow.KIND_LABELS)
    app.jinja_env.globals.update(AGREEMENT_STATUS_LABELS=agreement_workflow.STATUS_LABELS,
                                 CHECKLIST_LABELS=agreement_workflow.CHECKLIST_LABELS,
                                 VERSION_STATUS_LABELS=agreement_workflow.VERSION_STATUS_LABELS,
                                 END_REASON_LABELS=agreement_workflow.END_REASON_LABELS)
    app.jinja_env.globals.update(
        CALL_STATUS_LABELS=call_workflow.STATUS_LABELS, CALL_NEXT_STEP=call_workflow.NEXT_STEP,
        TIE_RULE_LABELS=call_workflow.TIE_RULE_LABELS, call_is_public=call_workflow.is_public,
        APPLICATION_STATUS_LABELS=application_workflow.STATUS_LABELS,
    )
    app.jinja_env.globals.update(
        PUBLICATION_LABELS=site_workflow.PUBLICATION_LABELS, SITE_NEXT_STEP=site_workflow.NEXT_STEP,
        SITE_KIND_LABELS=site_workflow.SITE_KIND_LABELS, UNIT_KIND_LABELS=site_workflow.UNIT_KIND_LABELS,
        USE_LABELS=site_workflow.USE_LABELS, OCCUPANT_TYPE_LABELS=site_workflow.OCCUPANT_TYPE_LABELS,
        OCCUPANCY_STATUS_LABELS=site_workflow.OCCUPANCY_STATUS_LABELS, EQUIPMENT=site_workflow.EQUIPMENT,
        SITE_STATUS_LABELS=site_workflow.SITE_STATUS_LABELS, SOCIAL_PURPOSE_USES=SOCIAL_PURPOSE_USES,
    )
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES, current_language=current_language,
        localized=localized, action_label=action_label, commune_name=region.commune_name,
        format_enterprise_number=org_rules.format_enterprise_number,
        KIND_LABELS=roles.KIND_LABELS, STATUS_LABELS=org_workflow.STATUS_LABELS,
        ROLE_LABELS=roles.ROLE_LABELS, LEGAL_FORM_LABELS=org_workflow.LEGAL_FORM_LABELS,
        NEXT_STEP=org_workflow.NEXT_STEP, ROLE_HINTS=org_workflow.ROLE_HINTS,
    )
    def lang_url(code: str) -> str:
        args = request.args.to_dict(flat=False)
        args["lang"] = [code]
        return f"{request.path}?{urlencode(args, doseq=True)}"

    app.jinja_env.globals["lang_url"] = lang_url
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
    app.jinja_env.filters["decimal"] = lambda value: format_decimal(value) if value is not None else ""
    # A score on 100 or a mean: always two decimals, as computed (calls.evaluation.rules).
    app.jinja_env.filters["score"] = lambda value: format_decimal(value, "#,##0.00") if value is not None else "—"
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""

    @app.context_processor
    def _shell():
        if not has_request_context():  # an email rendered by a worker
            return {}
        if not current_user.is_authenticated:
            return {"acting_organisation": g.get("organisation"), "unread_count": 0}
        from portal.notifications.queries import unread_count

        acting = g.get("organisation")
        if acting is None and session.get("org"):
            membership = next((m for m in current_user.memberships if m.organisation.slug == session["org"]), None)
            acting = membership.organisation if membership else None
        return {"acting_organisation": acting, "unread_count": unread_count(current_user)}


def _register_error_pages(app: Flask) -> None:
    def page(status: int, title, message):
        db.session.rollback()
        return render_template("errors/error.html", status=status, title=title, message=message), status

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
            403: _l("Your role in this organisation does not allow this action."),
            404: _l("The page does not exist, or you do not have access to it."),
            429: _l("For your security, wait a few minutes before trying again."),
        }
        status = error.code or 500
        if status >= 500:
            return page(status, _l("Something went wrong"), _l("Try again in a moment."))
        return page(status, titles.get(status, _l("The request could not be handled")),
                    messages.get(status, _l("Go back and try again.")))

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
    from portal.cli import register

    register(app)
