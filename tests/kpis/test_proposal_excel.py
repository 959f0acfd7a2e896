"""The proposal Excel template: export, import back, every row error, all or nothing, access."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from govkpi.core.errors import Conflict, Invalid, NotAllowed, NotFound
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.excel import KPI_SHEET, RULES_SHEET, proposal_export_xlsx
from govkpi.kpis.importing import proposal_import, proposal_visible
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.access import viewer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal() -> Proposal:
    """CDD's FY2566 draft: three Performance Base KPIs (30/20/20) and two Potential Base (15/15)."""
    return Proposal.objects.get(framework__fiscal_year__year=2566, organisation__code="CDD")


def workbook(proposal: Proposal) -> Workbook:
    return load_workbook(io.BytesIO(proposal_export_xlsx(proposal)))


def col(wb: Workbook, header: str) -> int:
    return next(c.column for c in wb[KPI_SHEET][1] if c.value == header)


def save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def snapshot(proposal: Proposal) -> list[tuple[Any, ...]]:
    return [
        (
            k.code,
            k.name_th,
            k.weight,
            list(k.targets),
            k.component_id,
            k.is_monitor,
            sorted(p.code for p in k.plan_links.all()),
        )
        for k in proposal.kpis.order_by("code").prefetch_related("plan_links")
    ]


def history_rows(proposal: Proposal) -> int:
    return Kpi.history.filter(proposal_id=proposal.pk).count()  # type: ignore[attr-defined,no-any-return]


def messages(exc: pytest.ExceptionInfo[Invalid]) -> list[str]:
    return [str(p["message"]) for p in exc.value.problems]


def test_the_template_carries_the_rules_and_every_kpi(proposal: Proposal) -> None:
    wb = workbook(proposal)
    rules = [r for r in wb[RULES_SHEET].iter_rows(values_only=True)]
    flat = [v for r in rules for v in r if v is not None]
    assert 2566 in flat and "CDD" in flat and "performance" in flat and "ขั้นสูง" in flat
    ws = wb[KPI_SHEET]
    assert ws.freeze_panes == "A2"
    assert ws.max_row - 1 == proposal.kpis.count()
    headers = [c.value for c in ws[1]]
    assert {"องค์ประกอบ (รหัส)", "รหัส KPI Basket", "น้ำหนัก (ร้อยละ)", "ขั้นต้น", "มาตรฐาน", "ขั้นสูง", "ตัวชี้วัด Monitor"} <= set(
        headers
    )
    assert ws.data_validations.dataValidation, "dropdowns for component, origin, direction…"


def test_importing_the_template_unchanged_changes_nothing(user_of: Callable[[str], Any], proposal: Proposal) -> None:
    before, rows, lock = snapshot(proposal), history_rows(proposal), proposal.lock_version
    summary = proposal_import(by=user_of("cdd_coordinator"), data=proposal_export_xlsx(proposal), proposal=proposal)
    assert (summary.created, summary.updated, summary.removed, summary.unchanged) == (0, 0, 0, 5)
    proposal.refresh_from_db()
    assert snapshot(proposal) == before and history_rows(proposal) == rows and proposal.lock_version == lock


def test_an_import_replaces_the_kpis_and_bumps_the_lock_version(
    user_of: Callable[[str], Any], proposal: Proposal
) -> None:
    wb = workbook(proposal)
    ws = wb[KPI_SHEET]
    # Drop the third Performance KPI (20) and give its weight to a new proposed KPI.
    values = [[c.value for c in ws[3]]]
    ws.delete_rows(4)
    new = ws.max_row + 1
    for c, v in enumerate(values[0], start=1):
        ws.cell(new, c).value = v
    ws.cell(new, col(wb, "รหัสตัวชี้วัด")).value = "CDD-66-NEW"
    ws.cell(new, col(wb, "ชื่อตัวชี้วัด")).value = "จำนวนผลิตภัณฑ์ชุมชนที่ได้รับมาตรฐาน"
    ws.cell(new, col(wb, "ที่มา")).value = "ส่วนราชการเสนอเพิ่มเติม"
    ws.cell(new, col(wb, "รหัส KPI Basket")).value = None
    ws.cell(new, col(wb, "ความเชื่อมโยงกับแผน (รหัส)")).value = "MP16"
    removed_code = proposal.kpis.order_by("order")[2].code
    lock = proposal.lock_version
    summary = proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal)
    assert (summary.created, summary.removed) == (1, 1)
    proposal.refresh_from_db()
    assert proposal.lock_version == lock + 1
    assert not proposal.kpis.filter(code=removed_code).exists()
    created = proposal.kpis.get(code="CDD-66-NEW")
    assert created.origin == "proposed" and created.basket is None
    assert [p.code for p in created.plan_links.all()] == ["MP16"]
    assert created.history.first().history_user == user_of("cdd_coordinator")
    assert Kpi.history.filter(code=removed_code, history_type="-").exists()
    assert proposal.history.first().history_user == user_of("cdd_coordinator")


