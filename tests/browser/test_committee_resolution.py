"""The committee secretary records เห็นชอบ on a meeting's agenda item; the KPI then has its new version."""

import pytest

pytestmark = pytest.mark.browser


def test_the_secretary_approves_a_change_request_and_the_kpi_page_shows_version_2(page_as, app_server) -> None:
    page = page_as("committee_secretary")
    page.click("nav.main >> text=การประชุม")
    page.click("text=ครั้งที่ 4/2566")
    assert "ครั้งที่ 4/2566" in page.text_content("[data-testid=meeting-number]")
    item = page.locator("[data-testid=agenda-item]").first
    item.locator("select[name=decision]").select_option("approve")
    item.locator("textarea[name=text_th]").fill("เห็นชอบการปรับค่าเป้าหมายตามที่กระทรวงการคลังเสนอ")
    item.locator("[data-testid=record-resolution]").click()
    dialog = item.locator("dialog.confirm")
    assert dialog.is_visible() and "วาระที่ 1" in (dialog.text_content() or "")
    dialog.locator("[data-testid=record-resolution-confirm]").click()
    page.wait_for_selector("text=บันทึกมติเห็นชอบในวาระที่ 1 แล้ว")
    assert "มติ: เห็นชอบ" in page.text_content("[data-testid=agenda-item]")
    assert "อนุมัติ" in page.text_content("[data-testid=agenda-item]")

    page.locator("[data-testid=agenda-item] a[href^='/change-requests/']").first.click()
    assert page.text_content("[data-testid=cr-state]").strip() == "อนุมัติแล้ว"
    page.locator("main a[href^='/kpis/']").first.click()
    assert "รอบ 12 เดือน" in page.text_content("main")  # version 2's round in the KPI page's version table
    page.click("[data-testid=versions-link]")
    versions = page.locator("[data-testid=version]")
    assert versions.count() == 2
    second = versions.nth(1).text_content()
    assert "ฉบับที่ 2" in second and "รอบ 12 เดือน" in second
    assert "ค่าเป้าหมาย" in second and "ขั้นต้น" in second
