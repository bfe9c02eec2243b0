"""The processes of the portal as production runs them, for scripts/production and scripts/load: a database of
their own, gunicorn, the RQ workers and their cron, nginx with the project's configuration (scripts/nginx.conf),
and a person signing in through /login. Debian's packages (wrk, nginx) are installed when missing and allowed."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
USER_AGENT = "entretemps-stack"
ADMIN_URL = os.environ.get("LOAD_POSTGRES") or (
    f"postgresql://{os.environ.get('PGUSER', 'postgres')}@{os.environ.get('PGHOST', '127.0.0.1')}:"
    f"{os.environ.get('PGPORT', '5432')}/postgres")


def need(command: str, package: str) -> str:
    """A Debian package the scripts drive: installed when missing and allowed (root), else named. Its path."""
    found = shutil.which(command) or shutil.which(command, path="/usr/sbin:/usr/bin")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {package} (Debian)")
        quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]
        if subprocess.run(install, env=quiet, check=False, stdout=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=quiet, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(install, env=quiet, check=True, stdout=subprocess.DEVNULL)
        found = shutil.which(command) or shutil.which(command, path="/usr/sbin:/usr/bin")
        if found:
            return found
    sys.exit(f"{Path(sys.argv[0]).name} needs {command}: install Debian's {package} (sudo apt-get install {package}).")


@contextmanager
def own_database(prefix: str):
    """A PostgreSQL database of this run, made empty and dropped at the end whatever happens. Yields its URL."""
    import psycopg

    name = f"{prefix}_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if process.poll() is not None:
                sys.exit(f"{what} stopped at its start (exit {process.returncode})")
            time.sleep(0.2)
    sys.exit(f"{what} did not answer on port {port} within {seconds:.0f} s")


class Stack:
    """Processes started side by side, stopped together (each in its own process group)."""

    def __init__(self, env: dict, log: Path | None = None):
        self.env = env
        self.log = log            # where the processes write, instead of this terminal
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], **kwargs) -> subprocess.Popen:
        if self.log is not None:
            with self.log.open("a") as log:
                process = subprocess.Popen(command, env=kwargs.pop("env", self.env), cwd=kwargs.pop("cwd", ROOT),
                                           start_new_session=True, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        else:
            process = subprocess.Popen(command, env=kwargs.pop("env", self.env), cwd=kwargs.pop("cwd", ROOT),
                                       start_new_session=True, **kwargs)
        self.processes.append((name, process))
        return process

    def flask(self, *args: str, quiet: bool = False) -> None:
        """A `flask` command of the portal, run to its end."""
        done = subprocess.run([str(VENV_BIN / "flask"), "--app", "wsgi", *args], env=self.env, cwd=ROOT,
                              capture_output=quiet, text=True)
        if done.returncode:
            sys.exit(f"flask {' '.join(args)} failed (exit {done.returncode}){done.stderr or ''}")

    def web(self, port: int, workers: int, app: str = "wsgi:app", chdir: Path = ROOT, env: dict | None = None) -> str:
        """gunicorn serving `app` on 127.0.0.1:port with `workers` sync workers, no access log. Its address."""
        process = self.start(f"gunicorn {app} :{port}", [
            sys.executable, "-m", "gunicorn", "--chdir", str(chdir), "--workers", str(workers),
            "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--graceful-timeout", "10", "--log-level", "warning",
            app], env=env or self.env)
        wait_for_port(port, process, f"gunicorn {app}")
        return f"http://127.0.0.1:{port}"

    def worker(self, number: int) -> subprocess.Popen:
        """An RQ worker with its scheduler (`flask worker`)."""
        return self.start(f"worker {number}", [str(VENV_BIN / "flask"), "--app", "wsgi", "worker"])

    def cron(self) -> subprocess.Popen:
        """The cron that enqueues the periodic sweeps (`flask cron`): one per deployment."""
        return self.start("cron", [str(VENV_BIN / "flask"), "--app", "wsgi", "cron"])

    def nginx(self, port: int, upstreams: list[str], folder: Path) -> str:
        """nginx with the project's configuration in front of the web processes: static files from the checkout,
        the proxy headers, the cache of public pages in `folder`. Its address."""
        binary = need("nginx", "nginx")
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)
        config = folder / "nginx.conf"
        config.write_text(nginx_config(port, upstreams, folder))
        process = self.start("nginx", [binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log"),
                                       "-g", "daemon off;"])
        wait_for_port(port, process, "nginx")
        return f"http://127.0.0.1:{port}"

    def running(self) -> list[str]:
        return [name for name, process in self.processes if process.poll() is None]

    def stopped(self) -> list[tuple[str, int]]:
        return [(name, process.returncode) for name, process in self.processes if process.poll() is not None]

    def stop(self) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for _, process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def nginx_config(port: int, upstreams: list[str], folder: Path) -> str:
    """scripts/nginx.conf with this run's port, web processes, static folder and cache folder."""
    template = (ROOT / "scripts" / "nginx.conf").read_text()
    values = {"listen": f"127.0.0.1:{port}", "static": str(ROOT / "portal" / "ui" / "static"),
              "cache": str(folder / "cache"), "temp": str(folder / "temp"), "pid": str(folder / "nginx.pid"),
              "upstreams": "\n".join(f"    server {address};" for address in upstreams),
              "mime_types": "/etc/nginx/mime.types"}
    (folder / "temp").mkdir(parents=True, exist_ok=True)
    return re.sub(r"@(\w+)@", lambda match: values[match.group(1)], template)


