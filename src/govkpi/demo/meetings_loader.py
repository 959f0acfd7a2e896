"""Load the seeds' committee meetings (demo/data/meetings.py): idempotent, keyed on committee + ครั้งที่.

Only meetings of our committees are loaded (the working group, อ.ก.พ.ร., ก.พ.ร.); the Cabinet
session and the briefings of the seeds are not committee meetings and are left out. Their
resolutions are history, stored as recorded (not replayed through the workflow).

One illustrative meeting is added so the demo has work to do: อ.ก.พ.ร. ครั้งที่ 4/2566 with a
pending change request of ชลบุรี (FY2566, round 12, lower targets) on its agenda. FY2565 is not
used: its round-12 results are locked and published, so no change may reach back into it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from govkpi.demo.data import meetings as data
from govkpi.frameworks.models import Round
from govkpi.kpis.changes import level_for, record_event
from govkpi.kpis.choices import ChangeKind, ChangeState
from govkpi.kpis.models import ChangeRequest, Kpi
from govkpi.organisations.models import Organisation
from govkpi.reviews.models import AgendaItem, Committee, Meeting, Recommendation, Resolution

COMMITTEE_OF = {"working_group": "WG-AGENCIES", "subcommittee": "OPDC-SUB", "commission": "OPDC"}
DEMO_CR_REASON = "สถานการณ์อุทกภัยในพื้นที่ทำให้ดำเนินการได้ไม่ครบตามแผน จึงขอปรับค่าเป้าหมายรอบ 12 เดือน (ตัวอย่าง)"
DEMO_ORGANISATION = "P20"  # ชลบุรี


def _load_seed_meeting(spec: data.Meeting) -> bool:
    code = COMMITTEE_OF.get(spec.kind)
    if code is None or spec.number is None:
        return False
    committee = Committee.objects.filter(code=code).first()
    if committee is None:
        return False
    number, year_be = (int(x) for x in spec.number.split("/"))
    meeting, made = Meeting.objects.get_or_create(
        committee=committee,
        number=number,
        year_be=year_be,
        defaults={
            "held_on": spec.date,
            "mode": Meeting.Mode.ELECTRONIC if spec.electronic else Meeting.Mode.ONSITE,
            "chair_th": spec.chair_th or "",
            "title_th": spec.title_th,
            "summary_th": "\n".join(spec.summary_th),
        },
    )
    if not made:
        return False
    orgs = {
        o.code: o
        for o in Organisation.objects.filter(code__in=[r.organisation for a in spec.agenda for r in a.recommendations])
    }
    for item in spec.agenda:
        agenda = AgendaItem.objects.create(meeting=meeting, order=item.number, title_th=item.title_th)
        for kind in item.resolution_kinds:
            Resolution.objects.create(agenda_item=agenda, decision=kind, text_th=item.resolution_th)
        for rec in item.recommendations:
            if rec.organisation in orgs:
                Recommendation.objects.create(meeting=meeting, organisation=orgs[rec.organisation], text_th=rec.text_th)
    return True


def _load_pending_example() -> bool:
    committee = Committee.objects.filter(code="OPDC-SUB").first()
    kpi = (
        Kpi.objects.filter(
            organisation__code=DEMO_ORGANISATION,
            framework__fiscal_year__year=2566,
            is_monitor=False,
            cascade__isnull=True,
            versions__number=1,
        )
        .order_by("order")
        .first()
    )
    if committee is None or kpi is None or len(kpi.targets) < 2:
        return False
    meeting, made = Meeting.objects.get_or_create(
        committee=committee,
        number=4,
        year_be=2566,
        defaults={
            "held_on": dt.date(2023, 8, 24),
            "mode": Meeting.Mode.ELECTRONIC,
            "chair_th": data.CHAIR_TH,
            "title_th": "การประชุม อ.ก.พ.ร. เกี่ยวกับการประเมินส่วนราชการฯ ครั้งที่ 4/2566 (ตัวอย่าง)",
        },
    )
    if not made:
        return False
    round_ = Round.objects.get(framework=kpi.framework, months=12)
    t0, t1 = Decimal(str(kpi.targets[0])), Decimal(str(kpi.targets[1]))
    targets = [t0, (t0 + t1) / 2, t1]
    User = get_user_model()
    coordinator = User.objects.filter(person__organisation=kpi.organisation, person__role="coordinator").first()
    cr = ChangeRequest.objects.create(
        organisation=kpi.organisation,
        framework=kpi.framework,
        kpi=kpi,
        round=round_,
        kind=ChangeKind.TARGET,
        level=level_for(kpi.organisation),
        reason_th=DEMO_CR_REASON,
        proposed={"targets": [format(t.normalize(), "f") for t in targets]},
        state=ChangeState.SUBMITTED,
        created_by=coordinator,
    )
    record_event(cr, action="file", from_state="", to_state=cr.state, by=coordinator, comment=cr.reason_th, kpi=kpi)
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        title_th="พิจารณาการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัดของจังหวัด ประจำปีงบประมาณ พ.ศ. 2566 รอบ 12 เดือน (ตัวอย่าง)",
        framework=kpi.framework,
    )
    item.change_requests.set([cr])
    return True


def load() -> dict[str, int]:
    made = sum(_load_seed_meeting(spec) for spec in data.MEETINGS)
    made += _load_pending_example()
    return {"meetings": made}
