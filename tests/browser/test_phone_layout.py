"""Phone-sized (390 × 844): every page of each role's day fits the screen's width (wide tables
scroll inside their own box), and the header is a short bar whose menu opens behind one button.

Screenshots of every page go to var/artifacts/phone/ (Thai, and the coordinator's day in English too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "phone"
#: The closed header: brand, inbox and the menu button on one bar (it was ~580 px before the menu).
MAX_HEADER = 200

#: Pages of the day-to-day flows, by persona: fixed paths, then pages found by following the first
#: link matching a pattern on a list page (ids differ between databases).
DAY = {
    "cdd_coordinator": [
        "/",
        "/proposals/",
        ("/proposals/", r"^/proposals/\d+/$"),
        "/kpis/",
        ("/kpis/", r"^/kpis/\d+/$"),
        "/results/",
        ("/results/", r"^/results/[A-Z0-9]+/\d{4}/\d+/$"),
        "/scorecards/",
        ("/scorecards/", r"^/scorecards/[A-Z0-9]+/\d{4}/\d+/$"),
        "/meetings/",
        "/inbox/",
        "/basket/",
        "/organisations/",
    ],
    "cdd_executive": ["/", "/proposals/", ("/proposals/", r"^/proposals/\d+/$"), "/results/", "/inbox/"],
    "opdc_desk": [
        "/",
        "/proposals/",
        ("/proposals/", r"^/proposals/\d+/$"),
        "/results/",
        "/results/year/2565/agencies/",
        ("/scorecards/", r"^/scorecards/[A-Z0-9]+/\d{4}/\d+/$"),
        "/dashboards/national/",
        "/dashboards/provinces/",
        "/inbox/",
    ],
    "moi_reviewer": ["/", "/proposals/", ("/proposals/", r"^/proposals/\d+/$"), "/kpis/", "/dashboards/provinces/"],
    "ccs_coordinator": ["/", "/proposals/", ("/proposals/", r"^/proposals/\d+/$"), "/results/", "/scorecards/"],
    "committee_secretary": ["/", "/meetings/", ("/meetings/", r"^/meetings/\d+/$"), "/proposals/"],
    None: [
        "/",
        "/public/",
        ("/public/", r"^/public/\d{4}/[a-z]+/$"),
        ("/public/2565/agencies/", r"^/public/2565/agencies/[A-Z0-9]+/$"),
        "/public/map/",
        "/public/2566/map/",
        "/basket/",
    ],
}

CHECKED: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def list_of_checked_pages() -> Iterator[None]:
    """Leaves var/artifacts/phone/checked.txt: every page measured (the figure for the closing note)."""
    yield
    if CHECKED:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "checked.txt").write_text("\n".join(CHECKED) + "\n", "utf-8")


def first_link(page: object, base: str, pattern: str) -> str | None:
    hrefs: list[str] = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")  # type: ignore[attr-defined]
    found = next((h.split("?")[0] for h in hrefs if re.match(pattern, h.split("?")[0])), None)
    return f"{base}{found}" if found else None


def check(page: object, url: str, name: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]  # charts drawn
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    inner = page.evaluate("window.innerWidth")  # type: ignore[attr-defined]
    header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]
    CHECKED.append(url)
    assert width <= inner, f"{url} scrolls sideways at 390 px: {width} px wide"
    assert header < MAX_HEADER, f"{url}: the closed header is {header} px tall"


def walk(page: object, base: str, persona: str | None, language: str) -> int:
    seen = 0
    for step in DAY[persona]:
        if isinstance(step, tuple):
            page.goto(f"{base}{step[0]}")  # type: ignore[attr-defined]
            url = first_link(page, base, step[1])
            if url is None:
                continue  # nothing of that kind for this persona in the demo
        else:
            url = f"{base}{step}"
        slug = re.sub(r"[^A-Za-z0-9]+", "_", url.removeprefix(base)).strip("_") or "home"
        check(page, url, f"{persona or 'public'}-{language}-{slug}")
        seen += 1
    return seen


@pytest.mark.parametrize("persona", list(DAY))
def test_no_page_of_the_day_scrolls_sideways_on_a_phone(page_as: object, app_server: str, persona: str | None) -> None:
    page = page_as(persona)  # type: ignore[operator]
    page.set_viewport_size(PHONE)

    seen = walk(page, app_server, persona, "th")

    assert seen >= len([s for s in DAY[persona] if isinstance(s, str)])


def test_the_coordinators_day_fits_a_phone_in_english_too(page_as: object, app_server: str) -> None:
    page = page_as("cdd_coordinator")  # type: ignore[operator]
    page.set_viewport_size(PHONE)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": app_server}])

    walk(page, app_server, "cdd_coordinator", "en")

    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_menu_opens_behind_one_button_on_a_phone_and_is_always_open_on_a_desktop(
    page_as: object, app_server: str
) -> None:
    page = page_as("opdc_desk")  # type: ignore[operator]
    page.set_viewport_size(PHONE)
    page.goto(f"{app_server}/")
    menu = page.locator("nav.main")
    assert not menu.is_visible()
    assert page.locator("[data-testid=inbox-link]").is_visible()  # the inbox stays on the bar

    page.click("[data-testid=menu-toggle]")

    assert menu.is_visible() and page.locator("[data-testid=nav-province-map]").is_visible()
    page.screenshot(path=str(SHOTS / "opdc_desk-th-menu-open.png"))
    page.click("[data-testid=nav-province-map]")
    assert "/dashboards/provinces/" in page.url
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("nav.main").is_visible() and not page.locator("[data-testid=menu-toggle]").is_visible()
    page.screenshot(path=str(SHOTS / "opdc_desk-th-desktop-provinces.png"), full_page=True)


def test_a_table_wider_than_the_phone_scrolls_in_its_own_box_that_keyboards_can_reach(
    page_as: object, app_server: str
) -> None:
    page = page_as("cdd_coordinator")  # type: ignore[operator]
    page.set_viewport_size(PHONE)
    page.goto(f"{app_server}/proposals/")
    url = first_link(page, app_server, r"^/proposals/\d+/$")
    assert url
    page.goto(url)

    boxes = page.eval_on_selector_all(
        ".tablewrap",
        "els => els.filter(e => e.scrollWidth > e.clientWidth).map(e => [e.tabIndex, e.getAttribute('role'), e.getAttribute('aria-label')])",
    )

    assert boxes, "the proposal's KPI table is wider than a phone and scrolls in its box"
    assert all(tab == 0 and role == "region" and label for tab, role, label in boxes)
