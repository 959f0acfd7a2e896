"""OPDC curates the Basket and a coordinator round-trips a proposal through Excel, in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_opdc_adds_then_retires_an_entry_which_stays_readable(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as("opdc_admin")
    page.goto(f"{app_server}/basket/")
    page.click("[data-testid=basket-new]")
    page.fill("#id_code", "BR66-001")
    page.fill("#id_name_th", "ร้อยละของคำขอที่ยื่นผ่านระบบออนไลน์")
    page.fill("#id_target_3_1", "70")
    page.fill("#id_target_3_2", "60")  # out of order: the form says so
    page.fill("#id_target_3_3", "90")
    page.click("[data-testid=basket-save]")
    assert "ต้องเพิ่มขึ้นตามขั้น" in page.text_content("main")
    page.fill("#id_target_3_2", "80")
    page.fill("#id_baseline_year_1", "2564")
    page.fill("#id_baseline_value_1", "55.5")
    page.click("[data-testid=basket-save]")
    page.wait_for_url(f"{app_server}/basket/BR66-001/")
    assert "ปี พ.ศ. 2564" in page.text_content("main")
    page.fill("input[name=reason]", "รวมกับตัวชี้วัดอื่น")
    page.click("[data-testid=basket-retire]")
    assert page.is_visible("[data-testid=retired]")
    public = page_as(None)
    public.goto(f"{app_server}/basket/BR66-001/")
    assert "เลิกใช้แล้ว" in public.text_content("main")


def test_a_coordinator_downloads_and_uploads_the_proposal_template(page_as, app_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = page_as("cdd_coordinator")
    page.goto(f"{app_server}/proposals/?year=2566&organisation=CDD")
    page.click("[data-testid=proposal-row] a")
    page.click("[data-testid=proposal-excel]")
    with page.expect_download() as download:
        page.click("[data-testid=proposal-download]")
    path = tmp_path / "cdd.xlsx"
    download.value.save_as(path)
    page.set_input_files("[data-testid=proposal-file]", str(path))
    page.click("[data-testid=proposal-upload]")
    page.wait_for_selector("[data-testid=job-state]")
    # A selector, not a string predicate: our CSP (script-src 'self') refuses the eval Playwright polls with.
    page.wait_for_selector("#job-status[data-state=done]", timeout=60_000)
    assert "ไม่เปลี่ยนแปลง" in page.text_content("[data-testid=job-message]")
