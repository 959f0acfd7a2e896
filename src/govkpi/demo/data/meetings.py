"""The meetings of the seeds, with agenda items, resolutions, recommendations and counts.

Taken from the seeds: dates, numbers (ครั้งที่), chairs, whether electronic, the agenda
topics, the counts, and the four recommendations of the working group (verbatim, seed 002).
The wording of ``resolution_th`` summarises the seed; where a seed says only that an item
was "considered" (พิจารณา), the outcome เห็นชอบ is our assumption (illustrative).
Dates are Gregorian ``datetime.date`` (พ.ศ. = ค.ศ. + 543).

``MEETINGS`` holds the three meetings of the brief (working group 2/2564, อ.ก.พ.ร. 6/2565,
the 4 July 2565 briefing) and three more events of the seeds: ก.พ.ร. 2/2564 and the Cabinet
resolution of 20 July 2564 (seed 003), and CDD's own briefing of 9 February 2564 (seed 004).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

CommitteeKind = Literal["working_group", "subcommittee", "commission", "cabinet", "briefing"]
ResolutionKind = Literal["approve", "acknowledge", "comment"]

RESOLUTION_NAMES_TH: Final[dict[ResolutionKind, str]] = {
    "approve": "เห็นชอบ",
    "acknowledge": "รับทราบ",
    "comment": "ให้ความคิดเห็น",
}

WORKING_GROUP_NAME_TH: Final = "คณะทำงานเพื่อพิจารณาตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ"
SUBCOMMITTEE_NAME_TH: Final = (
    "คณะอนุกรรมการพัฒนาระบบราชการเกี่ยวกับการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ (อ.ก.พ.ร.)"
)
COMMISSION_NAME_TH: Final = "คณะกรรมการพัฒนาระบบราชการ (ก.พ.ร.)"
CHAIR_TH: Final = "นายวรากรณ์ สามโกเศศ"


@dataclass(frozen=True, slots=True)
class Fact:
    """A count or percentage reported to a meeting; ``key`` is a stable ASCII name."""

    key: str
    label_th: str
    value: Decimal


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation (ข้อเสนอแนะ) addressed to one organisation, by its code."""

    organisation: str
    text_th: str


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One agenda item (ระเบียบวาระ) with what the meeting resolved (มติ)."""

    number: int
    title_th: str
    resolution_kinds: tuple[ResolutionKind, ...]
    resolution_th: str
    facts: tuple[Fact, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    related_kpis: tuple[str, ...] = ()
    """Codes of ``basket.SpecialKpi`` records this item decided on."""


@dataclass(frozen=True, slots=True)
class Meeting:
    """A committee meeting, Cabinet session or briefing; ``organiser`` is an organisation code."""

    code: str
    kind: CommitteeKind
    body_th: str
    title_th: str
    number: str | None
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    electronic: bool | None
    """None when the seed does not say."""
    channel_th: str
    chair_th: str | None
    organiser: str
    fiscal_years: tuple[int, ...]
    agenda: tuple[AgendaItem, ...]
    summary_th: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    deadline: dt.date | None = None
    deadline_th: str = ""


def _f(key: str, label_th: str, value: str | int) -> Fact:
    return Fact(key, label_th, Decimal(value))


WORKING_GROUP_2_2564: Final = Meeting(
    code="WG-2-2564",
    kind="working_group",
    body_th=WORKING_GROUP_NAME_TH,
    title_th="การประชุมคณะทำงานเพื่อพิจารณาตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2565 ครั้งที่ 2/2564",
    number="2/2564",
    date=dt.date(2021, 9, 17),
    start_time=None,
    end_time=None,
    electronic=True,
    channel_th="ผ่านระบบอิเล็กทรอนิกส์",
    chair_th=CHAIR_TH,
    organiser="OPDC",
    fiscal_years=(2565,),
    summary_th=(
        "ตัวชี้วัดการประเมินผล ปี 2565 ผ่านการพิจารณาจากคณะกรรมการกำกับการประเมินผลฯ แล้ว จำนวน 37 ส่วนราชการ (18 กระทรวง, 13 ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี และ 6 ส่วนราชการไม่สังกัดฯ) รวม 232 ตัวชี้วัด เป็นตัวชี้วัดที่ใช้ในการประเมินผล 210 ตัวชี้วัด และตัวชี้วัด Monitor 22 ตัวชี้วัด",
        "ตัวชี้วัดส่วนใหญ่คัดเลือกจาก KPI Basket จำนวน 212 ตัวชี้วัด (ร้อยละ 91.38) และส่วนราชการเสนอเพิ่มเติม 20 ตัวชี้วัด (ร้อยละ 8.62)",
        "มี Joint KPIs ระหว่างกระทรวง ระหว่างกระทรวงกับจังหวัด และกับองค์การมหาชน รวมทั้ง Joint KPIs เพื่อขับเคลื่อนงานบริการ Agenda (e-Service) ตามมติ ครม. วันที่ 3 สิงหาคม 2564",
        "มีตัวชี้วัดที่รองรับการฟื้นฟูและแก้ปัญหาสถานการณ์โรคโควิด-19",
        "ค่าเป้าหมายของส่วนราชการร้อยละ 87 ตอบโจทย์เป้าหมายของประเทศทั้งทางตรงและทางอ้อม",
        "บางกลุ่มตัวชี้วัดกำหนดเป้าหมายต่ำกว่าเป้าหมายตามแผนฯ เนื่องจากข้อจำกัดด้านงบประมาณและผลกระทบจากโรคโควิด-19",
    ),
    agenda=(
        AgendaItem(
            number=1,
            title_th="พิจารณาตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2565",
            resolution_kinds=("approve",),
            resolution_th="เห็นชอบตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2565 และให้ข้อเสนอแนะเพิ่มเติมเกี่ยวกับการกำหนดตัวชี้วัดของส่วนราชการ ทั้งนี้ สำนักงาน ก.พ.ร. จะแจ้งความเห็นของคณะทำงานฯ ให้ส่วนราชการ และนำตัวชี้วัดเสนอ อ.ก.พ.ร. ประเมินฯ พิจารณา ก่อนเสนอรัฐมนตรีพิจารณาในลำดับต่อไป",
            facts=(
                _f("agencies_total", "ส่วนราชการที่กำหนดตัวชี้วัดแล้ว", 37),
                _f("ministries", "กระทรวง", 18),
                _f("pm_office_agencies", "ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี", 13),
                _f("independent_agencies", "ส่วนราชการไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง", 6),
                _f("kpis_total", "ตัวชี้วัดทั้งหมด", 232),
                _f("kpis_scored", "ตัวชี้วัดที่ใช้ในการประเมินผล", 210),
                _f("kpis_monitor", "ตัวชี้วัด Monitor (รายงานผลแต่ไม่นำผลมาประเมิน)", 22),
                _f("kpis_from_basket", "ตัวชี้วัดที่คัดเลือกจาก KPI Basket", 212),
                _f("kpis_from_basket_pct", "ร้อยละของตัวชี้วัดที่คัดเลือกจาก KPI Basket", "91.38"),
                _f("kpis_proposed", "ตัวชี้วัดที่ส่วนราชการเสนอเพิ่มเติม", 20),
                _f("kpis_proposed_pct", "ร้อยละของตัวชี้วัดที่ส่วนราชการเสนอเพิ่มเติม", "8.62"),
                _f("targets_meet_national_goals_pct", "ร้อยละของค่าเป้าหมายที่ตอบโจทย์เป้าหมายของประเทศ", 87),
            ),
            recommendations=(
                Recommendation(
                    "MOF",
                    "กระทรวงการคลัง ควรนำประเด็นเรื่องการบริหารจัดการหนี้สาธารณะให้อยู่ภายในกรอบวงเงิน และการประเมินประสิทธิภาพของการใช้จ่ายเงินกู้โควิด-19 มาประกอบการพิจารณากำหนดตัวชี้วัดหนี้สาธารณะ ที่กำหนดไว้เป็นตัวชี้วัด Monitor ด้วย",
                ),
                Recommendation("MOC", "กระทรวงพาณิชย์ ควรเพิ่มตัวชี้วัดเกี่ยวกับการช่วยเหลือธุรกิจ SME ที่อยู่ในสถานะล้มละลาย"),
                Recommendation("MOL", "กระทรวงแรงงาน ควรเพิ่มตัวชี้วัดเกี่ยวกับการดูแลแรงงานต่างด้าว"),
                Recommendation(
                    "MOE",
                    "กระทรวงศึกษาธิการ ควรพิจารณานำผลการประเมิน PISA มาพิจารณาประกอบการกำหนดตัวชี้วัดด้วย แม้จะไม่มีการประกาศผลทุกปี แต่ส่วนราชการควรวัดผลเกี่ยวกับการดำเนินการเพื่อผลักดันในเรื่องดังกล่าว",
                ),
            ),
            related_kpis=("J65-ES",),
        ),
    ),
)

SUBCOMMITTEE_6_2565: Final = Meeting(
    code="SUBC-6-2565",
    kind="subcommittee",
    body_th=SUBCOMMITTEE_NAME_TH,
    title_th="การประชุม อ.ก.พ.ร. เกี่ยวกับการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ครั้งที่ 6/2565",
    number="6/2565",
    date=dt.date(2022, 9, 22),
    start_time=None,
    end_time=None,
    electronic=True,
    channel_th="ผ่านสื่ออิเล็กทรอนิกส์",
    chair_th=CHAIR_TH,
    organiser="OPDC",
    fiscal_years=(2565, 2566),
    agenda=(
        AgendaItem(
            number=1,
            title_th="พิจารณาการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน",
            resolution_kinds=("approve", "acknowledge"),
            resolution_th="พิจารณาการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัดระดับกระทรวง หน่วยงานในสังกัดสำนักนายกรัฐมนตรี และหน่วยงานไม่สังกัดสำนักนายกรัฐมนตรี กระทรวง หรือทบวง จำนวนรวม 20 ตัวชี้วัด และรับทราบการเปลี่ยนแปลงรายละเอียดตัวชี้วัดระดับกรม จำนวน 19 ตัวชี้วัด",
            facts=(
                _f("change_requests_ministry_level", "ตัวชี้วัดระดับกระทรวงและหน่วยงานเทียบเท่าที่ขอเปลี่ยนแปลง (พิจารณา)", 20),
                _f("change_requests_department_level", "ตัวชี้วัดระดับกรมที่ขอเปลี่ยนแปลง (รับทราบ)", 19),
            ),
        ),
        AgendaItem(
            number=2,
            title_th="พิจารณาการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของจังหวัด ประจำปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน",
            resolution_kinds=("approve",),
            resolution_th="พิจารณาการขอเปลี่ยนแปลงรายละเอียดตัวชี้วัดของ 35 จังหวัด จำนวน 9 ตัวชี้วัด และเห็นชอบผลการดำเนินงานตามตัวชี้วัดการพัฒนาพื้นที่อุตสาหกรรมเข้าสู่เมืองอุตสาหกรรมเชิงนิเวศ ปีงบประมาณ พ.ศ. 2565 ของจังหวัดฉะเชิงเทรา",
            facts=(
                _f("change_request_provinces", "จังหวัดที่ขอเปลี่ยนแปลงรายละเอียดตัวชี้วัด", 35),
                _f("change_request_province_kpis", "ตัวชี้วัดของจังหวัดที่ขอเปลี่ยนแปลง", 9),
            ),
            related_kpis=("A65-24-01",),
        ),
        AgendaItem(
            number=3,
            title_th="ตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของจังหวัด ประจำปีงบประมาณ พ.ศ. 2566 ทั้ง 76 จังหวัด",
            resolution_kinds=("comment",),
            resolution_th="ให้ความคิดเห็นต่อตัวชี้วัดของจังหวัด ประจำปีงบประมาณ พ.ศ. 2566 ทั้ง 76 จังหวัด ที่ผ่านการพิจารณาของคณะกรรมการกำกับการประเมินผลการปฏิบัติราชการของจังหวัด ซึ่งมีปลัดกระทรวงมหาดไทยเป็นประธาน โดยมีตัวชี้วัดนโยบายเร่งด่วนของกระทรวงมหาดไทย ได้แก่ การขับเคลื่อนการดำเนินงานของ ศจพ. ถ่ายทอดลงไปทั้ง 76 จังหวัด",
            facts=(_f("provinces", "จังหวัดที่เสนอตัวชี้วัด", 76),),
            related_kpis=("U66-01",),
        ),
        AgendaItem(
            number=4,
            title_th="สรุปผลการดำเนินงานที่สำคัญของ อ.ก.พ.ร. เกี่ยวกับการประเมินส่วนราชการฯ ในปีงบประมาณ พ.ศ. 2565 และข้อเสนอแนวทางการดำเนินงานในปีงบประมาณ พ.ศ. 2566",
            resolution_kinds=("acknowledge", "approve"),
            resolution_th="รับทราบสรุปผลการดำเนินงานที่สำคัญในปีงบประมาณ พ.ศ. 2565 และเห็นชอบข้อเสนอแนวทางการดำเนินงานและเป้าหมายการขับเคลื่อนการพัฒนาระบบราชการในปีงบประมาณ พ.ศ. 2566 ได้แก่ การจัดกลุ่มตัวชี้วัดเชิงยุทธศาสตร์สำคัญ (Strategic KPIs) การกำกับติดตามตัวชี้วัดขับเคลื่อนการบูรณาการร่วมกัน (Joint KPIs) แนวทางการกำหนดตัวชี้วัดตามภารกิจพื้นฐานของจังหวัด (Function KPIs / Area KPIs) และการสื่อสารสร้างความเข้าใจกับส่วนราชการและจังหวัด",
        ),
    ),
)

BRIEFING_2565_07_04: Final = Meeting(
    code="BRIEF-2565-07-04",
    kind="briefing",
    body_th="สำนักงาน ก.พ.ร.",
    title_th="การประชุมชี้แจงแนวทางการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของจังหวัด ประจำปีงบประมาณ พ.ศ. 2566",
    number=None,
    date=dt.date(2022, 7, 4),
    start_time=dt.time(9, 30),
    end_time=dt.time(12, 0),
    electronic=True,
    channel_th="ระบบ ZOOM Meeting และ YouTube Live",
    chair_th=None,
    organiser="OPDC",
    fiscal_years=(2566,),
    summary_th=(
        "กรอบแนวทางการประเมินฯ ของจังหวัดมุ่งเน้นการบูรณาการเพื่อขับเคลื่อนเป้าหมายตามยุทธศาสตร์ชาติ แผนแม่บทฯ (ร่าง) แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13 แผนการปฏิรูปประเทศ แผนบูรณาการการพัฒนาที่ยั่งยืน (SDGs) และนโยบายสำคัญ",
        "กระทรวงมหาดไทยพิจารณาความเหมาะสมของตัวชี้วัด น้ำหนัก และค่าเป้าหมาย ผ่านคณะกรรมการกำกับการประเมินผลการปฏิบัติงานของจังหวัด และเป็นเจ้าภาพตัวชี้วัดนโยบายเร่งด่วนของกระทรวงมหาดไทยครอบคลุมทั้ง 76 จังหวัด",
        "กรอบการประเมินมี 2 องค์ประกอบ: Performance Base ร้อยละ 70 จำนวน 3–5 ตัวชี้วัด และ Potential Base ร้อยละ 30 จำนวน 2 ตัวชี้วัด",
        "Joint KPIs 3 ประเด็น: การลดการปล่อยก๊าซเรือนกระจก ความมั่นคงด้านน้ำอุปโภคบริโภค และรายได้จากการท่องเที่ยว พร้อมจังหวัดเป้าหมายในแต่ละประเด็น",
        "รายการตัวชี้วัด 3 ด้าน: ด้านเศรษฐกิจ ด้านสังคม/มั่นคง และด้านสิ่งแวดล้อม จังหวัดเสนอตัวชี้วัดตามบริบทของจังหวัดได้",
        "แนวทางการกำหนดตัวชี้วัด น้ำหนัก และค่าเป้าหมาย และกำหนดส่งข้อเสนอตัวชี้วัดภายในวันที่ 1 สิงหาคม 2565",
    ),
    facts=(
        _f("participants_zoom", "ผู้เข้าร่วมผ่านระบบ Zoom", 482),
        _f("participants_youtube", "ผู้เข้าร่วมผ่าน YouTube Live", 526),
        _f("performance_weight", "น้ำหนัก Performance Base (ร้อยละ)", 70),
        _f("potential_weight", "น้ำหนัก Potential Base (ร้อยละ)", 30),
        _f("joint_issues", "ประเด็น Joint KPIs", 3),
    ),
    agenda=(),
    deadline=dt.date(2022, 8, 1),
    deadline_th="จังหวัดเสนอตัวชี้วัดต่อสำนักงาน ก.พ.ร. และกระทรวงมหาดไทยทางระบบอิเล็กทรอนิกส์ภายในวันที่ 1 สิงหาคม 2565",
)

COMMISSION_2_2564: Final = Meeting(
    code="PDC-2-2564",
    kind="commission",
    body_th=COMMISSION_NAME_TH,
    title_th="การประชุม ก.พ.ร. ครั้งที่ 2/2564",
    number="2/2564",
    date=dt.date(2021, 5, 31),
    start_time=None,
    end_time=None,
    electronic=None,
    channel_th="",
    chair_th=None,
    organiser="OPDC",
    fiscal_years=(2564, 2565),
    agenda=(
        AgendaItem(
            number=1,
            title_th="การประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2564 เพื่อรองรับสถานการณ์การแพร่ระบาดของ COVID-19",
            resolution_kinds=("approve",),
            resolution_th="เห็นชอบให้ส่วนราชการและจังหวัดรายงานผลการดำเนินงานตามตัวชี้วัดเพื่อใช้ในการติดตาม (Monitoring) โดยไม่นำผลไปจัดระดับคุณภาพ ระดับมาตรฐาน และระดับต้องปรับปรุง ให้ส่วนราชการและจังหวัดถอดบทเรียนการบริหารจัดการผลกระทบส่งสำนักงาน ก.พ.ร. และให้สำนักงาน ก.พ.ร. สรุปบทเรียนในภาพรวม",
        ),
        AgendaItem(
            number=2,
            title_th="กรอบและแนวทางการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2565",
            resolution_kinds=("approve",),
            resolution_th="เห็นชอบกรอบและแนวทางการประเมินส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2565 และให้เสนอคณะรัฐมนตรีพิจารณา",
        ),
    ),
)

CABINET_2564_07_20: Final = Meeting(
    code="CAB-2564-07-20",
    kind="cabinet",
    body_th="คณะรัฐมนตรี",
    title_th="การประชุมคณะรัฐมนตรี วันที่ 20 กรกฎาคม 2564",
    number=None,
    date=dt.date(2021, 7, 20),
    start_time=None,
    end_time=None,
    electronic=None,
    channel_th="",
    chair_th=None,
    organiser="SOC",
    fiscal_years=(2564, 2565),
    agenda=(
        AgendaItem(
            number=1,
            title_th="การประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2564 และประจำปีงบประมาณ พ.ศ. 2565",
            resolution_kinds=("approve",),
            resolution_th="เห็นชอบในหลักการตามที่ ก.พ.ร. เสนอ ได้แก่ แนวทางการประเมินฯ ประจำปีงบประมาณ พ.ศ. 2564 เพื่อรองรับสถานการณ์การแพร่ระบาดของ COVID-19 และกรอบและแนวทางการประเมินฯ ประจำปีงบประมาณ พ.ศ. 2565 ซึ่งปรับจากมติคณะรัฐมนตรีเมื่อวันที่ 15 กันยายน 2563",
        ),
    ),
)

CDD_BRIEFING_2564_02_09: Final = Meeting(
    code="CDD-2564-02-09",
    kind="briefing",
    body_th="กรมการพัฒนาชุมชน",
    title_th="การประชุมชี้แจงแนวทางการดำเนินงานการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2564",
    number=None,
    date=dt.date(2021, 2, 9),
    start_time=dt.time(9, 0),
    end_time=None,
    electronic=True,
    channel_th="ระบบ Video Conference ณ ห้อง Warroom ชั้น 5 กรมการพัฒนาชุมชน",
    chair_th="นายสุรศักดิ์ อักษรกุล รองอธิบดีกรมการพัฒนาชุมชน",
    organiser="CDD",
    fiscal_years=(2564,),
    summary_th=(
        "วิทยากรจากสำนักงาน ก.พ.ร.: นางกาญจนา มังกโรทัย นักพัฒนาระบบราชการชำนาญการพิเศษ และ ดร. อรทัย ยศอินต๊ะ นักพัฒนาระบบราชการชำนาญการ",
        "วิทยากรภาคเอกชน: ดร. ธนาวิช จินดาประดิษฐ์ บริษัท แอทไวส คอนซัลติ้ง จำกัด เรื่องการยกระดับการพัฒนาองค์การสู่ระบบราชการ 4.0",
        "กรอบการประเมินปี 2564 มี 2 องค์ประกอบ (Performance Base ร้อยละ 70 และ Potential Base ร้อยละ 30) รวม 5 ตัวชี้วัด",
    ),
    agenda=(),
)

MEETINGS: Final[tuple[Meeting, ...]] = (
    CDD_BRIEFING_2564_02_09,
    COMMISSION_2_2564,
    CABINET_2564_07_20,
    WORKING_GROUP_2_2564,
    BRIEFING_2565_07_04,
    SUBCOMMITTEE_6_2565,
)
