"""Every Excel importer (KPI Basket, proposals, results) refuses a malformed file clearly and writes nothing.

Each malformed file goes through the service, the upload page and the API: a Thai message that names the
sheet, column or row, a 4xx (file-level problems are refused before any job is queued), and the same rows
and history in the database afterwards.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from openpyxl import Workbook, load_workbook

from govkpi.basket.excel import MAX_ROWS as BASKET_MAX_ROWS
from govkpi.basket.excel import basket_export_xlsx, basket_import
from govkpi.basket.models import BasketKpi
from govkpi.core.errors import Invalid
from govkpi.frameworks.models import Round
from govkpi.kpis.excel import KPI_SHEET, proposal_export_xlsx
from govkpi.kpis.importing import MAX_ROWS as PROPOSAL_MAX_ROWS
from govkpi.kpis.importing import proposal_import
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.access import viewer_for
from govkpi.results import excel as results_excel
from govkpi.results.models import Result

pytestmark = pytest.mark.django_db


@dataclass
class Importer:
    """One importer as a user meets it: its template, its service, its page and its API."""

    sheet: str
    max_rows: int
    template: Callable[[], bytes]
    service: Callable[[bytes], object]
    web: Callable[[bytes], HttpResponse]
    api: Callable[[bytes], HttpResponse]
    client: Client  # the person importing, logged in
    required_column: str  # a column row 1 must have
    number_column: str  # a column that takes a number
    text_column: str  # a column that takes free text
    first_data_row: int = 2


def _upload(data: bytes, name: str = "ไฟล์นำเข้า.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture(params=["basket", "proposal", "results"])
def importer(
    request: pytest.FixtureRequest, client_as: Callable[[str], Client], user_of: Callable[[str], Any]
) -> Importer:
    if request.param == "basket":
        admin = client_as("opdc_admin")
        return Importer(
            sheet="KPI Basket",
            max_rows=BASKET_MAX_ROWS,
            template=basket_export_xlsx,
            service=lambda data: basket_import(by=user_of("opdc_admin"), data=data),
            web=lambda data: admin.post("/basket/import/", {"file": _upload(data)}),
            api=lambda data: admin.post("/api/v1/basket/excel", {"file": _upload(data)}),
            client=admin,
            required_column="ชื่อตัวชี้วัด",
            number_column="ค่าเป้าหมาย 3 ขั้น ขั้นที่ 1",
            text_column="ชื่อตัวชี้วัด",
        )
    if request.param == "proposal":
        proposal = Proposal.objects.get(framework__fiscal_year__year=2566, organisation__code="CDD")
        coordinator = client_as("cdd_coordinator")
        return Importer(
            sheet=KPI_SHEET,
            max_rows=PROPOSAL_MAX_ROWS,
            template=lambda: proposal_export_xlsx(proposal),
            service=lambda data: proposal_import(by=user_of("cdd_coordinator"), data=data, proposal=proposal),
            web=lambda data: coordinator.post(f"/proposals/{proposal.pk}/excel/", {"file": _upload(data)}),
            api=lambda data: coordinator.post(f"/api/v1/proposals/{proposal.pk}/excel", {"file": _upload(data)}),
            client=coordinator,
            required_column="ทิศทาง",
            number_column="น้ำหนัก (ร้อยละ)",
            text_column="ชื่อตัวชี้วัด",
        )
    round_ = Round.objects.get(framework__fiscal_year__year=2565, framework__group="agencies", months=6)
    today = dt.date.today()
    round_.opens_on, round_.closes_on = today - dt.timedelta(days=10), today + dt.timedelta(days=10)
    round_.save()
    coordinator = client_as("mof_coordinator")
    user = user_of("mof_coordinator")
    return Importer(
        sheet=results_excel.SHEET,
        max_rows=results_excel.MAX_ROWS,
        template=lambda: results_excel.template(viewer=viewer_for(user), framework=round_.framework, round_=round_),
        service=lambda data: results_excel.import_results(
            viewer=viewer_for(user), user=user, framework=round_.framework, round_=round_, data=data
        ),
        web=lambda data: coordinator.post("/results/year/2565/agencies/6/import/", {"file": _upload(data)}),
        api=lambda data: coordinator.post(
            f"/api/v1/results/frameworks/{round_.framework_id}/rounds/6/import", {"file": _upload(data)}
        ),
        client=coordinator,
        required_column="ผลการดำเนินงาน",
        number_column="ผลการดำเนินงาน",
        text_column="คำอธิบายผล",
    )


def written() -> tuple[int, ...]:
    """Rows and history rows of everything an import may write."""
    return (
        BasketKpi.objects.count(),
        BasketKpi.history.count(),  # type: ignore[attr-defined]
        Kpi.objects.count(),
        Kpi.history.count(),  # type: ignore[attr-defined]
        Result.objects.count(),
        Result.history.count(),  # type: ignore[attr-defined]
    )


def edited(importer: Importer, change: Callable[[Workbook], None]) -> bytes:
    wb = load_workbook(io.BytesIO(importer.template()))
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column_of(wb: Workbook, sheet: str, header: str) -> int:
    return next(c.column for c in wb[sheet][1] if c.value == header)


def refused_everywhere(importer: Importer, data: bytes, *expected: str) -> list[str]:
    """The service, the page and the API all refuse `data`, saying each `expected` text; nothing is written."""
    before = written()
    with pytest.raises(Invalid) as refused:
        importer.service(data)
    said = [refused.value.message_th, *(str(p.get("message", "")) for p in refused.value.problems)]
    for text in expected:
        assert any(text in s for s in said), (text, said)
    page = importer.web(data)
    assert page.status_code == 422, page.status_code
    assert expected[0] in html.unescape(page.content.decode())
    answer = importer.api(data)
    assert answer.status_code == 422, answer.content
    problems = " ".join(str(p.get("message", "")) for p in answer.json().get("problems", []))
    for text in expected:
        assert text in answer.json()["detail"] + problems, (text, answer.json())
    assert written() == before
    return said


def test_a_workbook_without_the_expected_sheet_names_it(importer: Importer) -> None:
    def rename(wb: Workbook) -> None:
        wb[importer.sheet].title = "แผ่นงาน1"
        wb.create_sheet("อื่น ๆ")

    refused_everywhere(importer, edited(importer, rename), f"ไม่พบแผ่นงาน '{importer.sheet}'")


def test_a_missing_required_column_is_named_with_row_1(importer: Importer) -> None:
    def drop(wb: Workbook) -> None:
        ws = wb[importer.sheet]
        ws.cell(1, column_of(wb, importer.sheet, importer.required_column)).value = "คอลัมน์อื่น"

    refused_everywhere(importer, edited(importer, drop), f"'{importer.sheet}' แถว 1", importer.required_column)


def test_a_formula_is_never_evaluated_but_refused_naming_its_row_and_column(importer: Importer) -> None:
    def formulas(wb: Workbook) -> None:
        ws = wb[importer.sheet]
        row = importer.first_data_row
        ws.cell(row, column_of(wb, importer.sheet, importer.number_column)).value = "=1+1"
        ws.cell(
            row, column_of(wb, importer.sheet, importer.text_column)
        ).value = '=HYPERLINK("http://evil.example","x")'

    data = edited(importer, formulas)
    before = written()
    with pytest.raises(Invalid) as refused:
        importer.service(data)
    messages = [str(p["message"]) for p in refused.value.problems]
    row = importer.first_data_row
    assert f"แผ่นงาน '{importer.sheet}' แถว {row} คอลัมน์" in messages[0] and "=1+1" in " ".join(messages)
    assert any(importer.number_column in m for m in messages) and any("HYPERLINK" in m for m in messages)
    answer = importer.api(data)
    assert answer.status_code == 422 and "สูตร" in answer.json()["detail"]
    page = importer.web(data)  # the job runs at once under test; its page lists the problems
    assert page.status_code == 302 and "/jobs/" in page["Location"]
    assert "สูตร" in importer.client.get(page["Location"]).content.decode()
    assert written() == before


def test_text_in_a_number_cell_names_its_row_and_column(importer: Importer) -> None:
    def text(wb: Workbook) -> None:
        ws = wb[importer.sheet]
        ws.cell(importer.first_data_row, column_of(wb, importer.sheet, importer.number_column)).value = "สิบห้า"

    before = written()
    with pytest.raises(Invalid) as refused:
        importer.service(edited(importer, text))
    first = refused.value.problems[0]
    assert f"แถว {importer.first_data_row}" in str(first["message"])
    assert importer.number_column in str(first["message"]) + str(first.get("field", "")) or "ค่าเป้าหมาย" in str(
        first["message"]
    )
    assert written() == before


def test_100_000_rows_are_refused_at_once_naming_the_limit(importer: Importer) -> None:
    def grow(wb: Workbook) -> None:
        ws = wb[importer.sheet]
        for row in range(ws.max_row + 1, 100_002):
            ws.cell(row, 1).value = "x"

    refused_everywhere(importer, edited(importer, grow), f"เกิน {importer.max_rows:,} แถว")


def zip_bomb() -> bytes:
    """A workbook-shaped zip whose one sheet inflates from a few kilobytes to 150 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(150):
                sheet.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "ว่างเปล่า"),
        (b"MZ\x90\x00\x03\x00\x00\x00 an executable renamed .xlsx", "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "(.xls)"),
        (b"PK\x05\x06" + b"\x00" * 18, "ไม่ใช่ไฟล์ Excel (.xlsx)"),
    ],
    ids=["empty", "exe", "xls", "empty-zip"],
)
def test_a_file_that_is_not_a_workbook_is_refused(importer: Importer, data: bytes, expected: str) -> None:
    refused_everywhere(importer, data, expected)


def test_a_zip_bomb_is_refused_before_it_is_inflated(importer: Importer) -> None:
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024
    refused_everywhere(importer, bomb, "บีบอัดผิดปกติ")
