"""A real browser walks Chachoengsao's FY2566 proposal from draft to approval: OPDC extends the
deadline, the coordinator fixes the draft with the live rule check and submits it, the governor's
office endorses it, the MOI reviewer, the OPDC desk and the committees approve it, and every KPI
is frozen as version 1."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from govkpi.core.thaidates import fiscal_year_of

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
    assert page.locator("[data-testid=comment]").count() == 0  # the reviewers' field is not the coordinator's
    page.click("[data-testid=action-submit]")
    assert page.text_content("[data-testid=state]").strip() == "ส่งแล้ว รอผู้บริหารรับรอง"
    assert not page.is_visible("[data-testid=pick-basket]")

    boss = page_as("ccs_executive")
    _open_ccs_proposal(boss, app_server)
    boss.click("[data-testid=action-endorse]")
    assert boss.text_content("[data-testid=state]").strip() == "กระทรวงมหาดไทยพิจารณา"
    assert "ส่งแล้ว รอผู้บริหารรับรอง → กระทรวงมหาดไทยพิจารณา" in boss.text_content("[data-testid=timeline]")

    # ... and on through MOI, the OPDC desk and the committees to approval: each approval is
    # confirmed in a dialog, and the committee stages name their meeting and resolution.
    for persona, comment, meeting, resolution, state_after in (
        ("moi_reviewer", "กระทรวงมหาดไทยเห็นชอบ", "", "", "สำนักงาน ก.พ.ร. พิจารณา"),
        ("opdc_desk", "ผ่านการพิจารณาของสำนักงาน ก.พ.ร.", "", "", "คณะทำงานพิจารณา"),
        ("committee_secretary", "", "ครั้งที่ 3/2566", "มติคณะทำงาน: เห็นชอบ", "อ.ก.พ.ร. พิจารณา"),
        ("committee_secretary", "", "ครั้งที่ 1/2566", "มติ อ.ก.พ.ร.: เห็นชอบ", "รัฐมนตรีพิจารณา"),
        ("committee_secretary", "", "", "รัฐมนตรีลงนามเห็นชอบ", "อนุมัติแล้ว"),
    ):
        reviewer = page_as(persona)
        _open_ccs_proposal(reviewer, app_server)
        if comment:
            reviewer.fill("[data-testid=comment]", comment)
        if meeting:
            reviewer.fill("[data-testid=meeting]", meeting)
        if resolution:
            reviewer.fill("[data-testid=resolution]", resolution)
        reviewer.click("[data-testid=action-approve]")
        dialog = reviewer.locator("dialog#confirm-approve")
        assert dialog.is_visible() and "ย้อนกลับไม่ได้" in (dialog.text_content() or "")
        dialog.locator("[data-testid=action-approve-confirm]").click()
        assert reviewer.text_content("[data-testid=state]").strip() == state_after
        timeline = reviewer.text_content("[data-testid=timeline]") or ""
        assert (comment or resolution) in timeline and meeting in timeline
        current = reviewer.locator("[data-testid=stages] [aria-current=step]").text_content() or ""
        assert state_after in current

    # Approval froze every KPI as version 1, which its page shows.
    page.goto(f"{app_server}/proposals/?year=2566&organisation=P24")
    page.click("[data-testid=proposal-row] a")
    page.click("[data-testid=kpi-row][data-code=P24-66-03] a")
    page.click("[data-testid=versions-link]")
    expect(page.locator("[data-testid=version]")).to_have_count(1)
    assert "ฉบับที่ 1" in page.text_content("[data-testid=version]")


def test_removing_a_kpi_asks_first_and_cancel_keeps_it(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    # CDD's draft of the demo's live year: no other test on this server reads it (the simulator reads
    # MOF's FY2566 KPIs, the template round trip CDD's FY2566 proposal, which a removal would break).
    page = page_as("cdd_coordinator")
    page.goto(f"{app_server}/proposals/?year={fiscal_year_of(dt.date.today())}&organisation=CDD")
    page.click("[data-testid=proposal-row] a")
    page.wait_for_selector("[data-testid=rules]")
    row = page.locator("[data-testid=kpi-row]").filter(has=page.locator("[data-confirm^=confirm-remove-]")).first
    code = row.get_attribute("data-code")
    row.locator(f"[data-testid=remove-{code}]").click()
    dialog = page.locator(f"dialog#confirm-remove-{code}")
    assert dialog.is_visible() and code in (dialog.text_content() or "")
    dialog.locator("[data-confirm-cancel]").click()
    assert not dialog.is_visible()
    assert page.locator(f"[data-testid=kpi-row][data-code={code}]").count() == 1

    page.locator(f"[data-testid=remove-{code}]").click()
    page.locator(f"[data-testid=remove-{code}-confirm]").click()
    assert f"นำตัวชี้วัด {code} ออกจากข้อเสนอแล้ว" in (page.text_content(".messages") or "")


def test_the_stage_indicator_wraps_at_phone_width(page_as, app_server) -> None:  # type: ignore[no-untyped-def]
    page = page_as("ccs_coordinator")
    page.set_viewport_size({"width": 390, "height": 844})
    _open_ccs_proposal(page, app_server)
    stages = page.locator("[data-testid=stages] ol")
    box = stages.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth", stages.element_handle())
    assert page.locator("[data-testid=stages] li").count() == 8
