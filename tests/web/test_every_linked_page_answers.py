"""Walking the links a person can see never ends on a server error, whoever walks them."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.test import Client

#: Pages of one shape (digits and codes varied) are visited a few times, not hundreds.
PER_SHAPE = 2
LIMIT = 120
SKIP = ("/logout/", "/admin/", "/static/", "/media/", "/api/v1/docs", "/i18n/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.hrefs.append(href.split("#", 1)[0])


def _shape(url: str) -> str:
    path = url.split("?", 1)[0]
    path = re.sub(r"/[0-9a-f-]{32,36}(?=/|$)", "/U", path)
    path = re.sub(r"/[A-Z][A-Z0-9_-]*(?=/|$)", "/C", path)
    return re.sub(r"/\d+(?=/|$)", "/N", path) + ("?" if "?" in url else "")


def walk(client: Client) -> dict[str, int]:
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    statuses: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(statuses) < LIMIT:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        shape = _shape(url)
        if shapes.get(shape, 0) >= PER_SHAPE:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            queue.extend(h for h in parser.hrefs if h not in seen)
    return statuses


@pytest.mark.parametrize(
    "persona",
    [None, "opdc_admin", "opdc_desk", "cdd_coordinator", "moi_reviewer", "ccs_executive", "committee_secretary"],
)
def test_no_linked_page_is_a_server_error(persona: str | None, client_as: Callable[[str], Client]) -> None:
    statuses = walk(client_as(persona) if persona else Client())

    broken = {url: status for url, status in statuses.items() if status >= 500}
    assert len(statuses) > 5
    assert broken == {}