def test_every_row_error_names_its_row_and_column_and_nothing_is_saved(
    user_of: Callable[[str], Any], proposal: Proposal
) -> None:
    wb = workbook(proposal)
    ws = wb[KPI_SHEET]
    ws.cell(2, col(wb, "ทิศทาง")).value = "ขึ้นลง"
    ws.cell(2, col(wb, "ขั้นสูง")).value = "มาก"
    ws.cell(3, col(wb, "องค์ประกอบ (รหัส)")).value = "luck"
    ws.cell(3, col(wb, "รหัส KPI Basket")).value = "NOPE-1"
    ws.cell(4, col(wb, "ความเชื่อมโยงกับแผน (รหัส)")).value = "XX99"
    ws.cell(4, col(wb, "น้ำหนัก (ร้อยละ)")).value = "ยี่สิบ"
    ws.cell(4, col(wb, "ตัวชี้วัด Monitor")).value = "อาจจะ"
    ws.cell(5, col(wb, "รหัสตัวชี้วัด")).value = ws.cell(6, col(wb, "รหัสตัวชี้วัด")).value
    ws.cell(6, col(wb, "ชื่อตัวชี้วัด")).value = None
    ws.cell(6, col(wb, "ที่มา")).value = "ส่วนราชการเสนอเพิ่มเติม"  # but keeps its Basket code
    count, rows, before = proposal.kpis.count(), history_rows(proposal), snapshot(proposal)
    with pytest.raises(Invalid) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal)
    found = messages(exc)
    for start in (
        "แถว 2 คอลัมน์ ทิศทาง: 'ขึ้นลง' ไม่ใช่ค่าที่ใช้ได้",
        "แถว 2 คอลัมน์ ขั้นสูง: ต้องเป็นตัวเลข",
        "แถว 3 คอลัมน์ องค์ประกอบ (รหัส): ไม่พบองค์ประกอบ 'luck'",
        "แถว 3 คอลัมน์ รหัส KPI Basket: ไม่พบรหัส NOPE-1",
        "แถว 4 คอลัมน์ ความเชื่อมโยงกับแผน (รหัส): ไม่พบรหัสแผน XX99",
        "แถว 4 คอลัมน์ น้ำหนัก (ร้อยละ): ต้องเป็นตัวเลข",
        "แถว 4 คอลัมน์ ตัวชี้วัด Monitor: ",
        "แถว 6 คอลัมน์ รหัสตัวชี้วัด: รหัส",
        "แถว 6 คอลัมน์ ชื่อตัวชี้วัด: ต้องระบุ",
        "แถว 6 คอลัมน์ รหัส KPI Basket: ตัวชี้วัดที่เสนอเพิ่มเติมต้องเว้นว่าง",
    ):
        assert any(m.startswith(start) for m in found), (start, found)
    assert proposal.kpis.count() == count and history_rows(proposal) == rows and snapshot(proposal) == before


def test_the_whole_proposal_is_checked_with_the_scoring_rules(
    user_of: Callable[[str], Any], proposal: Proposal
) -> None:
    wb = workbook(proposal)
    ws = wb[KPI_SHEET]
    ws.cell(2, col(wb, "น้ำหนัก (ร้อยละ)")).value = 25  # Performance now sums to 65, not 70
    ws.cell(3, col(wb, "มาตรฐาน")).value = ws.cell(3, col(wb, "ขั้นสูง")).value  # ladder not increasing
    with pytest.raises(Invalid) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal)
    found = messages(exc)
    assert any("แถว 2, 3, 4" in m and "รวมกันได้ 65" in m for m in found), found
    assert any(m.startswith("แถว 3 คอลัมน์ ขั้นต้น: ค่าเป้าหมายของตัวชี้วัด") for m in found), found
    # Too few KPIs in a component is counted too.
    wb = workbook(proposal)
    wb[KPI_SHEET].delete_rows(6)
    with pytest.raises(Invalid) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal)
    potential = proposal.framework.components.get(code="potential").name_th
    assert any(f"องค์ประกอบ “{potential}”" in m and "ต้องมี" in m for m in messages(exc))  # named, not coded


