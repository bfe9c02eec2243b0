"""The browser tier: the session's app served on a real port, driven by Debian's Chromium through Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium. One server and one Chromium serve the
whole session; each test gets its own browser context (cookies, storage), and the database the live server reads
is emptied before every test (`fresh_database`, autouse below). What the journeys share besides these fixtures is
in tests/support/browser.py.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.support.browser import ARTIFACTS, type_code

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
CONTEXT_OPTIONS = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-BE"}
TIMEOUT_MS = 10_000  # a page of this portal answers in well under a second; fail fast rather than hang


class _InFlight:
    """The requests the live server is still answering, so that the database is never replaced under one.

    A browser context closed at the end of a test may leave a request running in a server thread; on SQLite the
    next test's `fresh_database` replaces the database file, and a connection still open on it fails with "disk
    I/O error". A request counts until its body has been given in full, or closed: werkzeug does not always close
    it (when the client hung up, reading what is left of the request raises before the close), so reaching the end
    of the body counts as done too.
    """

    def __init__(self):
        self.requests: dict[object, str] = {}
        self.condition = threading.Condition()

    def wrap(self, app):
        def counted(environ, start_response):
            token = object()
            with self.condition:
                self.requests[token] = f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')}"
            try:
                body = app(environ, start_response)
            except BaseException:
                self._done(token)
                raise
            return _CountedBody(body, lambda: self._done(token))

        return counted

    def _done(self, token):
        with self.condition:
            self.requests.pop(token, None)
            self.condition.notify_all()

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        with self.condition:
            if not self.condition.wait_for(lambda: not self.requests, timeout=timeout):
                raise RuntimeError(f"the live server still answers {list(self.requests.values())} after {timeout} s")


class _CountedBody:
    """A response's body that calls `done` once it has been given in full, has failed or has been closed."""

    def __init__(self, body, done):
        self.body, self.done = body, done

    def __iter__(self):
        try:
            yield from self.body
        finally:
            self.done()

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.done()


IN_FLIGHT = _InFlight()


@pytest.fixture
def idle_live_server():
    """Waits until the live server answers no request (one left running by the previous test's browser)."""
    IN_FLIGHT.wait_until_idle()


@pytest.fixture(autouse=True)
def _fresh_database_and_rate_limits(idle_live_server, fresh_database, fresh_rate_limits):
    """Every test of the tier starts on the bare schema, once the live server is idle, and leaves no rate-limit
    counter behind."""


class _QuietRequestHandler(WSGIRequestHandler):
    """Log only the requests that failed on the server, so that a failing test's output stays readable."""

    def log_request(self, code="-", size="-"):
        if str(code).isdigit() and int(code) >= 500:
            super().log_request(code, size)


@pytest.fixture(scope="session")
def live_server(app):
    """The base URL of the session app, served by werkzeug on 127.0.0.1 and a free port."""
    server = make_server("127.0.0.1", 0, IN_FLIGHT.wrap(app), threaded=True, request_handler=_QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"the browser tests need Debian's chromium at {CHROMIUM} (make chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so that fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _test_failed(request) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


def _artifact_name(request) -> str:
    return re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")


@pytest.fixture
def new_context(browser, live_server, request):
    """Open a browser context (a fresh visitor); every one opened is closed after the test.

    On failure, the last page of each context is saved as test-artifacts/failures/<test>-<n>.png.
    """
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server, **{**CONTEXT_OPTIONS, **options})
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    failed = _test_failed(request)
    for n, context in enumerate(contexts, start=1):
        if failed and context.pages:
            target = ARTIFACTS / "failures" / f"{_artifact_name(request)}-{n}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                context.pages[-1].screenshot(path=str(target), full_page=True)
            except Exception:  # noqa: BLE001 - a failure screenshot must never hide the real failure
                pass
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a new context: 1280x900, French (Belgium)."""
    return new_context().new_page()


@pytest.fixture
def screenshot():
    """screenshot(page, "journey/01-registered") saves a full-page PNG under test-artifacts/ for a person to see."""

    def take(page, name: str) -> Path:
        target = ARTIFACTS / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        return target

    return take


@pytest.fixture
def sign_in(app):
    """sign_in(page, email): through /login, as a person would, with the code of the second factor when it is asked
    (tests.support.factories.code_of: the demo's way, which `flask demo load` prints); returns once the sign-in has
    landed."""
    from tests.support.factories import PASSWORD

    def do(page, email: str, password: str = PASSWORD, *, lang: str | None = None):
        response = page.goto("/login" + (f"?lang={lang}" if lang else ""))
        assert response is not None and response.ok, f"/login answered {response and response.status}"
        page.fill("#email", email)
        page.fill("#password", password)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if page.url.split("?")[0].endswith("/login/code"):
            type_code(app, page, email)
        assert "/login" not in page.url, f"the sign-in of {email} failed: still on {page.url}"
        return page

    return do


@pytest.fixture
def sign_out():
    """sign_out(page): through the account menu in the header and its Sign out button."""

    def do(page):
        page.locator("#account-menu").click()
        with page.expect_navigation():
            page.locator("header form[action='/logout'] button[type=submit]").click()
        assert page.locator("#account-menu").count() == 0, "still signed in after signing out"
        return page

    return do
