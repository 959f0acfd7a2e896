"""A real browser draws the national dashboard's charts from our own static ECharts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_national_dashboard_draws_its_charts_with_their_tables(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page = page_as("opdc_admin")
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{app_server}/dashboards/national/?year=2566")

    page.wait_for_selector("[data-chart='chart-progress'][data-drawn='1'] svg", timeout=15000)
    for chart in ("bands", "histogram", "progress", "trend"):
        assert page.locator(f"[data-chart='chart-{chart}'] svg").count() == 1, chart
        assert page.locator(f"[data-testid='table-{chart}']").count() == 1, chart
    assert page.get_attribute("[data-chart='chart-progress']", "aria-label")
    assert page.locator("[data-testid='table-progress'] tbody tr").count() >= 2
    assert not [e for e in errors if "Content Security Policy" in e or "echarts" in e.lower()], errors


def test_the_moi_reviewer_sees_the_province_map_with_76_clickable_tiles(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as("moi_reviewer")
    page.goto(f"{app_server}/dashboards/provinces/?year=2566")

    tiles = page.locator("[data-testid='province-map'] svg a[data-province]")
    assert tiles.count() == 76
    assert page.get_attribute("a[data-province='P50']", "href") == "/scorecards/P50/2566/12/"
