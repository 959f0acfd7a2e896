"""Pages that run scripts (htmx, ECharts, the API docs) work under the Content-Security-Policy in a real browser."""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    ("/", "body"),
    ("/basket/", "body"),
    ("/dashboards/national/?year=2566", "[data-chart='chart-progress'][data-drawn='1'] svg"),
    ("/dashboards/provinces/", "body"),
    ("/scorecards/MOF/2565/12/simulate/", "body"),
    ("/api/v1/docs", ".swagger-ui .information-container"),
]


#: Swagger UI draws the whole OpenAPI document (about 300 KB) before its header appears: seconds on
#: a loaded 2-core machine. The test is about CSP and browser errors, not speed, so it waits long.
READY_MS = 60_000


def test_no_page_breaks_the_content_security_policy(page_as: Callable[[str | None], object], app_server: str) -> None:
    page = page_as("opdc_admin")
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)  # type: ignore[attr-defined]
    for path, ready in PAGES:
        page.goto(f"{app_server}{path}")  # type: ignore[attr-defined]
        page.wait_for_selector(ready, timeout=READY_MS)  # type: ignore[attr-defined]
    assert violations == []


def test_pages_load_everything_they_ask_for_without_a_browser_error(
    page_as: Callable[[str | None], object], app_server: str
) -> None:
    page = page_as("opdc_admin")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.text}") if m.type == "error" else None)  # type: ignore[attr-defined]
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)  # type: ignore[attr-defined]
    for path, ready in [*PAGES, ("/login/", "body")]:
        page.goto(f"{app_server}{path}")  # type: ignore[attr-defined]
        page.wait_for_selector(ready, timeout=READY_MS)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert errors == []


def test_an_inline_script_would_be_blocked(page_as: Callable[[str | None], object], app_server: str) -> None:
    page = page_as(None)
    page.goto(f"{app_server}/")  # type: ignore[attr-defined]
    page.evaluate(  # type: ignore[attr-defined]
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.body.dataset.injected = '1'";
            document.body.appendChild(script);
        }"""
    )
    assert page.evaluate("document.body.dataset.injected") is None  # type: ignore[attr-defined]
