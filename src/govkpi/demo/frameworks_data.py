"""The frameworks of fiscal years 2564–2566 as the seeds describe them.

Component weights and KPI counts are from seeds 001 and 004 (Performance Base 70% with 3–5 KPIs,
Potential Base 30% with 2 KPIs); FY2564 is monitoring only (seed 003); the provinces' FY2566
proposal deadline is 1 ส.ค. 2565 (seed 001). Band thresholds, round dates and the other deadlines
are illustrative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class FrameworkSpec:
    year: int
    group: str
    name_th: str
    name_en: str
    monitoring_only: bool
    proposal_deadline: dt.date


LADDER = (("ขั้นต้น", "Threshold", Decimal(50)), ("มาตรฐาน", "Standard", Decimal(75)), ("ขั้นสูง", "Advanced", Decimal(100)))
BANDS = (
    ("ระดับคุณภาพ", "Quality", Decimal(90), "#2f855a"),
    ("ระดับมาตรฐาน", "Standard", Decimal(75), "#d69e2e"),
    ("ระดับต้องปรับปรุง", "Needs improvement", Decimal(0), "#c53030"),
)
COMPONENTS = (
    ("performance", "การประเมินประสิทธิผลการดำเนินงาน (Performance Base)", "Performance Base", Decimal(70), 3, 5),
    ("potential", "การประเมินศักยภาพในการดำเนินงาน (Potential Base)", "Potential Base", Decimal(30), 2, 2),
)

GROUP_TH = {"agencies": "ส่วนราชการ", "provinces": "จังหวัด"}
GROUP_EN = {"agencies": "government agencies", "provinces": "provinces"}


def spec(year: int, group: str, deadline: dt.date, monitoring_only: bool = False) -> FrameworkSpec:
    return FrameworkSpec(
        year=year,
        group=group,
        name_th=f"การประเมิน{GROUP_TH[group]}ตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {year}",
        name_en=f"Evaluation of {GROUP_EN[group]}, fiscal year {year - 543}",
        monitoring_only=monitoring_only,
        proposal_deadline=deadline,
    )


FRAMEWORKS = (
    spec(2564, "agencies", dt.date(2020, 11, 30), monitoring_only=True),
    spec(2564, "provinces", dt.date(2020, 11, 30), monitoring_only=True),
    spec(2565, "agencies", dt.date(2021, 8, 31)),
    spec(2565, "provinces", dt.date(2021, 8, 31)),
    spec(2566, "agencies", dt.date(2022, 8, 31)),
    spec(2566, "provinces", dt.date(2022, 8, 1)),
)


def rounds_of(year: int) -> list[tuple[int, dt.date, dt.date]]:
    """Reporting windows: after the 6-month mark, and after the year ends (illustrative)."""
    ce = year - 543
    return [(6, dt.date(ce, 4, 1), dt.date(ce, 5, 15)), (12, dt.date(ce, 9, 1), dt.date(ce, 10, 31))]


COMMITTEES = (
    (
        "WG-AGENCIES",
        "working_group",
        "คณะทำงานเพื่อพิจารณาตัวชี้วัดตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการของส่วนราชการ",
        "Working group on agencies' KPIs",
    ),
    (
        "OPDC-SUB",
        "subcommittee",
        "อ.ก.พ.ร. เกี่ยวกับการประเมินส่วนราชการตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ",
        "OPDC sub-commission on the evaluation",
    ),
    ("OPDC", "commission", "คณะกรรมการพัฒนาระบบราชการ (ก.พ.ร.)", "Public Sector Development Commission"),
    (
        "MOI-PROV",
        "moi_provincial",
        "คณะกรรมการกำกับการประเมินผลการปฏิบัติราชการของจังหวัด",
        "MOI committee on provincial evaluation",
    ),
)
