"""The pytest plugin of the suite (declared in tests/conftest.py): one app per session, a fresh database per test.

SQLite (default): the schema is built once into a template file, restored into the live database before each test.
PostgreSQL (DATABASE_URL): the schema is built once, and every table is emptied before each test.
With REDIS_URL, jobs really go through RQ: `jobs.run()` drains the queue with a burst worker.

Nothing here is autouse: tests/web, tests/browser and tests/pg make `fresh_database` and `fresh_rate_limits`
autouse in their own conftest.py, and tests/unit, whose tests need no app, refuses the `app` fixture.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import create_engine, text

from portal.extensions import db, limiter
from tests.support.environment import DATABASE_URL, ON_POSTGRES, REDIS_URL
from tests.support.web import Client, Jobs


class SqliteFiles(NamedTuple):
    template: Path  # the schema, built once per session
    live: Path      # the database the app uses, copied from the template before each test


@pytest.fixture(scope="session")
def sqlite_files(tmp_path_factory) -> SqliteFiles:
    """The session's SQLite files: the template (the bare schema) and the live copy the app reads and writes.
    Their folder also holds the uploads. Unused on PostgreSQL."""
    base = tmp_path_factory.mktemp("db")
    return SqliteFiles(template=base / "template.db", live=base / "test.db")


@pytest.fixture(scope="session")
def postgres_url():
    """The PostgreSQL database of this process of the suite, or None on SQLite. `make test` runs the suite in
    several processes (pytest-xdist): each gets a database of its own beside DATABASE_URL's, made empty here and
    dropped at the end; a single process uses DATABASE_URL's own."""
    if not ON_POSTGRES:
        yield None
        return
    url = "postgresql+psycopg://" + DATABASE_URL.split("://", 1)[1]        # psycopg 3, as portal.config reads it
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        yield url
        return
    server, _, name = url.rpartition("/")
    own = f"{name.split('?')[0]}_{worker}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{own}"'))
    yield f"{server}/{own}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def app(sqlite_files, postgres_url):
    """The portal's Flask app for the whole session, configured for testing, with its schema built."""
    from portal.app import create_app

    overrides = {
        "PORTAL_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "RQ_QUEUE": f"entretemps-test-{uuid.uuid4().hex[:8]}",
        "BASE_URL": "http://portal.test",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        "UPLOAD_FOLDER": str(sqlite_files.template.parent / "uploads"),
    }
    if REDIS_URL:  # limiter.reset() between tests must not wipe the counters of another run on the same Redis
        overrides["RATELIMIT_STORAGE_OPTIONS"] = {"key_prefix": f"LIMITS-test-{uuid.uuid4().hex[:8]}"}
    overrides["SQLALCHEMY_DATABASE_URI"] = postgres_url or f"sqlite:///{sqlite_files.live}"
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
            shutil.copy(sqlite_files.live, sqlite_files.template)
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


def _reset_database(app, files: SqliteFiles):
    with app.app_context():
        if app.config.get("REDIS_URL"):
            _empty_queues(app)
        db.session.remove()
        if ON_POSTGRES:
            # DELETE of the few rows a test wrote, with the foreign keys' triggers off, then every sequence back to
            # 1: about 20 times cheaper than TRUNCATE, which gives each of the ~60 tables new files on every test.
            # One round trip: psycopg sends statements without parameters as one batch.
            deletes = "; ".join(f'DELETE FROM "{table.name}"' for table in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.exec_driver_sql(
                    f"SET LOCAL session_replication_role = replica; {deletes}; SELECT setval(c.oid, 1, false)"
                    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE c.relkind = 'S' AND n.nspname = current_schema()")
        else:
            # SQLite's own backup, not a copy of the file: a connection still open on the live database (a request
            # of the browser tier finishing its teardown) sees the new content instead of a file replaced, or a
            # write-ahead log unlinked, under it, which it reported as "disk I/O error".
            db.engine.dispose()
            with closing(sqlite3.connect(files.template)) as template, closing(sqlite3.connect(files.live)) as live:
                template.backup(live)


@pytest.fixture
def fresh_database(app, sqlite_files):
    """An empty database (the bare schema) and empty job queues at the start of the test; autouse in the tiers
    that use the app (their conftest.py)."""
    _reset_database(app, sqlite_files)


@pytest.fixture
def fresh_rate_limits(app):
    """The rate limiter's counters, cleared after the test; autouse with `fresh_database`."""
    yield
    try:
        limiter.reset()
    except Exception:  # noqa: BLE001 - some storages cannot reset; the limits are off in tests anyway
        pass


@pytest.fixture
def reset_database(app, sqlite_files):
    """A function that puts the database back as it was at the start of the test (the access matrix uses it)."""
    return lambda: _reset_database(app, sqlite_files)


@pytest.fixture
def app_context(app):
    """The test runs inside a request context of the app; its session is rolled back afterwards."""
    with app.test_request_context():
        yield
        db.session.rollback()


class WorldIds(dict):
    """Ids of the standard cast: world.owner_admin (or world["owner_admin"]) is an id, reload inside an app
    context."""

    __getattr__ = dict.__getitem__


@pytest.fixture
def world(app) -> WorldIds:
    """The standard cast, written to the database (tests.support.factories.make_world), given by id.

    Organisations: `guichet` (the Guichet), `owner` (owner-a, "Commune A") and `other_owner` (owner-b), two public
    owners; `occupant` (occupant-a, "Asbl A") and `other_occupant` (occupant-b), two approved occupants; `pending`
    (pending-c), an occupant's registration waiting for the Guichet.
    Users, named by their role (emails such as owner.admin@example.org or other.owner@example.org, see make_world;
    the password is tests.support.factories.PASSWORD): `guichet_admin`, `guichet_moderator`; owner-a's `owner_admin`,
    `owner_editor`, `owner_evaluator`; occupant-a's `occupant_admin` and `occupant_editor` (who reads Dutch);
    `other_owner_admin` (owner-b), `other_occupant_admin` (occupant-b), and `pending_admin` (pending-c, Dutch).
    Everyone else reads English. The Guichet's staff and the approved organisations' admins have a second factor
    (tests.support.factories.code_of, Client.code).
    """
    from tests.support.factories import make_world

    with app.test_request_context():
        cast = make_world()
        ids = {name: row.id for name, row in vars(cast).items()}
        db.session.remove()
    return WorldIds(ids)


@pytest.fixture
def jobs(app) -> Jobs:
    """The app's background jobs: `jobs.run()` runs what is due (inline, or through RQ with REDIS_URL)."""
    return Jobs(app)


@pytest.fixture
def client(app) -> Client:
    """A test client, signed out: `client.login(world.owner_admin)` signs in; posts carry the CSRF token."""
    return Client(app)


@pytest.fixture
def make_client(app):
    """Makes one more test client per call: one per person, when several people act in one test."""
    return lambda: Client(app)
