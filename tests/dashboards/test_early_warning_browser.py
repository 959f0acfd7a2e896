"""In a real browser: the national dashboard loads its "most at risk" lists after it shows, and
the forecast page reads at desktop and phone widths, in Thai and English (screenshots in
var/artifacts/early_warning/)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from govkpi.core.thaidates import fiscal_year_of

pytestmark = pytest.mark.browser
YEAR = fiscal_year_of(dt.date.today()) - 1
SHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "early_warning"


def test_the_national_dashboard_lists_the_kpis_most_at_risk(
    page_as: Callable[[str | None], object], app_server: str
) -> None:
    page = page_as("opdc_admin")
    page.goto(f"{app_server}/dashboards/national/?year={YEAR}")  # type: ignore[attr-defined]
    risky = page.locator("[data-testid=table-risky-kpis]")  # type: ignore[attr-defined]
    expect(risky).to_contain_text("ผู้รับจ้างทิ้งงาน", timeout=30000)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_forecast_page_reads_at_every_width(
    page_as: Callable[[str | None], object], app_server: str, lang: str, width: int
) -> None:
    page = page_as("opdc_admin")
    page.set_viewport_size({"width": width, "height": 900})  # type: ignore[attr-defined]
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": app_server}])  # type: ignore[attr-defined]
    page.goto(f"{app_server}/dashboards/forecast/?year={YEAR}&round=6")  # type: ignore[attr-defined]
    expect(page.locator("[data-testid=table-forecasts]")).to_be_visible()  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"forecast-{lang}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
    page.goto(f"{app_server}/dashboards/forecast/?year={YEAR}&round=6&organisation=MOF")  # type: ignore[attr-defined]
    expect(page.locator("[data-testid=forecast-total]")).to_be_visible()  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / f"forecast-mof-{lang}-{width}.png"), full_page=True)  # type: ignore[attr-defined]
