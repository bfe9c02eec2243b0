"""What the web tests drive and read: the signed-in test client, the job runner, the emails sent, the errors shown
beside fields, row counts and the number of SQL queries a page sends."""
from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager

from sqlalchemy import event, select

from portal.extensions import db

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

    def sign_in(self, email: str, password: str | None = None, *, query: str = ""):
        """Through /login as a person would, with the code of the second factor when it is asked; the last answer."""
        from portal.accounts.queries import find_user_by_email
        from tests.support.factories import PASSWORD, code_of

        response = self.post("/login" + query, {"email": email, "password": password or PASSWORD})
        if response.status_code == 303 and response.headers["Location"].endswith("/login/code"):
            with self.app.app_context():
                code = code_of(find_user_by_email(email).id)
            response = self.post("/login/code", {"code": code})
        return response

    def code(self) -> str:
        """A code of the signed-in user's second factor that its next use accepts (to sign an agreement)."""
        from tests.support.factories import code_of

        with self.app.app_context():
            return code_of(self.user_id)

    def csrf(self) -> str:
        """The session's CSRF token, as every page carries it for htmx but those any visitor may share
        (portal.ui.caching): the sign-in page's, or the account's once signed in."""
        page = self.http.get("/login").get_data(as_text=True)
        match = CSRF_RE.search(page) or CSRF_RE.search(self.http.get("/account").get_data(as_text=True))
        assert match, "no CSRF token on the sign-in page nor on the account's"
        return match.group(1) or match.group(2)

    # Test users read English (the messages' source text) unless a test says otherwise.
    HEADERS = {"Accept-Language": "en"}

    def get(self, url, **kwargs):
        kwargs["headers"] = {**self.HEADERS, **kwargs.get("headers", {})}
        # A streamed page (the open-data files) is read to its end and closed, as a browser does, unless the test
        # asks for the stream itself (buffered=False).
        kwargs.setdefault("buffered", True)
        return self.http.get(url, **kwargs)

    def post(self, url, data=None, *, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf())
        kwargs["headers"] = {**self.HEADERS, **kwargs.get("headers", {})}
        return self.http.post(url, data=data, **kwargs)


class Jobs:
    """The background jobs of the app: `run()` runs what is due, inline or through RQ (with REDIS_URL)."""

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

    def run_due(self, *sweeps) -> None:
        """Run what is due at the test's frozen moment. RQ's scheduler keeps its own clock: on Redis the sweeps
        given (each job's safety net) run too, then what they queued."""
        self.run()
        if self.app.config.get("REDIS_URL"):
            from portal.extensions import db

            with self.app.test_request_context():
                for sweep in sweeps:
                    sweep()
                db.session.commit()
            self.run()


def field_error(html: str, field_id: str) -> str:
    """The error message shown beside a field (tied to it by aria-describedby)."""
    match = re.search(rf'id="{field_id}-error">(.*?)</div>', html, re.S)
    assert match, f"no error beside #{field_id}"
    assert re.search(rf'id="{field_id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field_id}"', html), \
        f"#{field_id} is not marked invalid"
    return match.group(1).strip()


def history_entries(html: str) -> list[str]:
    """Each entry of a page's history (partials/_history.html) as it reads: "label · who (organisation)", newest
    first."""
    section = html[html.index('id="history-title"'):]
    entries = re.findall(r"<strong>(.*?)</strong>.*?</time>\s*·\s*(.*?)\s*</div>", section, re.S)
    return [f"{label} · {' '.join(who.split())}" for label, who in entries]


def outbox(app, to: str | None = None):
    """The emails written to the outbox (to one address, or all), oldest first: (to, language, subject, body)."""
    from portal.notifications.models import OutboxMail

    with app.app_context():
        query = select(OutboxMail).order_by(OutboxMail.id)
        if to:
            query = query.where(OutboxMail.to == to)
        mails = db.session.scalars(query).all()
        return [(m.to, m.language, m.subject, m.body) for m in mails]


def link_in(body: str, prefix: str) -> str:
    """The path of the first link to `prefix` in an email's body."""
    match = re.search(rf"https?://[^/\s]+({re.escape(prefix)}[^\s]+)", body)
    assert match, f"no link to {prefix} in the email"
    return match.group(1)


def count(app, model, **filters) -> int:
    """How many rows of `model` match the filters."""
    with app.app_context():
        return len(db.session.scalars(select(model).filter_by(**filters)).all())


@contextmanager
def count_queries(app):
    """Counts the SQL statements sent while the block runs."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


@contextmanager
def count_loaded():
    """Counts the rows the ORM turns into objects while the block runs (every model, through its `load` event)."""
    loaded = Counter()

    def load(target, context):
        loaded[type(target).__name__] += 1

    event.listen(db.Model, "load", load, propagate=True)
    try:
        yield loaded
    finally:
        event.remove(db.Model, "load", load)


def assert_constant_queries(app, client, url, grow_by, sizes=(3, 30), most=12, *, loads=False):
    """The page answers with the same number of queries before and after the data grows twice; with `loads`, it
    also turns the same number of rows into objects (a dashboard reads counts and the few rows it shows)."""
    client.get(url)  # warm caches (translations, templates)

    def measure():
        with count_queries(app) as statements, count_loaded() as loaded:
            response = client.get(url)
        assert response.status_code == 200
        return len(statements), (dict(loaded) if loads else None)

    counts = [measure()]
    for size in sizes:
        grow_by(size)
        counts.append(measure())
    assert len({n for n, _ in counts}) == 1, f"{url}: {[n for n, _ in counts]} queries as the data grows"
    assert all(objects == counts[0][1] for _, objects in counts), f"{url}: objects loaded {[o for _, o in counts]}"
    assert counts[0][0] <= most, f"{url}: {counts[0][0]} queries"
