"""Small builders for report tests: scores, change requests and meetings on top of the demo world."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.choices import ChangeKind, ChangeLevel, ChangeState
from govkpi.kpis.models import ChangeRequest, Kpi
from govkpi.reviews.models import AgendaItem, Committee, Meeting, Recommendation, Resolution


def fy2565_agencies() -> Framework:
    return Framework.objects.get(fiscal_year__year=2565, group="agencies")


def twelve_month_round(framework: Framework) -> Round:
    return framework.rounds.order_by("-months").first() or Round.objects.create(
        framework=framework, months=12, opens_on=dt.date(2022, 10, 1), closes_on=dt.date(2022, 10, 31)
    )


def change_request(kpi: Kpi, *, level: str = ChangeLevel.MINISTRY, state: str = ChangeState.SUBMITTED) -> ChangeRequest:
    return ChangeRequest.objects.create(
        organisation=kpi.organisation,
        framework=kpi.framework,
        kpi=kpi,
        round=twelve_month_round(kpi.framework),
        kind=ChangeKind.TARGET,
        level=level,
        reason_th="ผลกระทบจากสถานการณ์การแพร่ระบาดของโรคโควิด-19",
        state=state,
    )


def meeting_with_agenda(framework: Framework) -> Meeting:
    committee, _ = Committee.objects.get_or_create(
        code="TEST-WG", defaults={"kind": Committee.Kind.WORKING_GROUP, "name_th": "คณะทำงานเพื่อพิจารณาตัวชี้วัด"}
    )
    meeting = Meeting.objects.create(
        committee=committee,
        number=2,
        year_be=2564,
        held_on=dt.date(2021, 9, 17),
        chair_th="นายวรากรณ์ สามโกเศศ",
        title_th="พิจารณาตัวชี้วัดประจำปีงบประมาณ พ.ศ. 2565",
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        title_th="พิจารณาตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2565",
        framework=framework,
    )
    Resolution.objects.create(agenda_item=item, decision=Resolution.Decision.APPROVE, text_th="ตัวชี้วัดของส่วนราชการ")
    second = AgendaItem.objects.create(meeting=meeting, order=2, title_th="พิจารณาการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด")
    kpis = list(Kpi.objects.filter(framework=framework).order_by("code")[:3])
    second.change_requests.add(
        change_request(kpis[0]), change_request(kpis[1]), change_request(kpis[2], level=ChangeLevel.DEPARTMENT)
    )
    Recommendation.objects.create(
        meeting=meeting,
        organisation=framework.participants.get(code="MOF"),
        text_th="ควรนำประเด็นเรื่องการบริหารจัดการหนี้สาธารณะมาประกอบการพิจารณา",
    )
    return meeting


def publish(framework: Framework) -> None:
    framework.published_at = timezone.now()
    framework.save(update_fields=["published_at"])


def sheet_rows(data: bytes) -> tuple[Worksheet, list[tuple[object, ...]]]:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    return ws, [tuple(row) for row in ws.iter_rows(values_only=True)]
