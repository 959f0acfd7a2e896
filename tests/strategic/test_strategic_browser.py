"""A real browser opens a Strategic KPI: its counts, the province map, the round switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "strategic"


def test_opdc_opens_the_pm25_strategic_kpi_and_sees_its_counts_and_map(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as("opdc_admin")
    page.goto(f"{app_server}/strategic-kpis/")
    page.click("tr[data-strategic='SK-03'] a")
    expect(page.locator("[data-testid='strategic-title']")).to_contain_text("SK-03")
    detail = page.url.split("?")[0]

    page.click("[data-testid='round-12']")
    expect(page.locator("[data-testid='round-12']")).to_have_attribute("aria-current", "page")
    expect(page.locator("[data-testid='count-attached']")).to_have_text("18")  # 9 northern provinces × 2 KPIs
    expect(page.locator("[data-testid='count-reported']")).to_have_text("18")
    expect(page.locator("[data-testid='province-map']")).to_be_visible()
    expect(page.locator("[data-testid='province-map'] a[data-province]")).to_have_count(76)
    on_target = int(page.locator("[data-testid='count-on_target']").inner_text())
    at_risk = int(page.locator("[data-testid='count-at_risk']").inner_text())
    assert on_target + at_risk == 18
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, lang in ((1280, "th"), (390, "en")):
        page.set_viewport_size({"width": width, "height": 900})
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": app_server}])
        page.goto(f"{detail}?round=6")
        expect(page.locator("[data-testid='province-map']")).to_be_visible()
        page.screenshot(path=str(SHOTS / f"sk03-{width}-{lang}.png"), full_page=True)
