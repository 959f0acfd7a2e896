"""A result reported with evidence, endorsed, verified, approved and published, then seen logged out."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHEET = "/results/P24/2565/12/"
KPI = "[data-testid=kpi-P24-65-02]"


def minimal_pdf() -> bytes:
    body = b"BT /F1 18 Tf 72 720 Td (Tourism income) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_result_goes_from_report_to_the_public_page(page_as, app_server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = page_as("opdc_admin")
    admin.goto(app_server + SHEET)
    assert admin.locator("[data-testid=round-closed]").count() == 1  # the demo round closed in 2565
    admin.click("text=สำหรับสำนักงาน ก.พ.ร.")
    admin.fill("input[name=new_deadline]", "2099-12-31")
    admin.fill("input[name=reason]", "ระบบข้อมูลการท่องเที่ยวจังหวัดล่าช้า")
    admin.click("[data-testid=extend]")
    admin.wait_for_selector("text=ขยายเวลารายงานผลแล้ว")

    coord = page_as("ccs_coordinator")
    coord.goto(app_server + SHEET)
    row = coord.locator(KPI)
    row.locator("[data-testid=value-input]").fill("35")
    row.locator("[data-testid=narrative-input]").fill("รายได้จากการท่องเที่ยวเพิ่มขึ้นร้อยละ 35")
    row.locator("[data-testid=save]").click()
    coord.wait_for_selector(f"{KPI} >> text=บันทึกผล P24-65-02 แล้ว")  # the htmx row answer
    pdf = tmp_path / "หลักฐานรายได้ท่องเที่ยว.pdf"
    pdf.write_bytes(minimal_pdf())
    coord.locator(KPI).locator("[data-testid=file-input]").set_input_files(str(pdf))
    coord.locator(KPI).locator("[data-testid=upload]").click()
    coord.wait_for_selector("text=แนบไฟล์ หลักฐานรายได้ท่องเที่ยว.pdf แล้ว")
    coord.locator(KPI).locator("[data-testid=submit]").click()
    coord.wait_for_selector("text=ส่งผล P24-65-02 ให้ผู้บริหารรับรองแล้ว")

    executive = page_as("ccs_executive")
    executive.goto(app_server + SHEET)
    executive.locator(KPI).locator("[data-testid=endorse]").click()
    executive.wait_for_selector("text=รับรองผล P24-65-02 แล้ว")

    desk = page_as("opdc_desk")
    desk.goto(app_server + SHEET)
    desk.locator(KPI).locator("[data-testid=verify]").click()
    desk.wait_for_selector("text=บันทึกผลการตรวจสอบ P24-65-02 แล้ว")
    assert "87.5" in desk.locator(KPI).locator("[data-testid=points]").text_content()  # 75 + 0.5 × 25
    assert "35" in desk.locator(KPI).locator("[data-testid=explanation]").text_content()

    admin.goto(app_server + SHEET)
    admin.click("text=สำหรับสำนักงาน ก.พ.ร.")
    admin.fill("input[name=reference_th]", "อ.ก.พ.ร. ครั้งที่ 1/2566")
    admin.click("[data-testid=approve]")
    admin.click("[data-testid=approve-confirm]")
    admin.wait_for_selector("text=บันทึกมติเห็นชอบผล")
    assert "คณะกรรมการเห็นชอบ" in admin.locator(KPI).locator("[data-testid=state]").text_content()
    # OPDC's publication page previews what publishing would cover: Chachoengsao's other KPIs are
    # not all approved, so it is "not yet included" and nothing of it can become public yet.
    admin.goto(app_server + "/publication/2565/provinces/")
    missing = admin.text_content("[data-testid=missing]") or ""
    assert "P24" in missing and "P24-65-02" not in missing
    assert admin.locator("[data-testid=publish][disabled]").count() == 1

    public = page_as(None)
    response = public.goto(app_server + SHEET)
    assert response is not None and "87.5" not in (public.text_content("body") or "")