def test_a_target_below_the_national_plan_needs_a_reason(user_of: Callable[[str], Any], proposal: Proposal) -> None:
    wb = workbook(proposal)
    ws = wb[KPI_SHEET]
    ws.cell(2, col(wb, "ค่าเป้าหมายตามแผน (ตัวเลข)")).value = 1_000_000
    with pytest.raises(Invalid) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal)
    assert any(m.startswith("แถว 2 คอลัมน์ เหตุผลกรณีค่าเป้าหมายต่ำกว่าแผน") for m in messages(exc))
    ws.cell(2, col(wb, "เหตุผลกรณีค่าเป้าหมายต่ำกว่าแผน")).value = "งบประมาณจำกัด"
    proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal)
    assert proposal.kpis.get(code=ws.cell(2, col(wb, "รหัสตัวชี้วัด")).value).below_plan_reason_th == "งบประมาณจำกัด"


def test_a_stale_file_is_a_conflict(user_of: Callable[[str], Any], proposal: Proposal) -> None:
    data = proposal_export_xlsx(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(lock_version=proposal.lock_version + 1)
    with pytest.raises(Conflict) as exc:
        proposal_import(by=user_of("cdd_coordinator"), data=data, proposal=proposal)
    assert exc.value.current == {"lock_version": proposal.lock_version + 1, "state": "draft"}


def test_only_draft_or_returned_proposals_are_imported(user_of: Callable[[str], Any], proposal: Proposal) -> None:
    data = proposal_export_xlsx(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.OPDC_REVIEW)
    with pytest.raises(Conflict):
        proposal_import(by=user_of("cdd_coordinator"), data=data, proposal=proposal)
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.RETURNED)
    assert proposal_import(by=user_of("cdd_coordinator"), data=data, proposal=proposal).unchanged == 5


def test_another_departments_coordinator_cannot_see_or_import(
    user_of: Callable[[str], Any], proposal: Proposal
) -> None:
    with pytest.raises(NotFound):
        proposal_visible(viewer=viewer_for(user_of("mof_coordinator")), pk=proposal.pk)
    with pytest.raises(NotAllowed):
        proposal_import(by=user_of("mof_coordinator"), data=proposal_export_xlsx(proposal))
    with pytest.raises(NotAllowed):
        proposal_import(by=user_of("cdd_executive"), data=proposal_export_xlsx(proposal))
    assert proposal_import(by=user_of("opdc_desk"), data=proposal_export_xlsx(proposal)).unchanged == 5


def test_the_page_downloads_and_uploads_through_a_job(client_as: Callable[[str], Client], proposal: Proposal) -> None:
    client = client_as("cdd_coordinator")
    page = client.get(f"/proposals/{proposal.pk}/excel/")
    assert page.status_code == 200 and "ดาวน์โหลดแม่แบบ Excel" in page.content.decode()
    download = client.get(f"/proposals/{proposal.pk}/excel/template.xlsx")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    upload = io.BytesIO(download.content)
    upload.name = "cdd.xlsx"
    response = client.post(f"/proposals/{proposal.pk}/excel/", {"file": upload}, follow=True)
    assert "/jobs/" in response.redirect_chain[-1][0]
    assert "ไม่เปลี่ยนแปลง 5" in response.content.decode()


def test_the_page_is_hidden_from_another_department(client_as: Callable[[str], Client], proposal: Proposal) -> None:
    client = client_as("mof_coordinator")
    assert client.get(f"/proposals/{proposal.pk}/excel/").status_code == 404
    assert client.get(f"/proposals/{proposal.pk}/excel/template.xlsx").status_code == 404
    assert client.post(f"/proposals/{proposal.pk}/excel/", {"file": io.BytesIO(b"x")}).status_code == 404
    executive = client_as("cdd_executive").get(f"/proposals/{proposal.pk}/excel/").content.decode()
    assert "นำเข้าไฟล์ที่แก้ไขแล้ว" not in executive


