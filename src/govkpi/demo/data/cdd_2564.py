"""กรมการพัฒนาชุมชน (Community Development Department, "CDD"), fiscal year 2564 (seed 004).

From the seed, exactly: the two components and their weights (Performance Base 70,
Potential Base 30) and the five KPIs with their names and weights. FY2564 was a
monitoring-only year (seed 003: results reported, never banded), so ``MONITORING_ONLY``.

Illustrative: the English names, definitions, target ladders, the 6- and 12-month results,
the milestone step descriptions and the lessons-learned text (ถอดบทเรียน).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from govkpi.demo.data.records import (
    HIGHER,
    Component,
    Direction,
    KpiKind,
    RoundResult,
    Triple,
    triple,
)

ORGANISATION: Final = "CDD"
FISCAL_YEAR: Final = 2564
MONITORING_ONLY: Final = True
BRIEFING_MEETING: Final = "CDD-2564-02-09"
"""Code of the CDD briefing of 9 February 2564 in ``meetings.MEETINGS`` (seed 004)."""

COMPONENT_WEIGHTS: Final[dict[Component, Decimal]] = {
    "performance": Decimal(70),
    "potential": Decimal(30),
}
COMPONENT_NAMES_TH: Final[dict[Component, str]] = {
    "performance": "การประเมินประสิทธิผลการดำเนินงาน (Performance Base)",
    "potential": "การประเมินศักยภาพในการดำเนินงาน (Potential Base)",
}


@dataclass(frozen=True, slots=True)
class CddKpi:
    """One of the five FY2564 KPIs of CDD; ``weight`` is percent of the whole (sums to 100)."""

    code: str
    component: Component
    name_th: str
    name_en: str
    weight: Decimal
    unit_th: str
    direction: Direction
    kind: KpiKind
    definition_th: str
    formula_th: str | None
    targets: Triple
    results: tuple[RoundResult, ...]
    basket_code: str | None
    plan_links: tuple[str, ...]
    milestone_steps_th: tuple[str, ...] = ()


KPIS: Final[tuple[CddKpi, ...]] = (
    CddKpi(
        code="CDD64-1",
        component="performance",
        name_th="ระดับความสำเร็จของการส่งเสริมผลิตภัณฑ์ OTOP ในตลาดออนไลน์",
        name_en="Promotion of OTOP products in online markets",
        weight=Decimal(20),
        unit_th="ระดับ",
        direction=HIGHER,
        kind="milestone",
        definition_th="ระดับความสำเร็จของการส่งเสริมผู้ผลิตผู้ประกอบการ OTOP ให้จำหน่ายสินค้าผ่านตลาดออนไลน์และมียอดจำหน่ายเพิ่มขึ้น",
        formula_th=None,
        targets=triple(3, 4, 5),
        results=(
            RoundResult(6, Decimal(3), "verified", "ผู้ประกอบการเป้าหมายนำสินค้าขึ้นจำหน่ายบนแพลตฟอร์มครบถ้วน"),
            RoundResult(12, Decimal(5), "verified", "ยอดจำหน่ายออนไลน์รวมเพิ่มขึ้นร้อยละ 18.4 จากปีก่อน"),
        ),
        basket_code="B65-099",
        plan_links=("MP16", "M07"),
        milestone_steps_th=(
            "คัดเลือกผู้ประกอบการ OTOP เป้าหมายและจัดทำแผนส่งเสริมการตลาดออนไลน์",
            "พัฒนาทักษะการค้าออนไลน์และจัดทำข้อมูลสินค้าให้พร้อมจำหน่าย",
            "ผู้ประกอบการเป้าหมายนำสินค้าขึ้นจำหน่ายบนแพลตฟอร์มออนไลน์ได้ครบถ้วน",
            "ผู้ประกอบการเป้าหมายมียอดจำหน่ายผ่านช่องทางออนไลน์ไม่น้อยกว่าร้อยละ 50",
            "ยอดจำหน่ายออนไลน์รวมเพิ่มขึ้นไม่น้อยกว่าร้อยละ 10 จากปีก่อน",
        ),
    ),
    CddKpi(
        code="CDD64-2",
        component="performance",
        name_th="ร้อยละหมู่บ้านที่ได้รับการพัฒนาตามหลักปรัชญาของเศรษฐกิจพอเพียงมีความสุขมวลรวมเพิ่มขึ้น",
        name_en="Villages developed under the Sufficiency Economy Philosophy with higher gross village happiness",
        weight=Decimal(25),
        unit_th="ร้อยละ",
        direction=HIGHER,
        kind="numeric",
        definition_th="ร้อยละของหมู่บ้านเป้าหมายที่ได้รับการพัฒนาตามหลักปรัชญาของเศรษฐกิจพอเพียงและมีคะแนนความสุขมวลรวมของหมู่บ้าน (GVH) เพิ่มขึ้นจากปีก่อน",
        formula_th="(จำนวนหมู่บ้านที่คะแนน GVH เพิ่มขึ้น ÷ จำนวนหมู่บ้านเป้าหมาย) × 100",
        targets=triple(70, 75, 80),
        results=(RoundResult(12, Decimal("78.60"), "verified", "ประเมินความสุขมวลรวมหมู่บ้านเป้าหมาย 6,118 หมู่บ้าน"),),
        basket_code="B65-097",
        plan_links=("MP16", "M09"),
    ),
    CddKpi(
        code="CDD64-3",
        component="performance",
        name_th="จำนวนกองทุนชุมชนเข้มแข็งที่สามารถยกระดับได้",
        name_en="Community funds upgraded",
        weight=Decimal(25),
        unit_th="กองทุน",
        direction=HIGHER,
        kind="numeric",
        definition_th="จำนวนกองทุนชุมชนที่ได้รับการส่งเสริมและผ่านเกณฑ์การยกระดับการบริหารจัดการกองทุนชุมชนเข้มแข็ง",
        formula_th="นับจำนวนกองทุนที่ผ่านเกณฑ์การยกระดับในปีงบประมาณ",
        targets=triple(1500, 1750, 2000),
        results=(
            RoundResult(6, Decimal(950), "verified"),
            RoundResult(12, Decimal(1878), "verified"),
        ),
        basket_code="B65-098",
        plan_links=("MP16", "M09"),
    ),
    CddKpi(
        code="CDD64-4",
        component="potential",
        name_th="การพัฒนาระบบลงทะเบียนผู้ผลิตประกอบการ OTOP",
        name_en="Developing the OTOP producer and entrepreneur registration system",
        weight=Decimal(15),
        unit_th="ระดับ",
        direction=HIGHER,
        kind="milestone",
        definition_th="ระดับความสำเร็จของการพัฒนาระบบลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ทางอิเล็กทรอนิกส์และการใช้ข้อมูลเพื่อการส่งเสริม",
        formula_th=None,
        targets=triple(3, 4, 5),
        results=(
            RoundResult(6, Decimal(2), "verified"),
            RoundResult(12, Decimal(4), "verified", "ผู้ผลิตผู้ประกอบการลงทะเบียนผ่านระบบร้อยละ 57.3"),
        ),
        basket_code=None,
        plan_links=("MP20", "MP16"),
        milestone_steps_th=(
            "ศึกษาความต้องการและออกแบบระบบลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP",
            "พัฒนาระบบและนำเข้าข้อมูลผู้ผลิตผู้ประกอบการเดิม",
            "ทดสอบระบบและเปิดให้ลงทะเบียนออนไลน์ทั่วประเทศ",
            "ผู้ผลิตผู้ประกอบการลงทะเบียนผ่านระบบไม่น้อยกว่าร้อยละ 50",
            "เชื่อมโยงข้อมูลกับหน่วยงานที่เกี่ยวข้องและใช้ข้อมูลวางแผนการส่งเสริม",
        ),
    ),
    CddKpi(
        code="CDD64-5",
        component="potential",
        name_th="การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA)",
        name_en="Assessment of the organisation's status as Government 4.0 (PMQA)",
        weight=Decimal(15),
        unit_th="คะแนน",
        direction=HIGHER,
        kind="numeric",
        definition_th="คะแนนผลการประเมินการพัฒนาองค์การตามเกณฑ์คุณภาพการบริหารจัดการภาครัฐ 4.0 (คะแนนเต็ม 500)",
        formula_th="คะแนนรวมจากการตรวจประเมินตามเกณฑ์ PMQA 4.0 ของสำนักงาน ก.พ.ร.",
        targets=triple(300, 350, 400),
        results=(RoundResult(12, Decimal("352.40"), "verified"),),
        basket_code="B65-002",
        plan_links=("MP20", "RF02"),
    ),
)

LESSONS_LEARNED_TH: Final = (
    "การแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 ในปีงบประมาณ พ.ศ. 2564 ทำให้กรมการพัฒนาชุมชน"
    "ต้องปรับวิธีการทำงานอย่างรวดเร็ว การจัดงานแสดงและจำหน่ายสินค้า OTOP ในรูปแบบเดิมไม่สามารถ"
    "ดำเนินการได้ กรมจึงเร่งพัฒนาทักษะการค้าออนไลน์ให้ผู้ผลิตผู้ประกอบการ และเชื่อมโยงกับแพลตฟอร์ม"
    "ตลาดออนไลน์และบริษัทขนส่ง ทำให้ยอดจำหน่ายผ่านช่องทางออนไลน์เพิ่มขึ้นกว่าปีก่อน ขณะเดียวกัน"
    "การประชุมชี้แจงและการติดตามงานกับสำนักงานพัฒนาชุมชนจังหวัดและอำเภอย้ายไปใช้ระบบ Video "
    "Conference ซึ่งช่วยลดค่าใช้จ่ายและระยะเวลาเดินทาง แต่พบข้อจำกัดด้านสัญญาณอินเทอร์เน็ตในพื้นที่"
    "ห่างไกลและทักษะดิจิทัลของผู้ประกอบการสูงอายุ การจัดเก็บข้อมูลความสุขมวลรวมของหมู่บ้านต้อง"
    "ปรับให้พัฒนากรและอาสาพัฒนาชุมชนเก็บข้อมูลรายครัวเรือนโดยลดการรวมกลุ่ม บทเรียนสำคัญคือ "
    "ข้อมูลผู้ประกอบการที่เป็นปัจจุบันจากระบบลงทะเบียนผู้ผลิตผู้ประกอบการ OTOP ช่วยให้ช่วยเหลือได้ตรง"
    "กลุ่ม เครือข่ายผู้นำชุมชนและกองทุนชุมชนที่เข้มแข็งเป็นกลไกรองรับผลกระทบในระดับพื้นที่ได้ดี "
    "และควรจัดทำแผนความต่อเนื่องในการให้บริการ (BCP) พร้อมงบประมาณสำรองสำหรับภาวะวิกฤตในอนาคต"
)
"""ถอดบทเรียนการบริหารจัดการผลกระทบจากโควิด-19 (seed 003, item 1.2). Illustrative."""
