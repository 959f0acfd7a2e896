"""A real browser: OPDC extends Chachoengsao's deadline, its coordinator checks and fixes the FY2566
draft with the live rule check, submits it, and the governor's office endorses it."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


def _open_ccs_proposal(page, app_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_server}/proposals/?year=2566&organisation=P24")
    page.click("[data-testid=proposal-row] a")
    page.wait_for_selector("[data-testid=rules]")


def test_the_ccs_coordinator_fixes_and_submits_the_draft_and_the_executive_endorses(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    later = dt.date.today() + dt.timedelta(days=30)
    opdc = page_as("opdc_admin")
    _open_ccs_proposal(opdc, app_server)
    opdc.click("#content summary")
    opdc.fill("#id_new_deadline", f"{later.day}/{later.month}/{later.year + 543}")
    opdc.fill("#id_reason", "จังหวัดขอขยายเวลาเนื่องจากระบบขัดข้อง")
    opdc.click("[data-testid=grant-extension]")
    assert "ขยายเวลาส่งข้อเสนอถึง" in opdc.text_content(".messages")

    page = page_as("ccs_coordinator")
    _open_ccs_proposal(page, app_server)
    assert page.is_visible("[data-testid=rules-ok]")
    assert page.text_content("[data-testid=state]").strip() == "ร่าง"
    page.click("[data-testid=edit-P24-66-03]")
    page.fill("#id_weight", "25")
    page.wait_for_selector("[data-testid=problems]")
    assert "75" in page.text_content("[data-testid=problems]")
    page.fill("#id_weight", "20")
    page.fill("#id_target_2", "11")
    page.wait_for_selector("[data-testid=rules-ok]")
    page.click("[data-testid=save-kpi]")
    assert "บันทึกตัวชี้วัด P24-66-03 แล้ว" in page.text_content(".messages")
    row = page.text_content("[data-testid=kpi-row][data-code=P24-66-03]")
    assert "๑๑" in row or "11" in row
    assert page.is_enabled("[data-testid=action-submit]")
    page.fill("[data-testid=comment]", "เสนอตัวชี้วัดตามกรอบการประเมิน")
    page.click("[data-testid=action-submit]")
    assert page.text_content("[data-testid=state]").strip() == "ส่งแล้ว รอผู้บริหารรับรอง"
    assert "เสนอตัวชี้วัดตามกรอบการประเมิน" in page.text_content("[data-testid=timeline]")
    assert not page.is_visible("[data-testid=pick-basket]")

    boss = page_as("ccs_executive")
    _open_ccs_proposal(boss, app_server)
    boss.click("[data-testid=action-endorse]")
    assert boss.text_content("[data-testid=state]").strip() == "กระทรวงมหาดไทยพิจารณา"
    assert "ส่งแล้ว รอผู้บริหารรับรอง → กระทรวงมหาดไทยพิจารณา" in boss.text_content("[data-testid=timeline]")