@contextmanager
def temporary_folder(prefix: str):
    """A folder of this run, removed at its end; open to nginx's workers, which run as another user when nginx is
    started as root."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        Path(folder).chmod(0o755)
        yield folder


# Signing in as a person does ------------------------------------------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url: str, *, data: dict | None = None, cookie: str | None = None, headers: dict | None = None):
    """(status, headers, body) of one request, redirects left unfollowed."""
    opener = urllib.request.build_opener(_NoRedirect)
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    if cookie:
        sent["Cookie"] = cookie
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=body, headers=sent), timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, answer.read().decode(errors="replace")


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def login_form(base: str) -> tuple[dict, str]:
    """The sign-in form as a browser gets it: (its cookies, its CSRF token)."""
    _, headers, page = request(f"{base}/login")
    return cookies_of(headers), csrf_token(page)


def post_login(base: str, form: tuple[dict, str], email: str, password: str) -> tuple[int, dict]:
    """Sends the form: (status, the cookies after it)."""
    cookies, token = form
    status, headers, _ = request(f"{base}/login", data={"csrf_token": token, "email": email, "password": password},
                                 cookie=cookie_header(cookies), headers={"Referer": f"{base}/login"})
    return status, {**cookies, **cookies_of(headers)}


def sign_in(base: str, email: str, password: str) -> tuple[int, str]:
    """Signs in through /login as a person does (the form and its CSRF token), and types the code of the second
    factor when it is asked (the demo's and the tests' accounts: portal.demo.second_factor). (status, Cookie
    header)."""
    cookies, token = login_form(base)
    status, headers, _ = request(f"{base}/login", data={"csrf_token": token, "email": email, "password": password},
                                 cookie=cookie_header(cookies), headers={"Referer": f"{base}/login"})
    cookies = {**cookies, **cookies_of(headers)}
    if status == 303 and headers.get("Location", "").endswith("/login/code"):
        status, cookies = _second_factor(base, cookies, email)
    if status != 303:
        sys.exit(f"signing in as {email} answered {status}")
    return status, cookie_header(cookies)


def _second_factor(base: str, cookies: dict, email: str) -> tuple[int, dict]:
    """The code of now of the account's demo secret, or the next step's when now's was used."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import pyotp

    from portal.demo.second_factor import demo_secret  # the secret the demo and the tests give an account

    status = 0
    for offset in (0, 30):
        _, headers, page = request(f"{base}/login/code", cookie=cookie_header(cookies))
        cookies = {**cookies, **cookies_of(headers)}
        code = pyotp.TOTP(demo_secret(email)).at(time.time() + offset)
        status, headers, _ = request(f"{base}/login/code", data={"csrf_token": csrf_token(page), "code": code},
                                     cookie=cookie_header(cookies), headers={"Referer": f"{base}/login/code"})
        cookies = {**cookies, **cookies_of(headers)}
        if status == 303:
            break
    return status, cookies


def cookies_of(headers) -> dict:
    """The name and value of each Set-Cookie (a Secure cookie too: the scripts send it over plain HTTP)."""
    return dict(line.split(";", 1)[0].split("=", 1) for line in (headers.get_all("Set-Cookie") or []))


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
