"""Many accounts from Excel: the template, all or nothing, every problem naming its row and column;
the same import by the page (a background job), the API and the command."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from govkpi.core.errors import Invalid
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Person
from govkpi.organisations.people_excel import people_import, people_template_xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "ตำแหน่ง", "อีเมล", "รหัสหน่วยงาน", "บทบาท"]


def workbook(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "ผู้ใช้งาน"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def person(username: str, organisation: str = "CDD", role: str = "ผู้ประสานงานตัวชี้วัด") -> list[object]:
    return [username, f"ทดสอบ {username}", "นักวิเคราะห์", f"{username}@example.go.th", organisation, role]


def usernames_like(prefix: str) -> list[str]:
    return sorted(get_user_model().objects.filter(username__startswith=prefix).values_list("username", flat=True))


def test_the_template_offers_only_the_roles_and_organisation_the_importer_may_use(user_of: Any) -> None:
    wb = load_workbook(io.BytesIO(people_template_xlsx(viewer_for(user_of("cdd.admin")))))
    assert [c.value for c in wb["ผู้ใช้งาน"][1]] == HEADERS
    legend = [(r[0], r[1]) for r in wb["คำอธิบาย"].iter_rows(min_row=2, values_only=True)]
    assert ("บทบาท", "org_admin") in legend and ("บทบาท", "opdc_admin") not in legend
    assert [code for kind, code in legend if kind == "รหัสหน่วยงาน"] == ["CDD"]


def test_opdc_imports_people_into_several_organisations_and_each_gets_a_link(
    user_of: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = workbook(
        [person("imp.a"), person("imp.b", "P24", "executive"), person("imp.c", "MOF", "Organisation coordinator")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        summary = people_import(viewer=viewer_for(user_of("opdc_admin")), data=data)
    assert summary.created == 3
    assert {
        (p.user.username, p.organisation.code, p.role) for p in Person.objects.filter(user__username__startswith="imp.")
    } == {
        ("imp.a", "CDD", "coordinator"),
        ("imp.b", "P24", "executive"),
        ("imp.c", "MOF", "coordinator"),
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["imp.a@example.go.th", "imp.b@example.go.th", "imp.c@example.go.th"]


def test_an_import_with_any_bad_row_creates_nobody_and_names_every_row_and_column(user_of: Any) -> None:
    data = workbook(
        [
            person("imp.good"),
            person("imp.org", "NOPE"),
            person("imp.role", "CDD", "หัวหน้าใหญ่"),
            person("cdd.coord"),
            person("imp.good"),
            person("imp.opdc", "CDD", "ผู้ดูแลระบบ สำนักงาน ก.พ.ร."),
            person("imp.mof", "MOF"),
            ["imp.mail", "ทดสอบ", "", "ไม่ใช่อีเมล", "CDD", "coordinator"],
        ]
    )
    with pytest.raises(Invalid) as refused:
        people_import(viewer=viewer_for(user_of("cdd.admin")), data=data)
    messages = [p["message"] for p in refused.value.problems]
    assert messages == [
        "แถว 3 คอลัมน์ รหัสหน่วยงาน: ไม่รู้จักรหัสหน่วยงาน NOPE",
        "แถว 4 คอลัมน์ บทบาท: ไม่รู้จักบทบาท หัวหน้าใหญ่",
        "แถว 5 คอลัมน์ ชื่อผู้ใช้: ชื่อผู้ใช้ cdd.coord มีอยู่แล้วในระบบ",
        "แถว 6 คอลัมน์ ชื่อผู้ใช้: ชื่อผู้ใช้ imp.good ซ้ำกับแถว 2",
        "แถว 7 คอลัมน์ บทบาท: คุณกำหนดบทบาท ผู้ดูแลระบบ สำนักงาน ก.พ.ร. ไม่ได้",
        "แถว 8 คอลัมน์ รหัสหน่วยงาน: คุณจัดการผู้ใช้ของ MOF ไม่ได้",
        "แถว 9 คอลัมน์ อีเมล: อีเมล ไม่ใช่อีเมล ไม่ถูกต้อง",
    ]
    assert refused.value.problems[0]["message_en"] == "Row 3, column รหัสหน่วยงาน: unknown organisation code NOPE"
    assert usernames_like("imp.") == []


def test_an_organisation_admins_rows_without_an_organisation_go_to_its_own(user_of: Any) -> None:
    people_import(viewer=viewer_for(user_of("cdd.admin")), data=workbook([person("imp.own", "")]))
    assert Person.objects.get(user__username="imp.own").organisation.code == "CDD"


def test_the_import_page_runs_a_job_and_a_failed_job_lists_the_rows(client_as: Any) -> None:
    client = client_as("cdd.admin")
    template = client.get("/people/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    upload = io.BytesIO(workbook([person("imp.page"), person("imp.bad", "CDD", "opdc_desk")]))
    upload.name = "people.xlsx"
    response = client.post("/people/import/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "/jobs/" in response.redirect_chain[-1][0]
    assert "แถว 3 คอลัมน์ บทบาท" in page
    assert usernames_like("imp.") == []
    ok = io.BytesIO(workbook([person("imp.page")]))
    ok.name = "people.xlsx"
    done = client.post("/people/import/", {"file": ok}, follow=True).content.decode()
    assert "สร้างบัญชีผู้ใช้ 1 บัญชี" in done and usernames_like("imp.") == ["imp.page"]


def test_a_file_without_the_required_columns_is_refused_before_any_job(client_as: Any) -> None:
    upload = io.BytesIO(workbook([["x"]], headers=["อะไร"]))
    upload.name = "people.xlsx"
    response = client_as("opdc_admin").post("/people/import/", {"file": upload})
    assert response.status_code == 422 and "ไม่มีหัวคอลัมน์" in response.content.decode()


def test_the_api_import_answers_422_with_row_problems_and_200_when_done(client_as: Any) -> None:
    client = client_as("opdc_admin")
    bad = io.BytesIO(workbook([person("imp.api", "XX")]))
    bad.name = "people.xlsx"
    refused = client.post("/api/v1/people/excel", {"file": bad})
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["column"] == "รหัสหน่วยงาน"
    good = io.BytesIO(workbook([person("imp.api")]))
    good.name = "people.xlsx"
    done = client.post("/api/v1/people/excel", {"file": good})
    assert done.status_code == 200 and done.json()["state"] == "done"
    assert usernames_like("imp.") == ["imp.api"]


def test_the_command_imports_all_or_nothing(user_of: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([person("imp.cmd"), person("imp.cmd2", "NOPE")]))
    with pytest.raises(CommandError, match="แถว 3 คอลัมน์ รหัสหน่วยงาน"):
        call_command("people", "import", str(bad))
    assert usernames_like("imp.") == []
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([person("imp.cmd"), person("imp.cmd2", "P24")]))
    out = io.StringIO()
    call_command("people", "import", str(good), stdout=out)
    assert "2" in out.getvalue() and usernames_like("imp.") == ["imp.cmd", "imp.cmd2"]


def test_the_command_lists_creates_deactivates_and_reactivates_within_the_callers_remit() -> None:
    out = io.StringIO()
    call_command("people", "--as", "cdd.admin", "list", stdout=out)
    listed = out.getvalue()
    assert "cdd.coord" in listed and "mof.coord" not in listed
    out = io.StringIO()
    call_command(
        "people",
        "--as",
        "cdd.admin",
        "create",
        "imp.cli",
        "--name",
        "ทดสอบ คำสั่ง",
        "--organisation",
        "CDD",
        "--role",
        "executive",
        "--email",
        "imp.cli@example.go.th",
        stdout=out,
    )
    assert "/account/set-password/" in out.getvalue()
    with pytest.raises(CommandError, match=r"opdc_admin|ผู้ดูแลระบบ"):
        call_command(
            "people",
            "--as",
            "cdd.admin",
            "create",
            "imp.cli2",
            "--name",
            "ทดสอบ",
            "--organisation",
            "CDD",
            "--role",
            "opdc_admin",
            "--email",
            "x@example.go.th",
        )
    call_command("people", "--as", "cdd.admin", "deactivate", "imp.cli", "--reason", "ทดสอบ", stdout=io.StringIO())
    assert not get_user_model().objects.get(username="imp.cli").is_active
    call_command("people", "reactivate", "imp.cli", stdout=io.StringIO())
    assert get_user_model().objects.get(username="imp.cli").is_active
