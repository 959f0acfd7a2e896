"""In a real browser, OPDC reads the committee summary and downloads it through a background job."""

import pytest

pytestmark = pytest.mark.browser


def test_opdc_reads_the_summary_and_gets_the_excel_file_from_the_job_page(page_as, app_server, tmp_path) -> None:
    page = page_as("opdc_desk")
    page.goto(f"{app_server}/reports/summary/?year=2565&group=agencies")
    assert "มีส่วนราชการเข้ารับการประเมิน 37 ส่วนราชการ" in page.text_content("[data-testid=lead]")
    assert page.text_content("[data-testid=stat-kpis]").strip() == "232"
    page.click("button[value=xlsx]")
    page.wait_for_url(f"{app_server}/jobs/**")
    page.wait_for_selector("a[href$='/download/']", timeout=20000)
    with page.expect_download() as info:
        page.click("a[href$='/download/']")
    path = tmp_path / "summary.xlsx"
    info.value.save_as(path)
    from openpyxl import load_workbook

    assert load_workbook(path)["สรุป"]["A2"].value == "รายการ"


def test_the_kpi_list_offers_an_excel_download_of_what_it_shows(page_as, app_server, tmp_path) -> None:
    page = page_as("cdd_coordinator")
    page.goto(f"{app_server}/kpis/?year=2566")
    with page.expect_download() as info:
        page.click("[data-testid=export-xlsx]")
    path = tmp_path / "kpis.xlsx"
    info.value.save_as(path)
    from openpyxl import load_workbook

    codes = {row[4] for row in load_workbook(path).active.iter_rows(min_row=3, values_only=True)}
    assert codes and not any(str(code).startswith("MOF") for code in codes)