def test_the_api_exports_and_imports(client_as: Callable[[str], Client], proposal: Proposal) -> None:
    client = client_as("cdd_coordinator")
    download = client.get(f"/api/v1/proposals/{proposal.pk}/excel")
    assert download.status_code == 200
    wb = load_workbook(io.BytesIO(download.content))
    wb[KPI_SHEET].cell(2, col(wb, "น้ำหนัก (ร้อยละ)")).value = "x"
    bad = io.BytesIO(save(wb))
    bad.name = "bad.xlsx"
    response = client.post(f"/api/v1/proposals/{proposal.pk}/excel", {"file": bad})
    assert response.status_code == 422
    assert response.json()["problems"][0]["message"].startswith("แถว 2 คอลัมน์ น้ำหนัก (ร้อยละ)")
    good = io.BytesIO(download.content)
    good.name = "good.xlsx"
    assert client.post(f"/api/v1/proposals/{proposal.pk}/excel", {"file": good}).status_code == 200
    other = client_as("mof_coordinator")
    assert other.get(f"/api/v1/proposals/{proposal.pk}/excel").status_code == 404
    good.seek(0)
    assert other.post(f"/api/v1/proposals/{proposal.pk}/excel", {"file": good}).status_code == 404
    good.seek(0)
    assert client_as("cdd_executive").post(f"/api/v1/proposals/{proposal.pk}/excel", {"file": good}).status_code == 403
    Proposal.objects.filter(pk=proposal.pk).update(lock_version=proposal.lock_version + 5)
    good.seek(0)
    assert client.post(f"/api/v1/proposals/{proposal.pk}/excel", {"file": good}).status_code == 409


def test_the_commands_export_and_exit_2_on_row_errors(
    tmp_path: Path, proposal: Proposal, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cdd.xlsx"
    call_command("proposal", "export", str(path), year=2566, org="CDD")
    call_command("proposal", "import", str(path))
    assert "ไม่เปลี่ยนแปลง 5" in capsys.readouterr().out
    wb = load_workbook(path)
    wb[KPI_SHEET].cell(3, col(wb, "ทิศทาง")).value = "เดา"
    wb.save(path)
    with pytest.raises(SystemExit) as exit_:
        call_command("proposal", "import", str(path))
    assert exit_.value.code == 2
    assert "แถว 3 คอลัมน์ ทิศทาง" in capsys.readouterr().err


def test_a_changed_kpi_gets_a_new_lock_version_and_the_proposal_page_links_here(
    user_of: Callable[[str], Any], client_as: Callable[[str], Client], proposal: Proposal
) -> None:
    wb = workbook(proposal)
    code = wb[KPI_SHEET].cell(2, col(wb, "รหัสตัวชี้วัด")).value
    before = proposal.kpis.get(code=code).lock_version
    wb[KPI_SHEET].cell(2, col(wb, "แหล่งข้อมูล")).value = "ระบบ กชช. 2ค"  # a field the Basket lets it tune
    assert proposal_import(by=user_of("cdd_coordinator"), data=save(wb), proposal=proposal).updated == 1
    kpi = proposal.kpis.get(code=code)
    assert kpi.data_source_th == "ระบบ กชช. 2ค" and kpi.lock_version == before + 1
    page = client_as("cdd_coordinator").get(f"/proposals/{proposal.pk}/").content.decode()
    assert f"/proposals/{proposal.pk}/excel/" in page


def test_a_bad_upload_shows_every_row_error_on_the_result_page(
    client_as: Callable[[str], Client], proposal: Proposal
) -> None:
    wb = workbook(proposal)
    wb[KPI_SHEET].cell(3, col(wb, "ทิศทาง")).value = "ขึ้นลง"
    wb[KPI_SHEET].cell(5, col(wb, "น้ำหนัก (ร้อยละ)")).value = None
    upload = io.BytesIO(save(wb))
    upload.name = "bad.xlsx"
    before = snapshot(proposal)
    response = client_as("cdd_coordinator").post(f"/proposals/{proposal.pk}/excel/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "แถว 3 คอลัมน์ ทิศทาง" in page and "แถว 5 คอลัมน์ น้ำหนัก (ร้อยละ): ต้องระบุ" in page
    assert snapshot(proposal) == before


def test_the_openapi_document_declares_the_import_errors(client: Client) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/proposals/{proposal_id}/excel"]
    assert {"401", "403", "404", "409", "422"} <= set(operation["post"]["responses"])
    assert {"401", "403", "404"} <= set(operation["get"]["responses"])
