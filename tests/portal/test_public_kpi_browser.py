"""A real browser: the public follows a KPI of a published scorecard to its e-SAR page, on a phone.

Reads the demo's published year only (writes nothing the shared server's other tests read).
Screenshots go to var/artifacts/public-kpi/ (Thai and English, 1280 px and 390 px).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "public-kpi"


def test_the_public_opens_a_kpi_from_its_scorecard_and_reads_how_it_scored(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as(None)
    page.goto(f"{app_server}/api/v1/public/years")
    published = json.loads(page.text_content("body") or "[]")
    if not published:
        pytest.skip("the demo has no published year")
    year, group = published[0]["year"], published[0]["group"]
    page.goto(f"{app_server}/public/{year}/{group}/")
    page.locator("[data-testid='public-scores'] tbody a").first.click()
    expect(page.locator("[data-testid='public-scorecard']")).to_be_visible()

    link = page.locator("[data-testid='kpi-link']").first
    href = link.get_attribute("href") or ""
    assert re.fullmatch(rf"/public/{year}/{group}/[A-Z0-9]+/kpi/[^/?]+/", href)
    link.click()
    page.wait_for_url(f"{app_server}{href}")
    expect(page.locator("[data-testid='kpi-explanation'] li").first).to_be_visible()
    expect(page.locator("[data-testid='kpi-ladder'] tbody tr").first).to_be_visible()
    expect(page.locator("[data-testid='kpi-sheet']")).to_contain_text("ขอบเขตการประเมิน")

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "kpi-th-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("[data-testid='kpi-points']")).to_be_visible()
    # Nothing wider than the phone: the page scrolls down, never sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    page.screenshot(path=str(SHOTS / "kpi-th-390.png"), full_page=True)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": app_server}])
    page.goto(f"{app_server}{href}")
    expect(page.locator("[data-testid='kpi-sheet']")).to_contain_text("Scope")
    page.screenshot(path=str(SHOTS / "kpi-en-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    page.screenshot(path=str(SHOTS / "kpi-en-1280.png"), full_page=True)
