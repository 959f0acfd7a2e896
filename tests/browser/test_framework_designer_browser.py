"""OPDC designs next year's framework in a real browser: copy, a five-level ladder, an error, announce.

It makes its own year (FY2595) and leaves one participant (DASTA, read by no other browser test),
so announcing it changes nothing another test reads."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_opdc_copies_a_framework_sets_a_five_level_ladder_and_announces(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as("opdc_admin")
    page.goto(f"{app_server}/frameworks/")
    page.fill("#id_year", "2595")
    page.select_option("#id_group", "agencies")
    page.select_option(
        "#id_copy_from", label="การประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2566"
    )
    page.click("[data-testid=create-framework]")
    expect(page.locator("[data-testid=draft]")).to_be_visible()
    # Five rungs, the fourth lower than the third: refused, naming the rung.
    for i, points in enumerate(["60", "70", "80", "75", "100"]):
        page.fill(f"#id_levels-{i}-name_th", f"ขั้นที่ {i + 1}")
        page.fill(f"#id_levels-{i}-points", points)
    page.fill("#id_ladder-below_lowest_points", "30")
    page.click("[data-testid=save-ladder]")
    expect(page.locator("#ladder [data-testid=refusal]").first).to_contain_text("ขั้นที่ 4")
    page.fill("#id_levels-3-points", "90")
    page.click("[data-testid=save-ladder]")
    expect(page.locator("[data-testid=levels] tbody tr")).to_have_count(7)  # five rungs and two blank rows
    expect(page.locator("#id_levels-4-points")).to_have_value("100.00")
    page.fill("#id_participants-codes", "DASTA")
    page.click("[data-testid=save-participants]")
    expect(page.locator("[data-testid=no-problems]")).to_be_visible()
    page.click("[data-testid=announce]")
    page.click("[data-testid=announce-confirm]")
    expect(page.locator("[data-testid=announced]")).to_be_visible()
