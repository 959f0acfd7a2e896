"""Running one row of an access matrix for one persona, and reading the answers as matrix tokens.

A token says what a persona meets: `+` allowed (2xx, or a redirect that is not to the login page),
`-` refused (403, or 404 for what it may not know exists), `L` sent to log in (a redirect to the
login page; 401 in the API). A row about an organisation's objects has two tokens per persona, for
the persona's own side and the other side (see access_world.py), e.g. `+-`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from access_world import PERSONAS, SEE_ALL, SIDES, World, marker, own_job, own_notification, side_of
from django.contrib import messages
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

#: Tables a refused request may still write: the session, the login-attempt log.
HOUSEKEEPING = ("django_session", "axes_")
WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?([a-z0-9_]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    method: str
    url: str
    expect: str
    body: dict[str, object] | None = None

    @property
    def per_side(self) -> bool:
        text = self.url + repr(self.body)
        return any(key in text for key in ("{o.", "{notification}", "{job}"))

    def tokens(self) -> dict[str, str]:
        parts = self.expect.split()
        assert len(parts) == len(PERSONAS), f"{self.url}: {len(parts)} tokens for {len(PERSONAS)} personas"
        width = 2 if self.per_side else 1
        assert all(len(p) == width for p in parts), f"{self.url}: tokens of {width} characters expected"
        return dict(zip(PERSONAS, parts, strict=True))


def token_of(status: int, location: str, *, api: bool) -> str:
    if api:
        if 200 <= status < 300:
            return "+"
        return {401: "L", 403: "-", 404: "-"}.get(status, f"<{status}>")
    if status in {301, 302, 303}:
        return "L" if location.startswith("/login/") else "+"
    if 200 <= status < 300:
        return "+"
    return {403: "-", 404: "-"}.get(status, f"<{status}>")


@contextmanager
def no_writes(label: str) -> Iterator[None]:
    """Fails if the block wrote anything but housekeeping tables: a refused request changes nothing.

    The block runs in a savepoint rolled back afterwards, so one cell never changes the next.
    """
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        yield
        transaction.set_rollback(True)
    written = {
        m.group(2)
        for q in queries.captured_queries
        if (m := WRITE.match(q["sql"])) and not m.group(2).startswith(HOUSEKEEPING)
    }
    assert not written, f"{label} was refused but wrote to {sorted(written)}"


def fill(url: str, *, world: World, persona: str, which: str, mine: dict[str, object]) -> str:
    side = side_of(world, persona, which)
    own = which == "own"
    return url.format(
        o=side,
        w=world,
        notification=mine["notification"] if own and mine else world.notification,
        job=mine["job"] if own and mine else world.job,
    )


def sent_back_with_an_error(response: HttpResponse) -> bool:
    """A form post refused by a service: the page comes back (redirect or 4xx) with an error message."""
    storage = getattr(response.wsgi_request, "_messages", None)  # type: ignore[attr-defined]
    return any(m.level >= messages.ERROR for m in getattr(storage, "_queued_messages", []))


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)
#: A script element the browser would run without a src (JSON data blocks are not run), an on* handler.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\b(?:src=|type=[\"']application/(?:ld\+)?json))[^>]*>|<[^>]+\son[a-z]+\s*=[\"']|href=[\"']javascript:",
    re.IGNORECASE,
)
REFERRER_POLICIES = {"same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin"}


def header_problems(response: HttpResponse) -> list[str]:
    """What is missing from the security headers every answer must carry."""
    problems = []
    csp = {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in response.get("Content-Security-Policy", "").split(";")
        if part.strip()
    }
    if csp.get("default-src") != "'self'":
        problems.append(f"CSP default-src is {csp.get('default-src')!r}")
    if csp.get("script-src") != "'self'":
        problems.append(f"CSP script-src is {csp.get('script-src')!r} (only our own files may run)")
    for directive, value in (("object-src", "'none'"), ("frame-ancestors", "'none'"), ("base-uri", "'self'")):
        if csp.get(directive) != value:
            problems.append(f"CSP {directive} is {csp.get(directive)!r}")
    if "http" in response.get("Content-Security-Policy", ""):
        problems.append("CSP names another site")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options is {response.get('X-Frame-Options')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"X-Content-Type-Options is {response.get('X-Content-Type-Options')!r}")
    if response.get("Referrer-Policy") not in REFERRER_POLICIES:
        problems.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    return problems


def page_problems(response: HttpResponse) -> list[str]:
    """An HTML page: no inline script (CSP would block it) and a CSRF token in every POST form."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    html = response.content.decode()
    problems = [f"inline script: {m.group(0)[:40]!r}" for m in INLINE_SCRIPT.finditer(html)]
    for form in FORM.finditer(html):
        attrs, inner = form.group(1), form.group(2)
        if re.search(r"method=[\"']?post", attrs, re.IGNORECASE) and "csrfmiddlewaretoken" not in inner:
            problems.append(f"a POST form without a CSRF token: <form{attrs}>")
    return problems


def readable_text(response: HttpResponse) -> str:
    """The words an answer carries: HTML, JSON and CSV as they are, the cells of an Excel file."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return ""
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            return " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml"))
    if content_type.startswith(("text/", "application/json")):
        return response.content.decode()
    return ""


def leaks(response: HttpResponse, hidden: tuple[str, ...]) -> list[str]:
    text = readable_text(response)
    return [f"shows {word!r}" for word in hidden if word in text]


def login(persona: str, user_of: Callable[[str], object]) -> tuple[Client, dict[str, object]]:
    """A client for the persona (shared by every row of its test), and its own notification and job."""
    client = Client()
    username = PERSONAS[persona]
    if username is None:
        return client, {}
    user = user_of(username)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    return client, {"notification": own_notification(user), "job": own_job(user)}


def hidden_from(persona: str) -> tuple[str, ...]:
    """The planted words this persona must never meet: the other side's; both sides' for the public."""
    if persona in SEE_ALL:
        return ()
    own, other = SIDES[persona]
    return (marker(other),) if persona != "public" else (marker(own), marker(other))
