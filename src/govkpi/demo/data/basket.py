"""The KPI Basket and the special KPIs of the seeds.

- ``AGENCY_BASKET``: the FY2565 basket for ministries, PM-office and independent agencies
  (codes "B65-001".."B65-182").
- ``PROVINCE_BASKET``: the FY2566 basket for provinces in the three domains of seed 001
  (codes "P66-001".."P66-046").
- ``JOINT_ISSUES_2566``: the three Joint KPI issues of seed 001 with their target provinces.
- ``URGENT_POLICY_2566``: the MOI urgent-policy KPI (ศจพ.) cascaded to all 76 provinces (seed 000).
- ``ESERVICE_JOINT_2565``: the Agenda e-Service joint KPI (มติ ครม. 3 ส.ค. 2564, seed 002).
- ``ECO_INDUSTRIAL_2565``: Chachoengsao's eco-industrial-town KPI and its approved
  12-month result (seed 000).

What is real: the issues, names and hosts' identities named in the seeds. What is
illustrative: every definition, baseline, target, result, the choice of target provinces
and of participating agencies, and the step descriptions of milestone KPIs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from govkpi.demo.data._agency_basket_a import AGENCY_BASKET_A
from govkpi.demo.data._agency_basket_b import AGENCY_BASKET_B
from govkpi.demo.data._basket_common import Baseline, BasketEntry
from govkpi.demo.data._province_basket import PROVINCE_BASKET
from govkpi.demo.data.organisations import provinces
from govkpi.demo.data.records import (
    HIGHER,
    Direction,
    Domain,
    KpiKind,
    KpiType,
    RoundResult,
    Theme,
    Triple,
    triple,
)

__all__ = [
    "AGENCY_BASKET",
    "ECO_INDUSTRIAL_2565",
    "ESERVICE_JOINT_2565",
    "JOINT_ISSUES_2566",
    "PROVINCE_BASKET",
    "URGENT_POLICY_2566",
    "Baseline",
    "BasketEntry",
    "Participant",
    "SpecialKpi",
    "basket_entry",
    "urgent_policy_2566_provinces",
]

AGENCY_BASKET: tuple[BasketEntry, ...] = AGENCY_BASKET_A + AGENCY_BASKET_B


def basket_entry(code: str) -> BasketEntry:
    """The agency or province basket entry with this code (KeyError if none)."""
    for entry in AGENCY_BASKET + PROVINCE_BASKET:
        if entry.code == code:
            return entry
    raise KeyError(code)


@dataclass(frozen=True, slots=True)
class Participant:
    """An organisation (code) taking part in a joint or cascaded KPI, with what it does."""

    organisation: str
    detail_th: str = ""


@dataclass(frozen=True, slots=True)
class SpecialKpi:
    """A joint, cascaded or area KPI of a given fiscal year, with its template.

    ``host`` is an organisation code (ministry, department, agency, public organisation
    or province code); ``co_hosts`` likewise. ``participants`` are the organisations that
    carry the KPI (for provinces, geothai codes). ``cascaded`` marks a KPI handed down to
    every organisation of a group (all 76 provinces). ``basket_code`` is the Basket entry
    it corresponds to, if any. ``results`` are reported values by round; an approved
    result also names the meeting that approved it (``meetings.Meeting.code``).
    """

    code: str
    fiscal_year: int
    kpi_type: KpiType
    issue_th: str | None
    issue_en: str | None
    name_th: str
    name_en: str
    unit_th: str
    direction: Direction
    kind: KpiKind
    domain: Domain
    definition_th: str
    formula_th: str | None
    host: str
    co_hosts: tuple[str, ...]
    participants: tuple[Participant, ...]
    targets: Triple
    plan_links: tuple[str, ...]
    themes: frozenset[Theme]
    basket_code: str | None = None
    cascaded: bool = False
    milestone_steps_th: tuple[str, ...] = ()
    results: tuple[RoundResult, ...] = ()
    result_approved_on: dt.date | None = None
    approved_by_meeting: str | None = None


def _provinces(*codes: str) -> tuple[Participant, ...]:
    return tuple(Participant(code) for code in codes)


JOINT_ISSUES_2566: tuple[SpecialKpi, ...] = (
    SpecialKpi(
        code="J66-01",
        fiscal_year=2566,
        kpi_type="joint",
        issue_th="การลดการปล่อยก๊าซเรือนกระจก",
        issue_en="Reducing greenhouse gas emissions",
        name_th="ร้อยละของปริมาณก๊าซเรือนกระจกที่ลดลงจากการดำเนินงานของจังหวัด",
        name_en="Greenhouse gas reduced by provincial action",
        unit_th="ร้อยละ",
        direction=HIGHER,
        kind="numeric",
        domain="environment",
        definition_th="ร้อยละของปริมาณก๊าซเรือนกระจกที่ลดลงจากกิจกรรมของจังหวัดเป้าหมายในภาคพลังงาน ขนส่ง อุตสาหกรรม ของเสีย และเกษตร เทียบกับปริมาณการปล่อยในปีฐาน ตามบัญชีก๊าซเรือนกระจกระดับจังหวัด",
        formula_th="((ปริมาณการปล่อยปีฐาน − ปริมาณการปล่อยปีปัจจุบัน) ÷ ปริมาณการปล่อยปีฐาน) × 100",
        host="DCCE",
        co_hosts=("TGO", "MOI"),
        # industrial and large provinces: the eastern seaboard, the Bangkok ring, regional hubs
        participants=_provinces("11", "13", "14", "19", "20", "21", "24", "30", "40", "50", "70", "74", "90"),
        targets=triple(1, 2, 3),
        plan_links=("M10", "POL-NETZERO", "SDG13"),
        themes=frozenset(),
        basket_code="P66-033",
    ),
    SpecialKpi(
        code="J66-02",
        fiscal_year=2566,
        kpi_type="joint",
        issue_th="ความมั่นคงด้านน้ำอุปโภคบริโภค",
        issue_en="Security of domestic water supply",
        name_th="ร้อยละของหมู่บ้านเป้าหมายที่มีน้ำอุปโภคบริโภคเพียงพอตลอดปี",
        name_en="Target villages with enough domestic water all year",
        unit_th="ร้อยละ",
        direction=HIGHER,
        kind="numeric",
        domain="environment",
        definition_th="ร้อยละของหมู่บ้านที่ประสบปัญหาขาดแคลนน้ำอุปโภคบริโภคในจังหวัดเป้าหมาย ที่ได้รับการพัฒนาระบบประปาหมู่บ้านหรือแหล่งน้ำจนมีน้ำที่ได้มาตรฐานเพียงพอตลอดทั้งปี",
        formula_th="(จำนวนหมู่บ้านเป้าหมายที่มีน้ำเพียงพอตลอดปี ÷ จำนวนหมู่บ้านเป้าหมายทั้งหมด) × 100",
        host="DWR",
        co_hosts=("DLA",),
        # drought-prone provinces of the north-east
        participants=_provinces("30", "31", "32", "33", "35", "36", "40", "41", "44", "45", "46"),
        targets=triple(80, 85, 90),
        plan_links=("MP19", "SDG06", "M11"),
        themes=frozenset(),
        basket_code="P66-034",
    ),
    SpecialKpi(
        code="J66-03",
        fiscal_year=2566,
        kpi_type="joint",
        issue_th="รายได้จากการท่องเที่ยว",
        issue_en="Tourism revenue",
        name_th="อัตราการเปลี่ยนแปลงของรายได้จากการท่องเที่ยวของจังหวัด",
        name_en="Change in the province's tourism revenue",
        unit_th="ร้อยละ",
        direction=HIGHER,
        kind="numeric",
        domain="economy",
        definition_th="อัตราการเปลี่ยนแปลงของรายได้จากนักท่องเที่ยวชาวไทยและชาวต่างชาติของจังหวัดเป้าหมาย เทียบกับปีงบประมาณก่อนหน้า",
        formula_th="((รายได้จากการท่องเที่ยวปีปัจจุบัน − ปีก่อน) ÷ รายได้จากการท่องเที่ยวปีก่อน) × 100",
        host="MOTS",
        co_hosts=("DOT", "DASTA"),
        # main tourist provinces
        participants=_provinces("14", "20", "50", "57", "71", "76", "77", "81", "82", "83", "84", "90"),
        targets=triple(20, 30, 40),
        plan_links=("MP05", "M02"),
        themes=frozenset(),
        basket_code="P66-001",
    ),
)


def urgent_policy_2566_provinces() -> tuple[Participant, ...]:
    """The participants of ``URGENT_POLICY_2566``: all 76 evaluated provinces."""
    return tuple(Participant(p.code) for p in provinces())


_SJP_STEPS = (
    "แต่งตั้งหรือทบทวนคณะกรรมการ ศจพ.จ. ศจพ.อ. และทีมปฏิบัติการระดับตำบล (ทีมพี่เลี้ยง)",
    "สอบทานข้อมูลครัวเรือนเป้าหมายจากระบบ TPMAP และข้อมูล จปฐ. และบันทึกในระบบ ThaiQM ครบถ้วน",
    "จัดทำแผนช่วยเหลือรายครัวเรือนครบทุกครัวเรือนเป้าหมาย",
    "ช่วยเหลือครัวเรือนเป้าหมายตามแผนครบ 5 มิติ (สุขภาพ ความเป็นอยู่ การศึกษา รายได้ การเข้าถึงบริการรัฐ)",
    "ครัวเรือนเป้าหมายไม่น้อยกว่าร้อยละ 70 พ้นเกณฑ์ในมิติที่ขาด และรายงานผลผ่านระบบ ThaiQM",
)

URGENT_POLICY_2566: SpecialKpi = SpecialKpi(
    code="U66-01",
    fiscal_year=2566,
    kpi_type="strategic",
    issue_th="ตัวชี้วัดนโยบายเร่งด่วนของกระทรวงมหาดไทย",
    issue_en="Ministry of Interior urgent-policy KPI",
    name_th="การขับเคลื่อนการดำเนินงานของศูนย์อำนวยการขจัดความยากจนและพัฒนาคนทุกช่วงวัยอย่างยั่งยืนตามหลักปรัชญาของเศรษฐกิจพอเพียง (ศจพ.)",
    name_en="Driving the work of the Centres for Poverty Eradication and Lifelong Human Development under the Sufficiency Economy Philosophy (ศจพ.)",
    unit_th="ระดับ",
    direction=HIGHER,
    kind="milestone",
    domain="society",
    definition_th="ระดับความสำเร็จของจังหวัดในการขับเคลื่อนกลไก ศจพ. ทุกระดับ เพื่อแก้ไขปัญหาความยากจนของครัวเรือนเป้าหมายรายครัวเรือนตามข้อมูลระบบ TPMAP",
    formula_th=None,
    host="MOI",
    co_hosts=("OPSMOI", "CDD"),
    participants=urgent_policy_2566_provinces(),
    targets=triple(3, 4, 5),
    plan_links=("POL-POVERTY", "M09", "SDG01"),
    themes=frozenset(),
    basket_code="P66-015",
    cascaded=True,
    milestone_steps_th=_SJP_STEPS,
)


ESERVICE_JOINT_2565: SpecialKpi = SpecialKpi(
    code="J65-ES",
    fiscal_year=2565,
    kpi_type="joint",
    issue_th="การขับเคลื่อนงานบริการ Agenda (e-Service) ตามมติคณะรัฐมนตรี เมื่อวันที่ 3 สิงหาคม 2564",
    issue_en="Agenda e-Service, Cabinet resolution of 3 August 2021",
    name_th="ระดับความสำเร็จของการยกระดับงานบริการภาครัฐสู่การให้บริการดิจิทัลแบบครบวงจร (e-Service)",
    name_en="Upgrading public services to end-to-end digital services (e-Service)",
    unit_th="ระดับ",
    direction=HIGHER,
    kind="milestone",
    domain="governance",
    definition_th="ระดับความสำเร็จของส่วนราชการเจ้าของงานบริการเป้าหมายในการปรับกระบวนงานและเปิดให้บริการดิจิทัลแบบครบวงจร โดยมีสำนักงานพัฒนารัฐบาลดิจิทัลเป็นเจ้าภาพหลักและสำนักงาน ก.พ.ร. ร่วมติดตามผล",
    formula_th=None,
    host="DGA",
    co_hosts=("OPDC",),
    participants=(
        Participant("DOPA", "การแจ้งย้ายที่อยู่และคัดรับรองทะเบียนราษฎรผ่านแอปพลิเคชัน D.DOPA"),
        Participant("DOL", "การตรวจสอบข้อมูลที่ดินและการนัดหมายทำธุรกรรมที่ดินออนไลน์"),
        Participant("DLT", "การชำระภาษีรถประจำปีและการต่ออายุใบอนุญาตขับรถออนไลน์"),
        Participant("RD", "การยื่นแบบแสดงรายการและคืนภาษีเงินได้บุคคลธรรมดาทางอิเล็กทรอนิกส์"),
        Participant("DBD", "การจดทะเบียนนิติบุคคลทางอิเล็กทรอนิกส์ (DBD e-Registration)"),
        Participant("DOE", "การขออนุญาตทำงานของคนต่างด้าวทางอิเล็กทรอนิกส์ (e-WorkPermit)"),
        Participant("DIW", "การขออนุญาตประกอบกิจการโรงงาน (ร.ง.4) ทางอิเล็กทรอนิกส์"),
        Participant("DCA", "การนัดหมายทำหนังสือเดินทางและการรับรองเอกสารออนไลน์"),
    ),
    targets=triple(3, 4, 5),
    plan_links=("POL-ESERVICE", "MP20", "M13"),
    themes=frozenset({"eservice"}),
    milestone_steps_th=(
        "คัดเลือกงานบริการเป้าหมายและจัดทำแผนยกระดับสู่บริการดิจิทัลร่วมกับ สพร.",
        "ปรับกระบวนงานและกฎระเบียบให้รองรับการให้บริการดิจิทัล",
        "เปิดให้บริการดิจิทัลแบบครบวงจรผ่านระบบของหน่วยงานหรือแอปพลิเคชันทางรัฐ",
        "มีผู้ใช้บริการผ่านช่องทางดิจิทัลไม่น้อยกว่าร้อยละ 30 ของผู้รับบริการทั้งหมด",
        "มีผู้ใช้บริการผ่านช่องทางดิจิทัลไม่น้อยกว่าร้อยละ 50 และความพึงพอใจไม่น้อยกว่าร้อยละ 85",
    ),
)

ECO_INDUSTRIAL_2565: SpecialKpi = SpecialKpi(
    code="A65-24-01",
    fiscal_year=2565,
    kpi_type="area",
    issue_th=None,
    issue_en=None,
    name_th="การพัฒนาพื้นที่อุตสาหกรรมเข้าสู่เมืองอุตสาหกรรมเชิงนิเวศ",
    name_en="Developing industrial areas into an eco-industrial town",
    unit_th="ระดับ",
    direction=HIGHER,
    kind="milestone",
    domain="environment",
    definition_th="ระดับความสำเร็จของจังหวัดฉะเชิงเทราในการพัฒนาพื้นที่อุตสาหกรรมในเขตพัฒนาพิเศษภาคตะวันออกให้ผ่านเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศ 5 มิติของกรมโรงงานอุตสาหกรรม",
    formula_th=None,
    host="24",
    co_hosts=("DIW",),
    participants=_provinces("24"),
    targets=triple(3, 4, 5),
    plan_links=("MP18", "M10", "MP09"),
    themes=frozenset(),
    basket_code="P66-046",
    milestone_steps_th=(
        "แต่งตั้งคณะกรรมการขับเคลื่อนเมืองอุตสาหกรรมเชิงนิเวศจังหวัดฉะเชิงเทราและจัดทำแผนปฏิบัติการ",
        "ประเมินตนเองตามเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศ 5 มิติ",
        "ดำเนินโครงการตามแผนปฏิบัติการได้ครบถ้วน",
        "ผ่านการตรวจประเมินระดับ Eco-Champion ในพื้นที่เป้าหมาย",
        "ผ่านการตรวจประเมินระดับ Eco-Excellence อย่างน้อย 1 พื้นที่",
    ),
    results=(
        RoundResult(6, Decimal("2"), "verified", "ประเมินตนเองตามเกณฑ์ 5 มิติแล้วเสร็จ"),
        RoundResult(12, Decimal("4"), "approved", "พื้นที่เป้าหมายผ่านการตรวจประเมินระดับ Eco-Champion โดยกรมโรงงานอุตสาหกรรม"),
    ),
    result_approved_on=dt.date(2022, 9, 22),
    approved_by_meeting="SUBC-6-2565",
)
