"""Excel exports of the list pages open in openpyxl and hold exactly what the page shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from report_helpers import sheet_rows

from govkpi.core.numbers import excel_format
from govkpi.kpis.models import Kpi, Proposal
from govkpi.reports.exports import BASKET_COLUMNS, FRAMEWORK_COLUMNS, KPI_COLUMNS, ORGANISATION_COLUMNS


def test_a_coordinator_never_exports_another_departments_draft_kpis(client_as: Callable[[str], Client]) -> None:
    response = client_as("cdd_coordinator").get("/kpis/export.xlsx?year=2566")
    assert response.status_code == 200
    _, rows = sheet_rows(response.content)
    codes = {row[4] for row in rows[2:]}
    own_drafts = set(
        Kpi.objects.filter(framework__fiscal_year__year=2566, organisation__code="CDD").values_list("code", flat=True)
    )
    assert own_drafts and own_drafts <= codes
    assert not any(str(code).startswith("MOF") for code in codes)


def test_the_kpi_export_has_thai_headers_frozen_and_the_pages_rows(client_as: Callable[[str], Client]) -> None:
    Proposal.objects.filter(framework__fiscal_year__year=2565, organisation__code="MOF").update(
        approved_at=dt.datetime(2021, 9, 30, 10, 0, tzinfo=dt.UTC)
    )
    client = client_as("opdc_desk")
    response = client.get("/kpis/export.xlsx?year=2565&group=agencies&organisation=MOF")
    ws, rows = sheet_rows(response.content)
    assert rows[0][0] == "ตัวชี้วัด ปีงบประมาณ พ.ศ. 2565"
    assert rows[1] == tuple(c.header for c in KPI_COLUMNS)
    assert ws.freeze_panes == "A3"
    page = client.get("/kpis/?year=2565&group=agencies&organisation=MOF")
    assert len(rows) - 2 == page.context["page"].paginator.count
    first = Kpi.objects.filter(framework__fiscal_year__year=2565, organisation__code="MOF").order_by("order").first()
    assert first is not None
    row = rows[2]
    assert row[4] == first.code and row[9] == float(first.weight)
    assert ws.cell(row=3, column=10).number_format == excel_format(first.weight, "value")  # 15 → "#,##0", never 15.00
    approved = ws.cell(row=3, column=18)
    assert approved.value == dt.datetime(2021, 9, 30) and approved.number_format.endswith("bbbb;@")  # 30 ก.ย. 2564


def test_the_public_is_asked_to_log_in_for_the_kpi_export(db: None) -> None:
    # The public reads published KPIs from the portal's snapshots (open data `kpis`), never live rows.
    response = Client().get("/kpis/export.xlsx?year=2566")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_organisation_export_follows_the_filters(client_as: Callable[[str], Client]) -> None:
    _, rows = sheet_rows(client_as("cdd_coordinator").get("/organisations/export.xlsx?kind=province").content)
    assert rows[1] == tuple(c.header for c in ORGANISATION_COLUMNS)
    assert len(rows) - 2 == 76 and all(row[4] == "จังหวัด" for row in rows[2:])


def test_the_basket_export_lists_the_catalogue(db: None) -> None:
    response = Client().get("/basket/export.xlsx?group=agencies")
    _, rows = sheet_rows(response.content)
    assert rows[1] == tuple(c.header for c in BASKET_COLUMNS)
    assert len(rows) > 10 and all(row[2] == "ส่วนราชการ" for row in rows[2:])


def test_the_framework_export_writes_fiscal_years_in_the_buddhist_era(client_as: Callable[[str], Client]) -> None:
    ws, rows = sheet_rows(client_as("opdc_desk").get("/frameworks/export.xlsx").content)
    assert rows[1] == tuple(c.header for c in FRAMEWORK_COLUMNS)
    years = {row[0] for row in rows[2:]}
    # the seeds' years and the demo's live years (copies of FY2566), all in the Buddhist era
    assert {2564, 2565, 2566} <= years and all(2560 < y < 2700 for y in years)
    assert ws.cell(row=3, column=2).number_format.endswith("bbbb;@")


def test_every_list_page_offers_the_excel_download_with_its_filters(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_desk")
    for page, export in (
        ("/kpis/?year=2565", "/kpis/export.xlsx?year=2565"),
        ("/organisations/?kind=ministry", "/organisations/export.xlsx?kind=ministry"),
        ("/basket/?group=agencies", "/basket/export.xlsx?group=agencies"),
        ("/frameworks/", "/frameworks/export.xlsx?"),
    ):
        html = client.get(page).content.decode()
        assert f'href="{export}"' in html and "ดาวน์โหลด Excel" in html, page
