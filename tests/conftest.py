"""Shared fixtures: the seeds' demo world loaded once, people by persona, and a real browser.

Tests run inside a transaction on top of the demo world, so they read like a user's day:
the CDD coordinator, an OPDC desk officer, the MOI reviewer, the public.
Never use `transactional_db` or `live_server` here: they would wipe the demo world for the
tests after them; browser tests use `app_server`, a separate server process.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import translation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright keeps an event loop in this thread

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "govkpi-demo"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

#: persona → demo username (see govkpi/demo/people.py)
PERSONAS = {
    "opdc_admin": "opdc.admin",
    "opdc_desk": "opdc.desk1",
    "cdd_coordinator": "cdd.coord",
    "cdd_executive": "cdd.exec",
    "mof_coordinator": "mof.coord",
    "moi_reviewer": "moi.reviewer",
    "ccs_coordinator": "ccs.coord",
    "ccs_executive": "ccs.exec",
    "kkn_coordinator": "kkn.coord",
    "committee_secretary": "committee.secretary",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: object) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("loaddemo", verbosity=0)


@pytest.fixture(autouse=True)
def thai_by_default() -> Iterator[None]:
    """Every test starts in Thai: a request in English (LocaleMiddleware) leaves English active in
    the thread after it, and the next test's labels and messages would read in English."""
    translation.activate("th")
    yield
    translation.activate("th")


@pytest.fixture
def user_of(db: None) -> Callable[[str], object]:
    def get(persona: str) -> object:
        return get_user_model().objects.get(username=PERSONAS.get(persona, persona))

    return get


@pytest.fixture
def client_as(db: None, user_of: Callable[[str], object]) -> Callable[[str], Client]:
    """A logged-in test client for a persona (or a username)."""

    def make(persona: str) -> Client:
        client = Client()
        client.force_login(user_of(persona), backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """govkpi as a user runs it: a fresh SQLite database with the demo, served by a real process."""
    yield from _serve(tmp_path_factory.mktemp("app-var"))


@pytest.fixture(scope="session")
def serve_app() -> Callable[[Path], contextlib.AbstractContextManager[str]]:
    """A server of one's own (`with serve_app(dir) as url`), for a browser test module that changes
    what the shared one shows (publishing a year), overriding `app_server` for its tests."""
    return contextlib.contextmanager(_serve)


def _serve(var: Path) -> Iterator[str]:
    env = {
        **os.environ,
        "GOVKPI_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'govkpi.sqlite3'}",
        "DEBUG": "1",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "AXES_ENABLED": "0",
    }
    govkpi = [sys.executable, "-m", "govkpi.manage"]
    subprocess.run([*govkpi, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*govkpi, "loaddemo", "-v0"], env=env, check=True, cwd=ROOT)
    port = _free_port()
    proc = subprocess.Popen(
        [*govkpi, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(var / "server.log", "w"),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{port}"
    # A busy machine can take a while to start the server: wait up to a minute, and say so if it died.
    for _ in range(600):
        if proc.poll() is not None:
            pytest.fail(f"the app server exited: see {var / 'server.log'}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    APP_ENVS[url] = env
    yield url
    proc.terminate()
    proc.wait(timeout=10)


#: Each app server's environment (its database) by URL: a browser test prepares data with a script run in it.
APP_ENVS: dict[str, dict[str, str]] = {}


@pytest.fixture
def run_in_app(app_server: str) -> Callable[[str], str]:
    """Run a Python script (Django set up) against the browser's server database; its output."""

    def run(script: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + script],
            env={**APP_ENVS[app_server], "DJANGO_SETTINGS_MODULE": "govkpi.settings"},
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    return run


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("GOVKPI_REQUIRE_BROWSER"):
            pytest.fail("chromium is required here (GOVKPI_REQUIRE_BROWSER) but is not installed")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API swaps this thread's contextvars context, and Django keeps its connections
    # per context (asgiref's Local): one opened before the browser would be out of reach of Django's
    # close at the end of the session and keep PostgreSQL from dropping the test database.
    connections.close_all()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def page_as(browser: object, app_server: str) -> Iterator[Callable[[str | None], object]]:
    """A browser page, logged in through the login form as a persona (None: the public)."""
    contexts: list[object] = []

    def make(persona: str | None) -> object:
        context = browser.new_context(locale="th-TH")  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        if persona:
            page.goto(f"{app_server}/login/")
            page.fill("#id_username", PERSONAS.get(persona, persona))
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{app_server}/")
        return page

    yield make
    for context in contexts:
        context.close()  # type: ignore[attr-defined]
