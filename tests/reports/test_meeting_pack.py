"""A meeting pack: cover, agenda, the tables each item needs and a draft summary in Thai."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from report_helpers import fy2565_agencies, meeting_with_agenda

from govkpi.core.errors import NotAllowed
from govkpi.core.models import Job
from govkpi.core.pdf import ZWSP, strip_breaks, thai_breaks
from govkpi.organisations.access import viewer_for
from govkpi.reports.meeting_pack import meeting_pack, meeting_pack_pdf


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return strip_breaks(out.stdout)


def test_the_draft_summary_reads_like_the_seeds_with_numbers_from_the_data(
    db: None, user_of: Callable[[str], object]
) -> None:
    meeting = meeting_with_agenda(fy2565_agencies())
    pack = meeting_pack(viewer=viewer_for(user_of("committee_secretary")), meeting_id=meeting.pk)
    opening, first, second, *rest = pack.draft_th
    assert opening.startswith("เมื่อวันศุกร์ที่ 17 กันยายน 2564 สำนักงาน ก.พ.ร. ได้จัดการประชุมคณะทำงานเพื่อพิจารณาตัวชี้วัด ครั้งที่ 2/2564")
    assert "โดยมีนายวรากรณ์ สามโกเศศ เป็นประธานการประชุม" in opening
    assert "ในปีงบประมาณ พ.ศ. 2565 มีส่วนราชการเข้ารับการประเมิน 37 ส่วนราชการ" in first
    assert "จำนวน 212 ตัวชี้วัด คิดเป็นร้อยละ 91.38" in first
    assert "ที่ประชุมมีมติเห็นชอบ" in first
    assert "ระดับกระทรวง จำนวน 2 ตัวชี้วัด" in second and "ระดับกรม จำนวน 1 ตัวชี้วัด" in second
    assert rest[-1].startswith("- กระทรวงการคลัง ควรนำประเด็น")


def test_the_pack_pdf_has_a_cover_agenda_tables_and_the_draft(
    db: None, user_of: Callable[[str], object], tmp_path: Path
) -> None:
    meeting = meeting_with_agenda(fy2565_agencies())
    pack = meeting_pack(viewer=viewer_for(user_of("opdc_desk")), meeting_id=meeting.pk)
    text = pdf_text(meeting_pack_pdf(pack), tmp_path)
    for expected in (
        "เอกสารประกอบการประชุม",
        "ระเบียบวาระการประชุม",
        "ส่วนราชการที่เข้ารับการประเมิน",
        "การขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด",
        "(ร่าง)สรุปผลการประชุม",
        strip_breaks(pack.draft_th[1][:120]),
    ):
        assert strip_breaks(expected) in text


def test_a_coordinator_may_not_build_a_meeting_pack(db: None, user_of: Callable[[str], object]) -> None:
    meeting = meeting_with_agenda(fy2565_agencies())
    with pytest.raises(NotAllowed):
        meeting_pack(viewer=viewer_for(user_of("cdd_coordinator")), meeting_id=meeting.pk)


def test_the_page_builds_the_pack_as_a_job(client_as: Callable[[str], Client]) -> None:
    meeting = meeting_with_agenda(fy2565_agencies())
    client = client_as("committee_secretary")
    page = client.get(f"/reports/meetings/{meeting.pk}/pack/")
    assert page.status_code == 200 and "(ร่าง) สรุปผลการประชุม" in page.content.decode()
    response = client.post(f"/reports/meetings/{meeting.pk}/pack/build/")
    job = Job.objects.get(pk=response["Location"].split("/")[2])
    assert job.state == Job.State.DONE, job.message
    assert job.result_name == f"meeting-pack-{meeting.pk}.pdf"
    assert client_as("cdd_coordinator").get(f"/reports/meetings/{meeting.pk}/pack/").status_code == 403


def test_the_api_and_the_command_give_the_pdf(
    client_as: Callable[[str], Client], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = meeting_with_agenda(fy2565_agencies())
    response = client_as("opdc_admin").get(f"/api/v1/reports/meetings/{meeting.pk}/pack.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client_as("cdd_coordinator").get(f"/api/v1/reports/meetings/{meeting.pk}/pack.pdf").status_code == 403
    assert Client().get(f"/api/v1/reports/meetings/{meeting.pk}/pack.pdf").status_code == 401
    out = tmp_path / "pack.pdf"
    call_command("report", "meeting-pack", "--meeting", str(meeting.pk), "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit) as exc:
        call_command("report", "meeting-pack", "--meeting", "999999", "--output", str(out))
    assert exc.value.code == 2 and "ไม่พบการประชุม" in capsys.readouterr().err


def test_the_pack_has_no_mostly_empty_pages_and_says_each_resolution_once(
    db: None, user_of: Callable[[str], object], tmp_path: Path
) -> None:
    meeting = meeting_with_agenda(fy2565_agencies())
    pack = meeting_pack(viewer=viewer_for(user_of("opdc_desk")), meeting_id=meeting.pk)
    assert pack.sections[0].summary is not None
    assert pack.sections[1].summary is None and pack.sections[1].summary_in == 1  # same framework: once
    path = tmp_path / "pack.pdf"
    path.write_bytes(meeting_pack_pdf(pack))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 6  # was 11: a cover page alone, an agenda page alone, the summary twice
    text = pdf_text(path.read_bytes(), tmp_path)
    assert text.count(strip_breaks("มติเห็นชอบ ตัวชี้วัดของส่วนราชการ")) == 1
    assert strip_breaks("มติที่ประชุม") not in text.replace(strip_breaks("ที่ประชุมมีมติ"), "")


def test_thai_word_breaks_never_cut_the_words_of_the_title() -> None:
    broken = thai_breaks("อ.ก.พ.ร. เกี่ยวกับการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ")
    words = broken.replace(" ", ZWSP).split(ZWSP)
    assert "มาตรการ" in words and "ปรับปรุง" in words and "มาตร" not in words
