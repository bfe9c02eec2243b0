"""Test set-up: one app per session; a fresh database for every test.

SQLite (default): the schema is built once into a template file, copied before each test.
PostgreSQL (DATABASE_URL): the schema is built once, and every table is emptied before each test.
With REDIS_URL, jobs really go through RQ: `jobs.run()` drains the queue with a burst worker.
"""
from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from portal.app import create_app
from portal.extensions import db, limiter

DATABASE_URL = os.environ.get("DATABASE_URL")
ON_POSTGRES = bool(DATABASE_URL and DATABASE_URL.startswith(("postgres", "postgresql")))
REDIS_URL = os.environ.get("REDIS_URL")


@pytest.fixture(scope="session")
def database_files(tmp_path_factory):
    base = tmp_path_factory.mktemp("db")
    return base / "template.db", base / "test.db"


@pytest.fixture(scope="session")
def app(database_files):
    template, live = database_files
    overrides = {
        "PORTAL_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "RQ_QUEUE": f"entretemps-test-{uuid.uuid4().hex[:8]}",
        "BASE_URL": "http://portal.test",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        "UPLOAD_FOLDER": str(template.parent / "uploads"),
    }
    if REDIS_URL:  # limiter.reset() between tests must not wipe the counters of another run on the same Redis
        overrides["RATELIMIT_STORAGE_OPTIONS"] = {"key_prefix": f"LIMITS-test-{uuid.uuid4().hex[:8]}"}
    if not ON_POSTGRES:
        overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{live}"
    application = create_app(overrides)
    with application.app_context():
        if ON_POSTGRES:
            with db.engine.begin() as connection:
                connection.execute(text("CREATE EXTENSION IF NOT EXISTS btree_gist"))
            db.drop_all()
            db.create_all()
        else:
            db.create_all()
            db.session.remove()
            db.engine.dispose()
            shutil.copy(live, template)
    yield application
    if ON_POSTGRES:
        with application.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


def _empty_queues(app):
    """Jobs left by a previous test would act on ids that the next test reuses."""
    from portal.jobs.queue import rq_queue

    queue = rq_queue()
    queue.empty()
    for job_id in queue.scheduled_job_registry.get_job_ids():
        queue.scheduled_job_registry.remove(job_id, delete_job=True)


def _reset_database(app, database_files):
    template, live = database_files
    with app.app_context():
        if app.config.get("REDIS_URL"):
            _empty_queues(app)
        db.session.remove()
        if ON_POSTGRES:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        else:
            db.engine.dispose()
            for suffix in ("-wal", "-shm"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            shutil.copy(template, live)


@pytest.fixture(autouse=True)
def fresh_database(app, database_files):
    _reset_database(app, database_files)
    yield


@pytest.fixture
def reset_database(app, database_files):
    """Put the database back as it was at the start of the test (the access matrix uses it)."""
    return lambda: _reset_database(app, database_files)


@pytest.fixture
def app_context(app):
    with app.test_request_context():
        yield
        db.session.rollback()


@pytest.fixture
def world(app):
    from tests.factories import make_world

    with app.test_request_context():
        w = make_world()
        ids = {k: v.id for k, v in vars(w).items()}
        db.session.remove()
    return _Ids(ids)


class _Ids(dict):
    """Ids of the standard cast: world.owner_admin is an id, reload inside an app context."""

    __getattr__ = dict.__getitem__


class Jobs:
    def __init__(self, app):
        self.app = app

    def run(self) -> int:
        """Drain the RQ queue (REDIS_URL) and run due scheduled jobs; inline mode already ran them."""
        with self.app.app_context():
            if not self.app.config.get("REDIS_URL"):
                from portal.jobs.queue import run_due_jobs

                return run_due_jobs()
            from rq import SimpleWorker

            from portal.jobs.queue import redis_connection, rq_queue

            worker = SimpleWorker([rq_queue()], connection=redis_connection())
            worker.work(burst=True, with_scheduler=True)
            return 1


@pytest.fixture
def jobs(app):
    return Jobs(app)


@pytest.fixture(autouse=True)
def _reset_limits(app):
    yield
    try:
        limiter.reset()
    except Exception:  # noqa: BLE001 - some storages cannot reset; the limits are off in tests anyway
        pass


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


class Client:
    """The Flask test client, with sign-in as a user and forms posted with their CSRF token."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()

    def login(self, user_id: int):
        """Sign in as the user (again after the clock has moved: a session lasts 12 hours)."""
        from portal.accounts.models import User

        self.user_id = user_id
        with self.app.app_context():
            user = db.session.get(User, user_id)
            token = user.get_id()
        with self.http.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
        return self

    def csrf(self) -> str:
        """The session's CSRF token, as every page carries it for htmx."""
        page = self.http.get("/").get_data(as_text=True)
        match = CSRF_RE.search(page)
        assert match, "no CSRF token on the landing page"
        return match.group(1) or match.group(2)

    # Test users read English (the messages' source text) unless a test says otherwise.
    HEADERS = {"Accept-Language": "en"}

    def get(self, url, **kwargs):
        kwargs["headers"] = {**self.HEADERS, **kwargs.get("headers", {})}
        return self.http.get(url, **kwargs)

    def post(self, url, data=None, *, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf())
        kwargs["headers"] = {**self.HEADERS, **kwargs.get("headers", {})}
        return self.http.post(url, data=data, **kwargs)


@pytest.fixture
def client(app):
    return Client(app)


@pytest.fixture
def make_client(app):
    return lambda: Client(app)
