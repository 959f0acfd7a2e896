"""A coordinator picks Basket KPIs into a five-level year in a real browser: the pick page asks for
the five targets, prefilled with the Basket's recommendation for five levels when it has one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fivelevel import FIVE, LADDER, THREE
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PREPARE = f"""
import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})
import fivelevel
print(fivelevel.prepare().pk)
"""


def test_a_coordinator_picks_two_basket_kpis_into_a_five_level_year(
    page_as: Callable[[str], Any], app_server: str, run_in_app: Callable[[str], str]
) -> None:
    proposal = run_in_app(PREPARE).strip().splitlines()[-1]
    page = page_as("cdd_coordinator")
    page.goto(f"{app_server}/proposals/{proposal}/basket/?q={FIVE}")
    page.click(f"[data-testid=pick-{FIVE}] summary")
    form = page.locator(f"[data-testid=pick-form-{FIVE}]")
    expect(form).to_be_visible()
    for index, (name, _, points) in enumerate(LADDER):
        expect(form).to_contain_text(name)
        expect(form).to_contain_text(f"({points} คะแนน)")
        expect(form.locator(f"[data-testid=pick-target-{index}]")).to_have_value(str(50 + 10 * index))
    form.locator("[data-testid=pick-target-4]").fill("95")  # tuned: the entry lets organisations set targets
    form.locator(f"[data-testid=pick-add-{FIVE}]").click()
    page.wait_for_url("**/edit/")
    for index, value in enumerate(["50", "60", "70", "80", "95"]):
        expect(page.locator(f"#id_target_{index}")).to_have_value(value)
    expect(page.locator("[data-testid=kpi-form]")).to_contain_text("ขั้นพื้นฐาน")

    # An entry recommending three targets only: five blank inputs to fill.
    page.goto(f"{app_server}/proposals/{proposal}/basket/?q={THREE}")
    page.click(f"[data-testid=pick-{THREE}] summary")
    form = page.locator(f"[data-testid=pick-form-{THREE}]")
    expect(form).to_contain_text("ไม่ได้แนะนำค่าเป้าหมายแบบ 5 ขั้น")
    for index in range(5):
        expect(form.locator(f"[data-testid=pick-target-{index}]")).to_have_value("")
        form.locator(f"[data-testid=pick-target-{index}]").fill(str(10 + index))
    form.locator(f"[data-testid=pick-add-{THREE}]").click()
    page.wait_for_url("**/edit/")
    expect(page.locator("#id_target_4")).to_have_value("14")
    page.goto(f"{app_server}/proposals/{proposal}/")
    expect(page.locator("main")).to_contain_text(FIVE)
    expect(page.locator("main")).to_contain_text(THREE)
